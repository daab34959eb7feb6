/**
 * Headless Lexical editors bound to Y.Docs the way the app's collaboration plugin binds
 * them, for binding-level tests without a browser (issue 19): edits go from Lexical to Yjs
 * with the binding as origin, everything else comes back.
 */
import { CodeHighlightNode, CodeNode } from '@lexical/code';
import { createHeadlessEditor } from '@lexical/headless';
import { LinkNode } from '@lexical/link';
import { ListItemNode, ListNode } from '@lexical/list';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import { createBinding, syncLexicalUpdateToYjs, syncYjsChangesToLexical, type Provider } from '@lexical/yjs';
import { $getRoot, SKIP_COLLAB_TAG, type LexicalEditor } from 'lexical';
import * as Y from 'yjs';
import { installLosslessBinding } from '../../src/editor/binding/lossless-binding.js';

const noop = (): void => undefined;
/** A provider that connects nowhere: the tests pass updates between documents themselves. */
export const provider = {
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
} as unknown as Provider;

/** An editor on `doc`; with `isLossless`, the binding fixes are installed (for good: they patch classes). */
export function headlessClient(doc: Y.Doc, isLossless: boolean): LexicalEditor {
  const editor = createHeadlessEditor({
    nodes: [HeadingNode, QuoteNode, CodeNode, CodeHighlightNode, ListNode, ListItemNode, LinkNode],
    onError: (err) => {
      throw err;
    },
  });
  const binding = createBinding(editor, provider, 'main', doc, new Map([['main', doc]]));
  if (isLossless) installLosslessBinding(binding.root.getSharedType());
  editor.registerUpdateListener((payload) => {
    // As the collaboration plugin: remote changes too, for the merges their normalization makes.
    if (payload.tags.has(SKIP_COLLAB_TAG)) return;
    const { prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags } = payload;
    syncLexicalUpdateToYjs(
      binding,
      provider,
      prevEditorState,
      editorState,
      dirtyElements,
      dirtyLeaves,
      normalizedNodes,
      tags,
    );
  });
  binding.root.getSharedType().observeDeep((events, tr) => {
    if (tr.origin !== binding) syncYjsChangesToLexical(binding, provider, events as never, false);
  });
  return editor;
}

/** The editor's text, blocks separated by blank lines (`editor.read` first applies what Yjs queued). */
export const headlessText = (editor: LexicalEditor): string => editor.read(() => $getRoot().getTextContent());

/** Sends each document what the other lacks, `rounds` times (writes made on receipt travel too). */
export function exchange(a: Y.Doc, b: Y.Doc, rounds = 1): void {
  for (let round = 0; round < rounds; round++) {
    const [toA, toB] = [
      Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)),
      Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)),
    ];
    Y.applyUpdate(a, toA, 'remote');
    Y.applyUpdate(b, toB, 'remote');
  }
}
