import { blocksFromHtml, blocksFromMarkdown, updateToBlocks, type Blocks } from './change.js';
import { renderDocument, renderEditorState } from './render.js';
import type { RenderFormat } from './formats.js';

/**
 * The content work a worker thread does for `ContentWorkers` (one named export per task).
 * Everything here is synchronous Lexical and happy-dom work that takes seconds on a large
 * document, so it never runs on the thread that relays edits.
 */
export function render({ state, format }: { state: Uint8Array; format: RenderFormat }): string | object {
  return format === 'json' ? renderEditorState(state) : renderDocument(state, format);
}

export function parse({ body, type }: { body: string; type: 'html' | 'markdown' }): Blocks {
  return type === 'html' ? blocksFromHtml(body) : blocksFromMarkdown(body);
}

export function diff({ state, blocks }: { state: Uint8Array; blocks: Blocks }): Uint8Array | null {
  return updateToBlocks(state, blocks);
}

export function blocksOf({ state }: { state: Uint8Array }): Blocks {
  return renderEditorState(state).root.children;
}
