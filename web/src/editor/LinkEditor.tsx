import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { COMMAND_PRIORITY_LOW } from 'lexical';
import { useEffect, useRef, useState, type FormEvent, type JSX } from 'react';
import { applyLink, normalizeLinkUrl, OPEN_LINK_EDITOR_COMMAND } from './toolbar-actions.js';

/**
 * The link field under the toolbar, opened by the Link button or Mod+K. Lexical keeps
 * the document selection while focus is in this field, so the link lands on the text
 * that was selected when it opened.
 */
export function LinkEditor({ currentUrl }: { currentUrl: string }): JSX.Element | null {
  const [editor] = useLexicalComposerContext();
  const [isOpen, setIsOpen] = useState(false);
  const [draft, setDraft] = useState('');
  const [isInvalid, setIsInvalid] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(
    () =>
      editor.registerCommand(
        OPEN_LINK_EDITOR_COMMAND,
        () => {
          setDraft(currentUrl);
          setIsInvalid(false);
          setIsOpen(true);
          return true;
        },
        COMMAND_PRIORITY_LOW,
      ),
    [editor, currentUrl],
  );

  useEffect(() => {
    if (isOpen) inputRef.current?.focus();
  }, [isOpen]);

  const close = (): void => {
    setIsOpen(false);
    editor.focus();
  };
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const url = normalizeLinkUrl(draft);
    if (draft.trim().length > 0 && url === null) {
      setIsInvalid(true);
      return;
    }
    applyLink(editor, url);
    close();
  };

  if (!isOpen) return null;
  return (
    <form className="q-link-editor" onSubmit={submit}>
      <input
        ref={inputRef}
        type="text"
        inputMode="url"
        aria-label="Link address"
        aria-invalid={isInvalid}
        placeholder="Paste or type a link"
        value={draft}
        onChange={(event) => {
          setDraft(event.target.value);
          setIsInvalid(false);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') close();
        }}
      />
      <button type="submit" className="q-button q-button-primary">
        Apply
      </button>
      {currentUrl !== '' && (
        <button
          type="button"
          className="q-button"
          onClick={() => {
            applyLink(editor, null);
            close();
          }}
        >
          Remove
        </button>
      )}
      {isInvalid && <span className="q-link-error">Use an http, https, mailto or tel link.</span>}
    </form>
  );
}
