import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { COMMAND_PRIORITY_EDITOR, type LexicalEditor } from 'lexical';
import { useEffect, useMemo, useState, type JSX } from 'react';
import type * as Y from 'yjs';
import { anchorOfSelection, type SelectionAnchor } from './anchors.js';
import { START_COMMENT_COMMAND, postThread, type CommentsUser } from './comment-actions.js';
import { CommentForm } from './CommentForm.js';
import { SelectionCommentButton } from './SelectionCommentButton.js';
import { ThreadList } from './ThreadList.js';
import { threadAtPoint, useAnchorRanges } from './use-anchor-ranges.js';
import { useThreads } from './use-threads.js';

/**
 * The comments beside the text (SPEC: Web, comments): starting a thread on the selection,
 * the open threads level with their text, the resolved ones below, and the link between a
 * highlight and its thread both ways. On narrow screens the column goes below the text
 * (styles/comments.css).
 */
export function CommentsColumn({ doc, user }: { doc: Y.Doc; user: CommentsUser }): JSX.Element {
  const [editor] = useLexicalComposerContext();
  const threads = useThreads(doc);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [hoverId, setHoverId] = useState<string | null>(null);
  const [draft, setDraft] = useState<SelectionAnchor | null>(null);
  const highlighted = useMemo(
    () => new Set([activeId, hoverId].filter((id): id is string => id !== null)),
    [activeId, hoverId],
  );
  const ranges = useAnchorRanges(editor, doc, threads, highlighted);
  useStartCommentCommand(editor, doc, user.canComment, setDraft);
  useCommentShortcut(editor.dispatchCommand.bind(editor));
  useHighlightPointer(editor.getRootElement(), ranges, setActiveId, setHoverId);
  const onActivate = (id: string | null): void => {
    setActiveId(id);
    const text = id === null ? undefined : ranges.get(id)?.startContainer.parentElement;
    text?.scrollIntoView({ block: 'nearest' });
  };
  return (
    <aside className="q-comments" id="comments" aria-label="Comments" tabIndex={-1}>
      <h2 className="q-comments-title">Comments</h2>
      {user.canComment && <SelectionCommentButton />}
      {draft !== null && (
        <DraftThread
          draft={draft}
          onPost={(body) => setActiveId(postThread(doc, draft, user.author, body))}
          onClose={() => setDraft(null)}
        />
      )}
      <ThreadList {...{ doc, threads, user, ranges, activeId, onActivate }} onHover={setHoverId} />
    </aside>
  );
}

/** The thread being started: the selected words and a box for its first comment. */
function DraftThread({
  draft,
  onPost,
  onClose,
}: {
  draft: SelectionAnchor;
  onPost(body: string): void;
  onClose(): void;
}): JSX.Element {
  return (
    <div className="q-thread q-thread-new">
      <p className="q-thread-quote">
        <q>{draft.quote}</q>
      </p>
      <CommentForm
        label="Comment"
        submitLabel="Comment"
        autoFocus
        onSubmit={(body) => {
          onPost(body);
          onClose();
        }}
        onCancel={onClose}
      />
    </div>
  );
}

/** START_COMMENT_COMMAND opens a draft on the selection, when there is one and the person may comment. */
function useStartCommentCommand(
  editor: LexicalEditor,
  doc: Y.Doc,
  canComment: boolean,
  setDraft: (draft: SelectionAnchor) => void,
): void {
  useEffect(() => {
    const start = (): boolean => {
      const root = editor.getRootElement();
      const anchor = canComment && root ? anchorOfSelection(editor, doc, root) : null;
      if (anchor !== null) setDraft(anchor);
      return anchor !== null;
    };
    return editor.registerCommand(START_COMMENT_COMMAND, start, COMMAND_PRIORITY_EDITOR);
  }, [editor, doc, canComment, setDraft]);
}

/** Ctrl+Alt+M (⌘⌥M on a Mac) starts a comment, also where the text cannot be edited. */
function useCommentShortcut(dispatch: (command: typeof START_COMMENT_COMMAND, payload: undefined) => boolean): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      const isMod = /Mac|iPhone|iPad/.test(navigator.platform) ? event.metaKey : event.ctrlKey;
      if (!isMod || !event.altKey || event.shiftKey || event.code !== 'KeyM') return;
      if (dispatch(START_COMMENT_COMMAND, undefined)) event.preventDefault();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [dispatch]);
}

/** Clicking highlighted text selects its thread; hovering it marks the thread. */
function useHighlightPointer(
  root: HTMLElement | null,
  ranges: Map<string, Range>,
  onActivate: (id: string | null) => void,
  onHover: (id: string | null) => void,
): void {
  useEffect(() => {
    if (root === null) return undefined;
    const onClick = (event: MouseEvent): void => {
      const id = threadAtPoint(ranges, event.clientX, event.clientY);
      if (id !== null) {
        onActivate(id);
        document.querySelector(`[data-thread-id="${CSS.escape(id)}"]`)?.scrollIntoView({ block: 'nearest' });
      }
    };
    const onMove = (event: MouseEvent): void => onHover(threadAtPoint(ranges, event.clientX, event.clientY));
    root.addEventListener('click', onClick);
    root.addEventListener('mousemove', onMove);
    return () => {
      root.removeEventListener('click', onClick);
      root.removeEventListener('mousemove', onMove);
    };
  }, [root, ranges, onActivate, onHover]);
}
