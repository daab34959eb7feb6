import { $generateHtmlFromNodes } from '@lexical/html';
import { $convertToMarkdownString } from '@lexical/markdown';
import { QUIRE_MARKDOWN } from '@quire/shared/markdown';
import { $getRoot, type SerializedEditorState } from 'lexical';
import { openSessionFromState } from './headless.js';
import { withDom } from './dom.js';

/**
 * Renders a document's Yjs state through headless Lexical (SPEC: HTTP, `?format=`): the
 * Lexical editor state as JSON, plain text, Markdown in the editor's own dialect, or HTML
 * as Lexical exports it.
 */
export const RENDER_FORMATS = ['json', 'text', 'markdown', 'html'] as const;
export type RenderFormat = (typeof RENDER_FORMATS)[number];

export function renderEditorState(state: Uint8Array): SerializedEditorState {
  const session = openSessionFromState(state);
  try {
    return session.editor.getEditorState().toJSON();
  } finally {
    session.dispose();
  }
}

export function renderDocument(state: Uint8Array, format: Exclude<RenderFormat, 'json'>): string {
  const session = openSessionFromState(state);
  try {
    const { editor } = session;
    switch (format) {
      case 'text':
        return editor.read(() => $getRoot().getTextContent());
      case 'markdown':
        return editor.read(() => $convertToMarkdownString(QUIRE_MARKDOWN));
      case 'html':
        return withDom(() => editor.read(() => $generateHtmlFromNodes(editor, null)));
    }
  } finally {
    session.dispose();
  }
}
