import { useState, type FormEvent, type JSX } from 'react';

const MAX_LABEL_LENGTH = 200;

/** Names the current state of the document and saves it as a version. */
export function SaveVersionForm({ onSave }: { onSave: (label: string) => Promise<void> }): JSX.Element {
  const [label, setLabel] = useState('');
  const [isSaving, setIsSaving] = useState(false);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const trimmed = label.trim();
    if (trimmed === '' || isSaving) return;
    setIsSaving(true);
    onSave(trimmed).then(
      () => {
        setLabel('');
        setIsSaving(false);
      },
      () => setIsSaving(false),
    );
  };
  return (
    <form className="q-save-version" onSubmit={submit}>
      <input
        aria-label="Version label"
        placeholder="e.g. Sent for review"
        maxLength={MAX_LABEL_LENGTH}
        value={label}
        onChange={(event) => setLabel(event.target.value)}
      />
      <button
        type="submit"
        className="q-button q-button-primary q-button-small"
        disabled={isSaving || label.trim() === ''}
      >
        Save version
      </button>
    </form>
  );
}
