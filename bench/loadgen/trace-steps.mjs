// Turns a concurrent editing trace (josephg/editing-traces format: transactions with an
// agent, parents and patches) into what each author sends in a live replay: for every
// transaction, the Yjs update its author makes, and how many transactions of each other
// author it was typed after (it may be sent only once its author has received those).
// Each author is simulated with its own Y.Doc holding exactly the transaction's parents,
// so patch positions mean what they meant when typed. Every transaction also bumps a
// counter in a map, so that each one advances its author's clock (a transaction that only
// deletes would not) and "has received transaction k" is "the clock has reached c_k".
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import * as Y from 'yjs';

/** Client ids of the simulated authors (the live clients send their updates unchanged). */
export const authorId = (agent) => 1_000 + agent;

/**
 * @returns {{ agents: number, steps: { agent: number, update: Uint8Array, needs: number[] }[],
 *   clocks: number[][], text: string }} `clocks[b][k]`: author b's clock once it made k transactions.
 */
export function traceSteps(file, limit) {
  const trace = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8'));
  const txns = trace.txns.slice(0, limit);
  const agents = trace.numAgents;
  const docs = Array.from({ length: agents }, (_, agent) => {
    const doc = new Y.Doc();
    doc.clientID = authorId(agent);
    return doc;
  });
  const updatesBy = Array.from({ length: agents }, () => []);
  const clocks = Array.from({ length: agents }, () => [0]);
  const merged = Array.from({ length: agents }, () => new Array(agents).fill(0));
  const seen = [];
  const steps = [];
  for (const [index, txn] of txns.entries()) {
    const needs = new Array(agents).fill(0);
    for (const parent of txn.parents) seen[parent].forEach((count, b) => (needs[b] = Math.max(needs[b], count)));
    const doc = docs[txn.agent];
    for (let b = 0; b < agents; b++) {
      if (b === txn.agent) continue;
      for (let k = merged[txn.agent][b]; k < needs[b]; k++) Y.applyUpdate(doc, updatesBy[b][k]);
      merged[txn.agent][b] = Math.max(merged[txn.agent][b], needs[b]);
    }
    const update = typeIn(doc, txn.patches, index);
    updatesBy[txn.agent].push(update);
    clocks[txn.agent].push(Y.getState(doc.store, doc.clientID));
    seen[index] = needs.map((count, b) => (b === txn.agent ? updatesBy[b].length : count));
    steps.push({ agent: txn.agent, update, needs });
  }
  // In trace order, so no update ever waits for one it builds on.
  const all = new Y.Doc();
  for (const step of steps) Y.applyUpdate(all, step.update);
  return { agents, steps, clocks, text: all.getText('bench').toString() };
}

/** Applies one transaction's patches (splice semantics) in one Yjs transaction; returns its update. */
function typeIn(doc, patches, index) {
  let update;
  const capture = (u) => (update = u);
  doc.on('update', capture);
  doc.transact(() => {
    const text = doc.getText('bench');
    for (const [pos, deleted, inserted] of patches) {
      if (deleted > 0) text.delete(pos, deleted);
      if (inserted.length > 0) text.insert(pos, inserted);
    }
    doc.getMap('trace').set('n', index);
  });
  doc.off('update', capture);
  return update;
}
