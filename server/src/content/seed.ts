import { createHeadlessEditor } from '@lexical/headless';
import { createBinding, syncLexicalUpdateToYjs, type Provider } from '@lexical/yjs';
import { QUIRE_NODES } from '@quire/shared/lexical';
import { $createParagraphNode, $getRoot } from 'lexical';
import type * as Y from 'yjs';

/**
 * Seeds a brand-new document (SPEC: New documents; PITFALLS: client bootstrapping).
 * The server calls this once, before answering any client, for a document with nothing in
 * storage, so editors run with `shouldBootstrap={false}` and two people opening a new
 * document together can never both insert a first paragraph.
 *
 * The content is produced the way the Lexical collaboration plugin would: a headless editor
 * with the shared node list commits one empty paragraph and the binding's update listener
 * writes that commit into the doc's `root` XmlText. Writing Yjs structures by hand would
 * risk a shape the client binding reads differently.
 */

/** The binding only touches the provider for cursor sync; a peer-less stand-in suffices. */
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

export function seedNewDocument(doc: Y.Doc): void {
  const editor = createHeadlessEditor({
    namespace: 'quire-seed',
    nodes: [...QUIRE_NODES],
    onError: (err) => {
      throw err;
    },
  });
  const provider = createDetachedProvider();
  const binding = createBinding(editor, provider, 'seed', doc, new Map([['seed', doc]]));
  const removeListener = editor.registerUpdateListener((payload) => {
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
  try {
    editor.update(() => $getRoot().append($createParagraphNode()), { discrete: true });
  } finally {
    removeListener();
    binding.root.destroy(binding);
  }
}
