import { checkDocName } from '@quire/shared';
import { useState, type FormEvent, type JSX } from 'react';
import { docHref } from './routes.js';

function suggestName(): string {
  return `Untitled ${new Date().toISOString().slice(0, 10)} ${Math.random().toString(36).slice(2, 6)}`;
}

/**
 * The name box: typing filters the list below; Enter opens the document of that name,
 * which makes it if it is new (an empty box makes an "Untitled" one).
 */
export function NewDocumentForm({
  name,
  onNameChange,
  isExisting,
}: {
  name: string;
  onNameChange: (name: string) => void;
  isExisting: boolean;
}): JSX.Element {
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const check = checkDocName(name.trim() === '' ? suggestName() : name.trim());
    if (!check.ok) {
      setError(`That name does not work: ${check.reason}.`);
      return;
    }
    window.location.assign(docHref(check.docName));
  };
  return (
    <form className="q-new-doc" onSubmit={submit}>
      <input
        aria-label="New document name"
        placeholder="Find a document, or name a new one, e.g. team/weekly-notes"
        value={name}
        onChange={(event) => {
          onNameChange(event.target.value);
          setError(null);
        }}
      />
      <button type="submit" className="q-button q-button-primary">
        {isExisting ? 'Open document' : 'New document'}
      </button>
      {error && <p className="q-form-error">{error}</p>}
    </form>
  );
}
