import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import type { JSX } from 'react';
import { shortcutLabel } from '../shortcut-labels.js';
import { START_COMMENT_COMMAND } from './comment-actions.js';

/**
 * The toolbar's Comment button. It sits apart from the formatting buttons, which are
 * disabled where the text cannot be edited: commenters use it in a read-only text.
 */
export function CommentToolButton(): JSX.Element {
  const [editor] = useLexicalComposerContext();
  const shortcut = shortcutLabel('Mod+Alt+M');
  return (
    <button
      type="button"
      className="q-button q-button-small q-comment-tool"
      title={`Comment (${shortcut})`}
      aria-keyshortcuts={/Mac|iPhone|iPad/.test(navigator.platform) ? 'Meta+Alt+M' : 'Control+Alt+M'}
      // Keep the text's selection: the comment is about it.
      onMouseDown={(event) => event.preventDefault()}
      onClick={() => editor.dispatchCommand(START_COMMENT_COMMAND, undefined)}
    >
      Comment
    </button>
  );
}
