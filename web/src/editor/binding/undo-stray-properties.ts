/**
 * An undo or redo never gives a node a property its type never has (issue #19). Undoing
 * one's own in-place type change (a heading made a code block) restores what that change
 * removed, the heading's `__tag` included; when a collaborator has since made the block a
 * quote, the undo manager keeps their `__type` (it never overwrites another's value) but
 * still restores the `__tag`, and the server refuses that update (1003 "property __tag
 * with a value a "quote" node never has"), which the page then resends on every reconnect.
 * The undo and the removal of such properties run in one transaction, so one update.
 */
import { hasProperty, nodeSchema, NODE_STATE_KEY } from '@quire/shared';
import { Map as YMap, UndoManager, XmlText, type Transaction } from 'yjs';
import { popWithStartsFirst } from './markers-first.js';
import { keepTextInItsNode } from './restored-node-starts.js';
import { dropMisplacedRestored } from './undone-misplaced.js';
import { dropTextMovedOn } from './undone-split.js';
import { whilePopping } from './undone-split-kept.js';

/** Removes the properties among `keys` that `type`'s node type never has. */
function dropStray(type: unknown, keys: Set<string | null>): void {
  if (!(type instanceof XmlText) && !(type instanceof YMap)) return;
  const map = type instanceof YMap ? (type as YMap<unknown>) : null;
  const nodeType = map !== null ? map.get('__type') : (type as XmlText).getAttribute('__type');
  if (typeof nodeType !== 'string' || nodeSchema(nodeType) === undefined) return;
  for (const key of keys) {
    if (key === null || !key.startsWith('__') || key === '__type' || key === NODE_STATE_KEY) continue;
    if (hasProperty(nodeType, key)) continue;
    if (map !== null) {
      if (map.has(key)) map.delete(key);
    } else if ((type as XmlText).getAttribute(key) !== undefined) {
      (type as XmlText).removeAttribute(key);
    }
  }
}

/**
 * A node the step changed the type of is checked whole: a property one's undone change had
 * added (a heading's `__tag`) stays when the undo scope keeps it (the block holds a
 * collaborator's text, undo-scope.ts), and the paragraph the block became again must not
 * keep it (the editor's next change would drop it alone, which the server refuses).
 */
function dropStrayProperties(transaction: Transaction): void {
  for (const [type, keys] of transaction.changed) dropStray(type, keys.has('__type') ? allKeysOf(type, keys) : keys);
}

function allKeysOf(type: unknown, changed: Set<string | null>): Set<string | null> {
  if (type instanceof XmlText) return new Set([...changed, ...Object.keys(type.getAttributes())]);
  if (type instanceof YMap) return new Set([...changed, ...(type as YMap<unknown>).keys()]);
  return changed;
}

const patched = Symbol('quire.undoStrayProperties');

type Step = 'undo' | 'redo';

/**
 * Runs `step` inside an outer transaction that also drops stray properties. The undo
 * manager files a transaction as an undo (or redo) by its flag when the transaction ends,
 * which is now after `step` returned and cleared it: the flag is set again until then.
 */
function wrap(step: Step): void {
  const original = UndoManager.prototype[step];
  const flag = step === 'undo' ? 'undoing' : 'redoing';
  UndoManager.prototype[step] = function (this: UndoManager) {
    let result: ReturnType<typeof original> = null;
    try {
      this.doc.transact((transaction) => {
        const stack = step === 'undo' ? this.undoStack : this.redoStack;
        result = whilePopping(this, stack, () =>
          popWithStartsFirst(this, stack, transaction, () => original.call(this)),
        );
        this[flag] = true;
        dropStrayProperties(transaction);
        const popped = result as ReturnType<typeof original>;
        if (popped !== null) dropTextMovedOn(transaction, popped, this.scope);
        if (popped !== null) keepTextInItsNode(transaction);
        if (popped !== null) dropMisplacedRestored(transaction);
      }, this);
    } finally {
      this[flag] = false;
    }
    return result;
  };
}

/** Installs the removal on the class (`@lexical/yjs` builds its undo manager itself). */
export function dropStrayPropertiesOnUndo(): void {
  const proto = UndoManager.prototype as UndoManager & { [patched]?: true };
  if (proto[patched] === true) return;
  proto[patched] = true;
  wrap('undo');
  wrap('redo');
}
