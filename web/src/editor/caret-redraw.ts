/**
 * Remote carets are drawn from the text the page shows (issue 19; all-actions editing fuzz, seed
 * 142 at 48 steps). When a collaborator's change removes the node holding the page's own caret,
 * `@lexical/yjs` moves the caret and publishes it in the middle of the update that applies the
 * change; the collaboration plugin listens to awareness and redraws every remote caret at once.
 * That redraw takes the page's nodes as they were before the update, then reads where the
 * carets are, which commits the update first: a caret on a line break the change removed was
 * found among the old nodes, then measured on the page where it no longer is (a TypeError
 * reading `getBoundingClientRect` of null), and the page dropped the change.
 *
 * The plugin is given the provider with its awareness listeners wrapped: each commits the
 * editor's pending update (what the redraw would do a moment later) before the redraw begins,
 * so it reads the nodes and the carets' places from the same state.
 */
import type { Provider } from '@lexical/yjs';
import type { LexicalEditor } from 'lexical';

type Awareness = Provider['awareness'];
type Listener = () => void;

export function withCaretsFromShownText(provider: Provider, editor: LexicalEditor): Provider {
  const { awareness } = provider;
  const wrapped = new Map<Listener, Listener>();
  const wrap = (listener: Listener): Listener => {
    const known = wrapped.get(listener);
    if (known !== undefined) return known;
    const committingFirst = (): void => {
      editor.read(() => undefined);
      listener();
    };
    wrapped.set(listener, committingFirst);
    return committingFirst;
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
