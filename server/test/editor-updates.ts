import {
  $getRoot,
  $parseSerializedNode,
  $createParagraphNode,
  $createTextNode,
  $createTabNode,
  $createLineBreakNode,
} from 'lexical';
import * as Y from 'yjs';
import { blocksFromHtml, blocksFromMarkdown } from '../src/content/change.js';
import { openHeadlessSession } from '../src/content/headless.js';

/**
 * Real updates written by the editor's own binding (headless Lexical bound to Yjs, as the
 * server uses it): every node kind the editor has, each edit as the update a browser
 * would send.
 */
export const ALL_KINDS_MARKDOWN = [
  '# Heading one',
  '## Heading two',
  '###### Heading six',
  '> a quote with **bold**',
  '- bullet\n- list\n    - nested item',
  '1. first\n2. second',
  '- [ ] todo\n- [x] done',
  '```js\nconst a = 1;\n```',
  '| Name | **Qty** |\n| :-- | --: |\n| pen | 2 |',
  '---',
  '**bold** *italic* ~~strike~~ `code` [a link](https://example.com) plain',
  'a picture ![the alt text](https://example.com/picture.png) inline',
].join('\n\n');

const ALL_KINDS_HTML =
  '<p><a href="https://example.com" title="t">link</a> <u>u</u><sub>s</sub><sup>p</sup> x<br>y</p>' +
  '<p style="text-align:center;padding-inline-start:40px">centred</p>' +
  '<table><tr><td style="width:120px">wide</td><td colspan="2">spanned</td></tr></table><hr>';

export interface EditorHistory {
  /** Each edit's update, in order; applying them all gives `state`. */
  updates: Uint8Array[];
  state: Uint8Array;
}

/** A document built edit by edit by the editor, with every node kind. */
export function recordEditorHistory(): EditorHistory {
  const session = openHeadlessSession();
  const updates: Uint8Array[] = [];
  session.doc.on('update', (update: Uint8Array) => updates.push(update));
  const blocks = [...blocksFromMarkdown(ALL_KINDS_MARKDOWN), ...blocksFromHtml(ALL_KINDS_HTML)];
  try {
    for (const block of blocks) {
      session.editor.update(() => $getRoot().append($parseSerializedNode(block)), { discrete: true });
    }
    session.editor.update(
      () => {
        const paragraph = $createParagraphNode();
        paragraph.append($createTextNode('a'), $createTabNode(), $createLineBreakNode(), $createTextNode('b'));
        $getRoot().append(paragraph);
      },
      { discrete: true },
    );
    session.editor.update(() => $getRoot().getFirstChildOrThrow().remove(), { discrete: true });
    session.editor.update(
      () => {
        const last = $getRoot().getLastChildOrThrow();
        last.selectEnd().insertText(' typed');
      },
      { discrete: true },
    );
    return { updates, state: Y.encodeStateAsUpdate(session.doc) };
  } finally {
    session.dispose();
  }
}
