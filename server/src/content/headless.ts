import { createHeadlessEditor } from '@lexical/headless';
import {
  createBinding,
  syncLexicalUpdateToYjs,
  syncYjsChangesToLexical,
  type Binding,
  type Provider,
} from '@lexical/yjs';
import { giveDanglingTextNodes } from '@quire/shared';
import { QUIRE_NODES, TABLE_HTML_IMPORT } from '@quire/shared/lexical';
import type { LexicalEditor } from 'lexical';
import * as Y from 'yjs';

/**
 * A headless Lexical editor bound to a Y.Doc the way the browser's collaboration plugin
 * binds it (STYLE §1, content/): Yjs changes flow into Lexical, Lexical commits flow back
 * into the doc with the binding as the transaction origin. The server uses it to seed,
 * render and change documents with exactly the editor's node list, so it reads and writes
 * the same tree the browser does.
 */
export interface HeadlessSession {
  editor: LexicalEditor;
  binding: Binding;
  doc: Y.Doc;
  dispose(): void;
}

/** The binding only uses the provider for cursors; the server has none to show. */
function createDetachedProvider(): Provider {
  const noop = (): void => undefined;
  return {
    awareness: {
      getLocalState: () => null,
      getStates: () => new Map(),
      off: noop,
      on: noop,
      setLocalState: noop,
      setLocalStateField: noop,
    },
    connect: noop,
    disconnect: noop,
    off: noop,
    on: noop,
  };
}

export function createPlainEditor(): LexicalEditor {
  return createHeadlessEditor({
    namespace: 'quire-server',
    nodes: [...QUIRE_NODES],
    html: { import: TABLE_HTML_IMPORT },
    onError: (err) => {
      throw err;
    },
  });
}

/** Binds a headless editor to `doc` (a fresh one by default) in both directions. */
export function openHeadlessSession(doc: Y.Doc = new Y.Doc()): HeadlessSession {
  const editor = createPlainEditor();
  const provider = createDetachedProvider();
  const binding = createBinding(editor, provider, 'server', doc, new Map([['server', doc]]));
  const removeUpdateListener = editor.registerUpdateListener((payload) => {
    if (payload.tags.has('collaboration')) return;
    syncLexicalUpdateToYjs(
      binding,
      provider,
      payload.prevEditorState,
      payload.editorState,
      payload.dirtyElements,
      payload.dirtyLeaves,
      payload.normalizedNodes,
      payload.tags,
    );
  });
  const sharedRoot = binding.root.getSharedType();
  const observer = (events: Y.YEvent<Y.XmlText>[], transaction: Y.Transaction): void => {
    if (transaction.origin !== binding) syncYjsChangesToLexical(binding, provider, events, false);
  };
  sharedRoot.observeDeep(observer as (events: Y.YEvent<Y.AbstractType<unknown>>[], tr: Y.Transaction) => void);
  return {
    editor,
    binding,
    doc,
    dispose: () => {
      sharedRoot.unobserveDeep(observer as (events: Y.YEvent<Y.AbstractType<unknown>>[], tr: Y.Transaction) => void);
      removeUpdateListener();
      binding.root.destroy(binding);
    },
  };
}

/** A session holding a copy of `state`, with Lexical already caught up with it. */
export function openSessionFromState(state: Uint8Array): HeadlessSession {
  const session = openHeadlessSession();
  Y.applyUpdate(session.doc, state, 'load');
  // Reading flushes the update the Yjs observer queued.
  session.editor.read(() => undefined);
  return session;
}

/**
 * A session for rendering `state`: characters whose text node a collaborator deleted get
 * one in the copy, as an editor gives them (issue 19), else Lexical leaves them out. Only
 * for reading: the copy's new text nodes are not in the document, so no change may be
 * written from it.
 */
export function openRenderSession(state: Uint8Array): HeadlessSession {
  const session = openHeadlessSession();
  const { doc } = session;
  // One transaction: Lexical first reads the blocks with their text nodes in place.
  doc.transact(() => {
    Y.applyUpdate(doc, state);
    giveDanglingTextNodes(doc.get('root', Y.XmlText));
  }, 'load');
  session.editor.read(() => undefined);
  return session;
}
