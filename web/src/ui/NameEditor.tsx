import { useState, type FormEvent, type JSX } from 'react';
import { MAX_USER_NAME_LENGTH, normalizeUserName, USER_COLORS, type LocalUser } from '../collab/local-user.js';

interface NameEditorProps {
  user: LocalUser;
  onChange: (user: LocalUser) => void;
}

/** Your name and caret colour as others see them; remembered on this device. */
export function NameEditor({ user, onChange }: NameEditorProps): JSX.Element {
  const [isEditing, setIsEditing] = useState(false);
  const [draft, setDraft] = useState(user.name);

  const commit = (event?: FormEvent): void => {
    event?.preventDefault();
    const name = normalizeUserName(draft);
    if (name.length > 0 && name !== user.name) onChange({ ...user, name });
    setIsEditing(false);
  };

  if (!isEditing) {
    const edit = (): void => {
      setDraft(user.name);
      setIsEditing(true);
    };
    return <NameButton user={user} onClick={edit} />;
  }
  return (
    <form className="q-name-form" onSubmit={commit}>
      <input
        autoFocus
        aria-label="Your name"
        maxLength={MAX_USER_NAME_LENGTH}
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={() => commit()}
        onKeyDown={(event) => {
          if (event.key === 'Escape') setIsEditing(false);
        }}
      />
      <ColorChoice user={user} onChange={onChange} />
    </form>
  );
}

function NameButton({ user, onClick }: { user: LocalUser; onClick: () => void }): JSX.Element {
  return (
    <button type="button" className="q-name-button" title="Change the name others see" onClick={onClick}>
      <span className="q-swatch" style={{ backgroundColor: user.color }} aria-hidden="true" />
      <span className="q-name-label">{user.name}</span>
    </button>
  );
}

function ColorChoice({ user, onChange }: NameEditorProps): JSX.Element {
  return (
    <div className="q-colors" role="radiogroup" aria-label="Your colour">
      {USER_COLORS.map((color) => (
        <button
          key={color}
          type="button"
          role="radio"
          aria-checked={color === user.color}
          aria-label={`Colour ${color}`}
          className="q-color"
          style={{ backgroundColor: color }}
          // Keeps focus in the name field, whose blur would end the editing.
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => onChange({ ...user, color })}
        />
      ))}
    </div>
  );
}
