/**
 * The collaborative rich-text editor (issue 3). It knows nothing about the network: the
 * caller hands it a Y.Doc and a provider (STYLE §1); the app page and the embeds
 * (web/src/embed) wrap the same component.
 *
 * - `shouldBootstrap={false}`: the server seeds new documents (PITFALLS: bootstrapping).
 * - No HistoryPlugin: the collaboration plugin's Yjs undo manager tracks only this
 *   editor's binding, so undo never takes back a collaborator's text.
 * - LosslessBindingPlugin (issue 19) makes block type changes, formatting and undo keep
 *   collaborators' concurrent text; it renders first so undo is scoped before the plugin
 *   builds its undo manager.
 * - `username`/`cursorColor` are read once; renames go through awareness (see
 *   collab/session.ts) because changing these props makes the plugin reconnect.
 * - The plugin's provider redraws remote carets only once an editor update is over
 *   (caret-redraw.ts).
 * - Read-only once loaded (`isSelectable`), the text keeps a caret, so readers and
 *   commenters select by keyboard; ReadOnlyCaretPlugin keeps every keystroke from it.
 */
import { CollaborationPlugin } from '@lexical/react/LexicalCollaborationPlugin';
import { LexicalCollaboration } from '@lexical/react/LexicalCollaborationContext';
import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import type { Provider } from '@lexical/yjs';
import { useCallback, useMemo, useRef, useState, type JSX, type RefObject } from 'react';
import type { Doc } from 'yjs';
import { withCaretsOutsideUpdates } from './caret-redraw.js';
import { createEditorConfig } from './editor-config.js';
import { ContentPlugins } from './plugins/ContentPlugins.js';
import { EditableStatePlugin } from './plugins/EditableStatePlugin.js';
import { ImagesPlugin } from './plugins/ImagesPlugin.js';
import type { ImageFiles } from './image-files.js';
import { LosslessBindingPlugin } from './plugins/LosslessBindingPlugin.js';
import { Toolbar } from './Toolbar.js';
import type { CommentsUser } from './comments/comment-actions.js';
import { CommentsColumn } from './comments/CommentsColumn.js';
import { CommentToolButton } from './comments/CommentToolButton.js';
import { ReadOnlyCaretPlugin } from './comments/ReadOnlyCaretPlugin.js';
import { toolbarButtonsOf, type ToolbarOption } from './toolbar-buttons.js';

export interface EditorUser {
  name: string;
  color: string;
}

export interface RichTextEditorProps {
  docName: string;
  doc: Doc;
  provider: Provider;
  user: EditorUser;
  /** False until the document's content has arrived; may change at any time. */
  isEditable?: boolean;
  /** While not editable, the text still takes a caret and keyboard selection (read-only access, once loaded). */
  isSelectable?: boolean;
  /** Which toolbar buttons to show (default: all). */
  toolbar?: ToolbarOption;
  /** Where images are kept and uploaded; without it only `https:` images are shown. */
  images?: ImageFiles | undefined;
  /** Who comments, and whether they may (SPEC: Comments); no comments UI without it. */
  comments?: CommentsUser | undefined;
}

export function RichTextEditor(props: RichTextEditorProps): JSX.Element {
  const { doc, comments, isEditable = true } = props;
  const buttons = useMemo(() => toolbarButtonsOf(props.toolbar), [props.toolbar]);
  const [initialConfig] = useState(() => createEditorConfig('quire', isEditable));
  const cursorsContainerRef = useRef<HTMLDivElement>(null);
  const withComments = comments ? ' has-comments' : '';
  return (
    <LexicalCollaboration>
      <LexicalComposer initialConfig={initialConfig}>
        <div className={`q-editor${withComments}`}>
          {buttons.size > 0 && <Toolbar buttons={buttons} />}
          <div className={`q-page${withComments}`}>
            <EditorSurface cursorsContainerRef={cursorsContainerRef} isSelectable={props.isSelectable === true} />
            {comments && <CommentsColumn doc={doc} user={comments} />}
          </div>
          {/* Shown at the toolbar's end, but after the document in Tab order: Tab from the toolbar goes to the text. */}
          {comments?.canComment && buttons.size > 0 && <CommentToolButton />}
        </div>
        <EditorPlugins {...props} isEditable={isEditable} cursorsContainerRef={cursorsContainerRef} />
      </LexicalComposer>
    </LexicalCollaboration>
  );
}

/** The page's text, with remote carets drawn over it. */
function EditorSurface({
  cursorsContainerRef,
  isSelectable,
}: {
  cursorsContainerRef: RefObject<HTMLDivElement | null>;
  isSelectable: boolean;
}): JSX.Element {
  return (
    <div className="q-surface">
      {/* Carets and their name flags are decoration: the presence list names people. */}
      <div className="q-cursors" ref={cursorsContainerRef} aria-hidden="true" />
      <RichTextPlugin
        contentEditable={
          <ContentEditable
            className="q-content"
            // Already in the Tab order as an editable region; said out loud so checkers
            // (axe: scrollable-region-focusable) see a long document's page as reachable.
            tabIndex={0}
            aria-label="Document text"
            aria-placeholder="Start writing…"
            placeholder={<div className="q-placeholder">Start writing…</div>}
            // Lexical stays read-only (it handles no input); the browser gives the caret.
            {...(isSelectable ? { contentEditable: true } : {})}
          />
        }
        ErrorBoundary={LexicalErrorBoundary}
      />
    </div>
  );
}

/** Binding, content rules, images and the editable state, rendered in the order they must register. */
function EditorPlugins({
  docName,
  doc,
  provider,
  user,
  images,
  isEditable,
  cursorsContainerRef,
}: RichTextEditorProps & { isEditable: boolean; cursorsContainerRef: RefObject<HTMLDivElement | null> }): JSX.Element {
  const [initialUser] = useState(user);
  const [editor] = useLexicalComposerContext();
  const providerFactory = useCallback(
    (id: string, yjsDocMap: Map<string, Doc>): Provider => {
      yjsDocMap.set(id, doc);
      return withCaretsOutsideUpdates(provider, editor);
    },
    [doc, provider, editor],
  );
  return (
    <>
      <LosslessBindingPlugin doc={doc} docName={docName} />
      <CollaborationPlugin
        id={docName}
        providerFactory={providerFactory}
        shouldBootstrap={false}
        username={initialUser.name}
        cursorColor={initialUser.color}
        cursorsContainerRef={cursorsContainerRef}
      />
      <ContentPlugins docName={docName} />
      <ImagesPlugin docName={docName} images={images} />
      <EditableStatePlugin isEditable={isEditable} />
      <ReadOnlyCaretPlugin />
    </>
  );
}
