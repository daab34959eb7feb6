import { $generateHtmlFromNodes } from '@lexical/html';
import { $convertToMarkdownString } from '@lexical/markdown';
import { QUIRE_MARKDOWN } from '@quire/shared/markdown';
import { $getRoot, $parseSerializedNode, type LexicalEditor, type SerializedEditorState } from 'lexical';
import { createPlainEditor, openRenderSession } from './headless.js';
import { $sanitizeTree } from './sanitize.js';
import { withDom } from './dom.js';
import type { RenderFormat } from './formats.js';

/** Kept for importers in worker code; the main thread imports them from formats.ts (see there). */
export { RENDER_FORMATS, type RenderFormat } from './formats.js';

/**
 * Renders a document's Yjs state through headless Lexical (SPEC: HTTP, `?format=`): the
 * Lexical editor state as JSON, plain text, Markdown in the editor's own dialect, or HTML
 * as Lexical exports it. Markdown and HTML are made from a sanitised copy (`sanitize.ts`),
 * so neither carries a style, an unsafe link or, in Markdown, raw HTML (issue #18).
 */

export function renderEditorState(state: Uint8Array): SerializedEditorState {
  const session = openRenderSession(state);
  try {
    return session.editor.getEditorState().toJSON();
  } finally {
    session.dispose();
  }
}

export function renderDocument(state: Uint8Array, format: Exclude<RenderFormat, 'json'>): string {
  const session = openRenderSession(state);
  try {
    const { editor } = session;
    switch (format) {
      case 'text':
        return editor.read(() => $getRoot().getTextContent());
      case 'markdown':
        return sanitizedCopy(editor, true).read(() => $convertToMarkdownString(QUIRE_MARKDOWN));
      case 'html': {
        const copy = sanitizedCopy(editor, false);
        return withDom(() => copy.read(() => $generateHtmlFromNodes(copy, null)));
      }
    }
  } finally {
    session.dispose();
  }
}

/** A plain editor holding a sanitised copy of what `editor` shows. */
function sanitizedCopy(editor: LexicalEditor, escapeMarkup: boolean): LexicalEditor {
  const blocks = editor.getEditorState().toJSON().root.children;
  const copy = createPlainEditor();
  copy.update(
    () => {
      $getRoot().append(...blocks.map((block) => $parseSerializedNode(block)));
      $sanitizeTree({ escapeMarkup });
    },
    { discrete: true },
  );
  return copy;
}
