import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '@quire/shared';
import { checkUpdate } from '../src/protocol/decode.js';
import { ProtocolError } from '../src/errors.js';

/**
 * SPEC: WebSocket — a malformed update leaves the document untouched. Real updates with a
 * few bytes changed either are refused by `checkUpdate` (1003, before anything touches a
 * document), or apply without throwing and leave a document that still encodes, reloads
 * and takes further edits. Yjs' decoder alone lets through updates that throw halfway.
 *
 * Reproduce a failure with the seed and path fast-check prints:
 *   QUIRE_FC_SEED=<seed> QUIRE_FC_PATH=<path> npx vitest run server/test/update-check.property.test.ts
 */

/** Three editors with fixed ids (one above 2^31) edit text, a map, an array and XML. */
function editingHistory(): { base: Uint8Array; updates: Uint8Array[] } {
  const docs = [1_234_567, 2_987_654_321, 42].map((clientID) => {
    const doc = new Y.Doc();
    doc.clientID = clientID;
    return doc;
  });
  const updates: Uint8Array[] = [];
  for (const doc of docs) {
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'sync') updates.push(update);
    });
  }
  const sync = (): void => {
    for (const from of docs) {
      for (const to of docs) {
        if (from !== to) Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), 'sync');
      }
    }
  };
  const [a, b, c] = docs as [Y.Doc, Y.Doc, Y.Doc];
  a.getText('t').insert(0, 'hello world');
  sync();
  b.getText('t').insert(5, ' there');
  c.getMap('m').set('list', new Y.Array<unknown>());
  sync();
  a.getText('t').delete(2, 3);
  b.getMap<Y.Array<unknown>>('m')
    .get('list')
    ?.push([1, 'x', { o: 1 }]);
  c.getXmlFragment('x').insert(0, [new Y.XmlElement('p'), new Y.XmlText('q')]);
  sync();
  b.getText('t').format(0, 4, { bold: true });
  c.getText('t').insert(3, 'abc');
  a.getMap('m').set('n', 7);
  sync();
  a.getArray('a').insert(0, ['z', 2]);
  b.getText('t').delete(0, 1);
  updates.push(Y.mergeUpdates(updates.slice(-3)));
  return { base: Y.encodeStateAsUpdate(a), updates };
}

const history = editingHistory();

const mutationArbitrary = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('set', 'flip', 'increment', 'decrement'),
  value: fc.nat(255),
});

type MutationCase = {
  update: number;
  mutations: { at: number; kind: 'set' | 'flip' | 'increment' | 'decrement'; value: number }[];
  onStoredDoc: boolean;
};

const caseArbitrary: fc.Arbitrary<MutationCase> = fc.record({
  update: fc.nat(history.updates.length - 1),
  mutations: fc.array(mutationArbitrary, { minLength: 1, maxLength: 3 }),
  onStoredDoc: fc.boolean(),
});

function mutate(source: Uint8Array, mutations: MutationCase['mutations']): Uint8Array {
  const bytes = Uint8Array.from(source);
  for (const { at, kind, value } of mutations) {
    const i = at % bytes.length;
    const old = bytes[i] ?? 0;
    bytes[i] =
      kind === 'set' ? value : kind === 'flip' ? old ^ (1 << (value % 8)) : kind === 'increment' ? old + 1 : old - 1;
  }
  return bytes;
}

function checkCase({ update, mutations, onStoredDoc }: MutationCase): void {
  const bytes = mutate(history.updates[update]!, mutations);
  try {
    checkUpdate(bytes);
  } catch (err) {
    expect(err).toBeInstanceOf(ProtocolError);
    expect((err as ProtocolError).code).toBe(CloseCode.UnsupportedData);
    return;
  }
  const doc = new Y.Doc();
  if (onStoredDoc) Y.applyUpdate(doc, history.base);
  Y.applyUpdate(doc, bytes);
  const reloaded = new Y.Doc();
  Y.applyUpdate(reloaded, Y.encodeStateAsUpdate(doc));
  doc.getText('t').insert(0, 'more');
  doc.getArray('a').push([1]);
  Y.applyUpdate(reloaded, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(reloaded)));
  expect(reloaded.getText('t').toString()).toContain('more');
}

describe('update checks (SPEC: WebSocket, malformed messages)', () => {
  it('a mutated update is refused with 1003, or applies cleanly and leaves a document that still encodes and edits', () => {
    const seed = process.env.QUIRE_FC_SEED;
    const path = process.env.QUIRE_FC_PATH;
    fc.assert(fc.property(caseArbitrary, checkCase), {
      numRuns: 10_000,
      ...(seed === undefined ? {} : { seed: Number(seed) }),
      ...(path === undefined ? {} : { path }),
    });
  });
});
