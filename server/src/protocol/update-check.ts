import * as Y from 'yjs';
import { nestsWithin } from './nesting.js';

/**
 * Whether a Yjs update from the network is safe to integrate (SPEC: WebSocket, malformed
 * messages leave the document untouched). Yjs' decoder checks the encoding only: some
 * updates that decode still make `applyUpdate` throw after integrating part of them, or
 * leave the document unable to encode itself again. Mutating real updates byte by byte
 * (`update-check.property.test.ts`) finds them; every such update broke one of the rules
 * below, which no update made by Yjs breaks:
 * - every struct and every deleted range is at least one clock long;
 * - an item's origins and parent, when written by its own author, come before it;
 * - an item's left and right origins are different items.
 * One more rule keeps a document encodable: JSON and other values in its content (map
 * values, embeds, formatting attributes) nest at most `MAX_CONTENT_DEPTH` levels. One
 * nested 20,000 deep applies, but every later encoding of the document (a joiner's sync,
 * a compaction) overflows the stack, so the document could no longer be opened.
 * Whether the update keeps the editor's document shape depends on the document it lands
 * in: `update-structure.ts` checks that when the update is applied.
 */
const MAX_CONTENT_DEPTH = 1000;

/** Per client, the clock just past the last struct an update holds. */
export type ClockEnds = Map<number, number>;

/** An update as Yjs decodes it (`Y.decodeUpdate`): decoded once per frame, read by every check. */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/** An update that decodes but breaks one of the rules above. */
export class InvalidUpdate extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidUpdate';
  }
}

/**
 * Decodes `update` in full and checks the rules; throws InvalidUpdate for a broken rule,
 * or Yjs' own error for bytes that do not decode. Returns where the update's clocks end.
 */
export function checkUpdateRules(update: Uint8Array): ClockEnds {
  return checkDecodedRules(Y.decodeUpdate(update));
}

/** `checkUpdateRules` for an update already decoded. */
export function checkDecodedRules({ structs, ds }: DecodedUpdate): ClockEnds {
  const ends: ClockEnds = new Map();
  for (const struct of structs) {
    const { client, clock } = struct.id;
    const end = clock + struct.length;
    if (!(struct.length > 0)) throw new InvalidUpdate('struct of length zero');
    if (!Number.isSafeInteger(end)) throw new InvalidUpdate('struct clock out of range');
    if (struct instanceof Y.Item) {
      checkItemReferences(struct);
      if (!nestsWithin(valuesOf(struct.content), MAX_CONTENT_DEPTH)) {
        throw new InvalidUpdate('content nested too deeply');
      }
    }
    if (end > (ends.get(client) ?? 0)) ends.set(client, end);
  }
  for (const ranges of ds.clients.values()) {
    for (const { clock, len } of ranges) {
      if (!(len > 0)) throw new InvalidUpdate('deleted range of length zero');
      if (!Number.isSafeInteger(clock + len)) throw new InvalidUpdate('deleted range out of range');
    }
  }
  return ends;
}

/** The JSON-like values an item's content holds, if any. */
function valuesOf(content: Y.Item['content']): unknown {
  if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON) return content.arr;
  if (content instanceof Y.ContentEmbed) return content.embed;
  if (content instanceof Y.ContentFormat) return content.value;
  if (content instanceof Y.ContentDoc) return content.opts;
  return undefined;
}

function checkItemReferences(item: Y.Item): void {
  const { id, origin, rightOrigin, parent } = item;
  if (origin !== null && rightOrigin !== null && Y.compareIDs(origin, rightOrigin)) {
    throw new InvalidUpdate('item with the same left and right origin');
  }
  if (
    isOwnLaterClock(origin, id) ||
    isOwnLaterClock(rightOrigin, id) ||
    (parent instanceof Y.ID && isOwnLaterClock(parent, id))
  ) {
    throw new InvalidUpdate("item refers to its own author's later clock");
  }
}

/** Whether `ref` points at `id`'s own client, at or after `id`'s clock. */
function isOwnLaterClock(ref: Y.ID | null, id: Y.ID): boolean {
  return ref !== null && ref.client === id.client && ref.clock >= id.clock;
}
