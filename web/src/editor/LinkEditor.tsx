import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { COMMAND_PRIORITY_LOW, type LexicalEditor } from 'lexical';
import { useEffect, useRef, useState, type FormEvent, type JSX, type RefObject } from 'react';
import { applyLink, normalizeLinkUrl, OPEN_LINK_EDITOR_COMMAND } from './toolbar-actions.js';

interface LinkField {
  isOpen: boolean;
  draft: string;
  isInvalid: boolean;
  inputRef: RefObject<HTMLInputElement | null>;
  setDraft(draft: string): void;
  setIsInvalid(isInvalid: boolean): void;
  close(): void;
}

/** The field's state: opened by the command, focused when open, closed back to the text. */
function useLinkField(editor: LexicalEditor, currentUrl: string): LinkField {
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
    // Lexical's focus() only places the selection; from the link field that leaves the
    // page focused on nothing when the field goes, and what one types next is lost.
    editor.getRootElement()?.focus({ preventScroll: true });
    editor.focus();
  };
  return { isOpen, draft, isInvalid, inputRef, setDraft, setIsInvalid, close };
}

/**
 * The link field under the toolbar, opened by the Link button or Mod+K. Lexical keeps
 * the document selection while focus is in this field, so the link lands on the text
 * that was selected when it opened.
 */
export function LinkEditor({ currentUrl }: { currentUrl: string }): JSX.Element | null {
  const [editor] = useLexicalComposerContext();
  const field = useLinkField(editor, currentUrl);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const url = normalizeLinkUrl(field.draft);
    if (field.draft.trim().length > 0 && url === null) {
      field.setIsInvalid(true);
      return;
    }
    applyLink(editor, url);
    field.close();
  };

  if (!field.isOpen) return null;
  return (
    <form className="q-link-editor" onSubmit={submit}>
      <LinkInput field={field} />
      <button type="submit" className="q-button q-button-primary">
        Apply
      </button>
      {currentUrl !== '' && (
        <button
          type="button"
          className="q-button"
          onClick={() => {
            applyLink(editor, null);
            field.close();
          }}
        >
          Remove
        </button>
      )}
      {field.isInvalid && <span className="q-link-error">Use an http, https, mailto or tel link.</span>}
    </form>
  );
}

function LinkInput({ field }: { field: LinkField }): JSX.Element {
  return (
    <input
      ref={field.inputRef}
      type="text"
      inputMode="url"
      aria-label="Link address"
      aria-invalid={field.isInvalid}
      placeholder="Paste or type a link"
      value={field.draft}
      onChange={(event) => {
        field.setDraft(event.target.value);
        field.setIsInvalid(false);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') field.close();
      }}
    />
  );
}
