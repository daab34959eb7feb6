/**
 * Remote carets are redrawn only once the editor's update is over (issue 19; all-actions
 * editing fuzz, seed 142 at 48 steps). When a collaborator's change removes the node holding
 * the page's own caret, `@lexical/yjs` moves the caret and publishes it to awareness from
 * inside the update that applies the change; the collaboration plugin listens to awareness
 * and redraws every remote caret at once. That redraw takes the page's nodes as they were
 * before the update, then reads the carets' places with `editor.read`, which commits the
 * update while it is still running: a caret on a line break the change removed was found
 * among the old nodes, then measured on the page where it no longer is (a TypeError reading
 * `getBoundingClientRect` of null), and the page dropped the change.
 *
 * The plugin is given the provider with its awareness listeners wrapped. A listener called
 * while the editor is updating (building, committing or notifying an update) runs in a
 * microtask, after the update has finished, so an update that publishes the caret (a
 * check-list click focusing its item) carries on to its end. Outside updates, the editor's
 * pending update (one Lexical would commit in its own microtask, or the redraw's read at once)
 * is committed before the listener runs, so the redraw reads the nodes and the carets' places
 * from the same state.
 */
import type { Provider } from '@lexical/yjs';
import type { LexicalEditor } from 'lexical';

type Awareness = Provider['awareness'];
type Listener = () => void;

/** `listener`, run only when `editor` is not in the middle of an update, and on its committed state. */
function outsideUpdates(editor: LexicalEditor, listener: Listener, isListening: () => boolean): Listener {
  let waiting = false;
  const runOrWait = (): void => {
    if (!editor._updating) {
      editor.read(() => undefined);
      listener();
      return;
    }
    if (waiting) return;
    waiting = true;
    queueMicrotask(() => {
      waiting = false;
      if (isListening()) runOrWait();
    });
  };
  return runOrWait;
}

export function withCaretsOutsideUpdates(provider: Provider, editor: LexicalEditor): Provider {
  const { awareness } = provider;
  const wrapped = new Map<Listener, Listener>();
  const wrap = (listener: Listener): Listener => {
    const known = wrapped.get(listener);
    if (known !== undefined) return known;
    const deferring = outsideUpdates(editor, listener, () => wrapped.has(listener));
    wrapped.set(listener, deferring);
    return deferring;
  };
  const carets: Awareness = {
    getLocalState: () => awareness.getLocalState(),
    getStates: () => awareness.getStates(),
    setLocalState: (state) => awareness.setLocalState(state),
    setLocalStateField: (field, value) => awareness.setLocalStateField(field, value),
    on: (type, listener) => awareness.on(type, wrap(listener)),
    off: (type, listener) => {
      awareness.off(type, wrap(listener));
      wrapped.delete(listener);
    },
  };
  return {
    awareness: carets,
    connect: () => provider.connect(),
    disconnect: () => provider.disconnect(),
    on: (type: never, listener: never) => provider.on(type, listener),
    off: (type: never, listener: never) => provider.off(type, listener),
  } as Provider;
}
