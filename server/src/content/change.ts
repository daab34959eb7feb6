import { $generateNodesFromDOM } from '@lexical/html';
import { $convertFromMarkdownString } from '@lexical/markdown';
import { QUIRE_MARKDOWN } from '@quire/shared/markdown';
import {
  $createParagraphNode,
  $getRoot,
  $isDecoratorNode,
  $isElementNode,
  $parseSerializedNode,
  type LexicalNode,
  type SerializedLexicalNode,
} from 'lexical';
import * as Y from 'yjs';
import { matchBlocks } from './block-diff.js';
import { createPlainEditor, openSessionFromState } from './headless.js';
import { withDom } from './dom.js';
import { $sanitizeTree } from './sanitize.js';

/**
 * Changes made by programs (SPEC: HTTP, PUT and version restore). New content is parsed
 * into Lexical blocks, and a server-side editor bound to a copy of the live document
 * turns the difference into one ordinary Yjs update: live editors receive it like any
 * collaborator's change, their concurrent edits in untouched blocks survive, and their
 * undo stacks (which track only their own origin) are not touched. Imported content is
 * sanitised like exports (`sanitize.ts`): no styles, safe links.
 */
export type Blocks = SerializedLexicalNode[];

export function blocksFromMarkdown(markdown: string): Blocks {
  const editor = createPlainEditor();
  editor.update(() => $convertFromMarkdownString(markdown, QUIRE_MARKDOWN), { discrete: true });
  editor.update(() => $sanitizeTree(), { discrete: true });
  return editor.getEditorState().toJSON().root.children;
}

export function blocksFromHtml(html: string): Blocks {
  const editor = createPlainEditor();
  withDom((window) => {
    const dom = new window.DOMParser().parseFromString(html, 'text/html');
    editor.update(
      () => {
        const root = $getRoot();
        root.clear();
        let paragraph: ReturnType<typeof $createParagraphNode> | undefined;
        for (const node of $generateNodesFromDOM(editor, dom as unknown as Document)) {
          if (isBlock(node)) {
            paragraph = undefined;
            root.append(node);
          } else {
            if (!paragraph) {
              paragraph = $createParagraphNode();
              root.append(paragraph);
            }
            paragraph.append(node);
          }
        }
      },
      { discrete: true },
    );
  });
  editor.update(() => $sanitizeTree(), { discrete: true });
  return editor.getEditorState().toJSON().root.children;
}

/** Block elements and block decorators (the horizontal rule) go straight into the root. */
function isBlock(node: LexicalNode): boolean {
  return ($isElementNode(node) || $isDecoratorNode(node)) && !node.isInline();
}

/**
 * The Yjs update that makes `state` hold exactly `blocks`, or null when it already does.
 * Apply it to the live document with a non-client origin.
 */
export function updateToBlocks(state: Uint8Array, blocks: Blocks): Uint8Array | null {
  const session = openSessionFromState(state);
  const updates: Uint8Array[] = [];
  session.doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === session.binding) updates.push(update);
  });
  try {
    const current = session.editor.getEditorState().toJSON().root.children;
    const matches = matchBlocks(current.map(blockKey), blocks.map(blockKey));
    session.editor.update(() => $replaceBlocks(matches, blocks), { discrete: true });
  } finally {
    session.dispose();
  }
  return updates.length === 0 ? null : Y.mergeUpdates(updates);
}

function $replaceBlocks(matches: number[], blocks: Blocks): void {
  const root = $getRoot();
  const existing = root.getChildren();
  const kept = new Set(matches.filter((index) => index >= 0));
  existing.forEach((node, index) => {
    if (!kept.has(index)) node.remove();
  });
  let previous: LexicalNode | null = null;
  blocks.forEach((block, index) => {
    const match = matches[index] ?? -1;
    if (match >= 0) {
      previous = existing[match] ?? previous;
      return;
    }
    const node = $parseSerializedNode(block);
    const first = root.getFirstChild();
    if (previous) previous.insertAfter(node);
    else if (first) first.insertBefore(node);
    else root.append(node);
    previous = node;
  });
  if (root.getChildrenSize() === 0) root.append($createParagraphNode());
}

function blockKey(block: SerializedLexicalNode): string {
  return JSON.stringify(block);
}
