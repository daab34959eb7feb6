/**
 * The Quire editor library (issue 7; SPEC: Web › Embedding): a React component and a
 * framework-free mount function, both editing one Quire document live with others.
 * Styles are added to the page by the first editor; theme them with the `--quire-*`
 * CSS variables or a `className`.
 *
 * @packageDocumentation
 */
export { CollaborativeEditor } from './CollaborativeEditor.js';
export { mountEditor } from './mount-editor.js';
export type {
  CollaborativeEditorProps,
  EditorChange,
  EditorOptions,
  EditorProblem,
  EditorStatus,
  EditorUser,
  MountedEditor,
  MountEditorOptions,
  ToolbarButtonName,
} from './types.js';
