import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { COMMAND_PRIORITY_LOW, type LexicalEditor } from 'lexical';
import { useEffect, useRef, useState, type FormEvent, type JSX } from 'react';
import { applyLink, normalizeLinkUrl, OPEN_LINK_EDITOR_COMMAND } from './toolbar-actions.js';

/**
 * The link field under the toolbar, opened by the Link button or Mod+K. Lexical keeps
 * the document selection while focus is in this field, so the link lands on the text
 * that was selected when it opened.
 */
export function LinkEditor({ currentUrl }: { currentUrl: string }): JSX.Element | null {
  const [editor] = useLexicalComposerContext();
  // Counts openings: each one starts a fresh form holding the link as it is then.
  const [opened, setOpened] = useState(0);
  const [isOpen, setIsOpen] = useState(false);
  useEffect(
    () =>
      editor.registerCommand(
        OPEN_LINK_EDITOR_COMMAND,
        () => {
          setOpened((count) => count + 1);
          setIsOpen(true);
          return true;
        },
        COMMAND_PRIORITY_LOW,
      ),
    [editor],
  );
  if (!isOpen) return null;
  const close = (): void => {
    setIsOpen(false);
    // Lexical's focus() only places the selection; from the link field that leaves the
    // page focused on nothing when the field goes, and what one types next is lost.
    editor.getRootElement()?.focus({ preventScroll: true });
    editor.focus();
  };
  return <LinkForm key={opened} editor={editor} currentUrl={currentUrl} onClose={close} />;
}

interface LinkFormProps {
  editor: LexicalEditor;
  currentUrl: string;
  onClose(): void;
}

function LinkForm({ editor, currentUrl, onClose }: LinkFormProps): JSX.Element {
  const [draft, setDraft] = useState(currentUrl);
  const [isInvalid, setIsInvalid] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    inputRef.current?.focus();
  }, []);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const url = normalizeLinkUrl(draft);
    if (draft.trim().length > 0 && url === null) {
      setIsInvalid(true);
      return;
    }
    applyLink(editor, url);
    onClose();
  };
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
          if (event.key === 'Escape') onClose();
        }}
      />
      <LinkFormButtons editor={editor} canRemove={currentUrl !== ''} onClose={onClose} />
      {isInvalid && <span className="q-link-error">Use an http, https, mailto or tel link.</span>}
    </form>
  );
}

function LinkFormButtons({
  editor,
  canRemove,
  onClose,
}: {
  editor: LexicalEditor;
  canRemove: boolean;
  onClose(): void;
}): JSX.Element {
  return (
    <>
      <button type="submit" className="q-button q-button-primary">
        Apply
      </button>
      {canRemove && (
        <button
          type="button"
          className="q-button"
          onClick={() => {
            applyLink(editor, null);
            onClose();
          }}
        >
          Remove
        </button>
      )}
    </>
  );
}
