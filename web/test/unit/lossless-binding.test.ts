/**
 * The binding-level cause of issue 19, without a browser: two headless Lexical editors
 * bound to two Y.Docs edit concurrently, then exchange updates. Without the fixes in
 * editor/binding/lossless-binding.ts, `@lexical/yjs` loses the concurrent word (the minimal
 * reproduction in docs/upstream-lexical-report.md); with them, both survive.
 */
import { createHeadlessEditor } from '@lexical/headless';
import { $createHeadingNode, HeadingNode } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import { createBinding, syncLexicalUpdateToYjs, syncYjsChangesToLexical } from '@lexical/yjs';
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $getSelection,
  $isElementNode,
  $isTextNode,
  FORMAT_TEXT_COMMAND,
  type LexicalEditor,
} from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { installLosslessBinding } from '../../src/editor/binding/lossless-binding.js';
import { provider } from '../support/headless-clients.js';

const noop = (): void => undefined;

function client(doc: Y.Doc, isLossless: boolean): LexicalEditor {
  const editor = createHeadlessEditor({
    nodes: [HeadingNode],
    onError: (err) => {
      throw err;
    },
  });
  const binding = createBinding(editor, provider, 'main', doc, new Map([['main', doc]]));
  if (isLossless) installLosslessBinding(binding.root.getSharedType());
  editor.registerUpdateListener(
    ({ prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags }) => {
      if (tags.has('collaboration')) return;
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
    },
  );
  binding.root.getSharedType().observeDeep((events, tr) => {
    if (tr.origin !== binding) syncYjsChangesToLexical(binding, provider, events as never, false);
  });
  return editor;
}

/** `editor.read` first applies what the Yjs observer queued. */
const textOf = (editor: LexicalEditor): string => editor.read(() => $getRoot().getTextContent());

function exchange(a: Y.Doc, b: Y.Doc): void {
  const [toA, toB] = [
    Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)),
    Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)),
  ];
  Y.applyUpdate(a, toA);
  Y.applyUpdate(b, toB);
}

function twoClients(isLossless: boolean, text: string): [LexicalEditor, LexicalEditor, Y.Doc, Y.Doc] {
  const [docA, docB] = [new Y.Doc(), new Y.Doc()];
  const [a, b] = [client(docA, isLossless), client(docB, isLossless)];
  a.update(() => $getRoot().append($createParagraphNode().append($createTextNode(text))), { discrete: true });
  exchange(docA, docB);
  // Apply the queued collaboration updates, so the next edit is a local one of its own.
  for (const editor of [a, b]) editor.read(noop);
  return [a, b, docA, docB];
}

function appendWord(editor: LexicalEditor, word: string): void {
  editor.update(
    () => {
      const node = $getRoot().getFirstDescendant();
      if ($isTextNode(node)) node.setTextContent(node.getTextContent() + word);
    },
    { discrete: true },
  );
}

function makeHeading(editor: LexicalEditor): void {
  editor.update(
    () => {
      $getRoot().getFirstChildOrThrow().selectEnd();
      $setBlocksType($getSelection()!, () => $createHeadingNode('h1'));
    },
    { discrete: true },
  );
}

function formatRange(editor: LexicalEditor, from: number, to: number, format: 'bold' | 'italic'): void {
  editor.update(
    () => {
      const node = $getRoot().getFirstDescendant();
      if ($isTextNode(node)) node.select(from, to);
    },
    { discrete: true },
  );
  editor.dispatchCommand(FORMAT_TEXT_COMMAND, format);
  editor.update(noop, { discrete: true });
}

describe('lossless binding (issue 19)', () => {
  it('upstream @lexical/yjs loses a word typed while the paragraph became a heading', () => {
    const [a, b, docA, docB] = twoClients(false, 'Paragraph P');
    appendWord(b, ' OFFLINEWORD');
    makeHeading(a);
    exchange(docA, docB);
    expect(textOf(a)).toBe('Paragraph P');
  });

  // The fixes patch the binding's classes for good: these tests come after the upstream ones.
  it('with the fixes the word survives, in a heading, on both sides', () => {
    const [a, b, docA, docB] = twoClients(true, 'Paragraph P');
    appendWord(b, ' OFFLINEWORD');
    makeHeading(a);
    exchange(docA, docB);
    for (const editor of [a, b]) {
      expect(textOf(editor)).toBe('Paragraph P OFFLINEWORD');
      expect(editor.read(() => $getRoot().getFirstChildOrThrow().getType())).toBe('heading');
    }
  });

  it('with the fixes, bold and italic on overlapping ranges keep the text once', () => {
    const [a, b, docA, docB] = twoClients(true, 'alpha beta gamma delta');
    formatRange(b, 0, 10, 'bold');
    formatRange(a, 11, 22, 'italic');
    exchange(docA, docB);
    for (const editor of [a, b]) expect(textOf(editor)).toBe('alpha beta gamma delta');
    const formats = b.read(() => {
      const block = $getRoot().getFirstChildOrThrow();
      return $isElementNode(block) ? block.getChildren().map((node) => node.getTextContent()) : [];
    });
    expect(formats.join('')).toBe('alpha beta gamma delta');
  });
});
