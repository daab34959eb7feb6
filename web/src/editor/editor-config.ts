/**
 * The Lexical configuration of a Quire editor. The node list is the shared module the
 * server also uses (`@quire/shared/lexical`), so both sides read the same Yjs tree.
 * `editorState: null` is required by collaboration: content comes only from the Y.Doc,
 * which the server seeded (PITFALLS: client bootstrapping).
 */
import type { InitialConfigType } from '@lexical/react/LexicalComposer';
import { QUIRE_NODES, TABLE_HTML_IMPORT } from '@quire/shared/lexical';
import { EDITOR_THEME } from './theme.js';

export const EDITOR_NODES = QUIRE_NODES;

export function createEditorConfig(namespace: string, isEditable = true): InitialConfigType {
  return {
    namespace,
    nodes: [...EDITOR_NODES],
    html: { import: TABLE_HTML_IMPORT },
    theme: EDITOR_THEME,
    editorState: null,
    editable: isEditable,
    onError: (err) => {
      console.error(err);
    },
  };
}
