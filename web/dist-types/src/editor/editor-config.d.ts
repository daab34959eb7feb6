/**
 * The Lexical configuration of a Quire editor. The node list is the shared module the
 * server also uses (`@quire/shared/lexical`), so both sides read the same Yjs tree.
 * `editorState: null` is required by collaboration: content comes only from the Y.Doc,
 * which the server seeded (PITFALLS: client bootstrapping).
 */
import type { InitialConfigType } from '@lexical/react/LexicalComposer';
export declare const EDITOR_NODES: readonly import("lexical").KlassConstructor<typeof import("lexical").LexicalNode>[];
export declare function createEditorConfig(namespace: string, isEditable?: boolean): InitialConfigType;
