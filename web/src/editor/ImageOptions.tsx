/**
 * The image options dialog (SPEC: Web, images with alt text and width): a small labelled
 * form; Escape or Cancel closes it without change, Save applies both fields as one edit.
 */
import { useEffect, useRef, useState, type FormEvent, type JSX } from 'react';
import { createPortal } from 'react-dom';

export interface ImageOptionsProps {
  altText: string;
  width: number | null;
  onSave(altText: string, width: number | null): void;
  onClose(): void;
}

export function ImageOptions({ altText, width, onSave, onClose }: ImageOptionsProps): JSX.Element {
  const [alt, setAlt] = useState(altText);
  const [size, setSize] = useState(width === null ? '' : String(width));
  const firstField = useRef<HTMLInputElement>(null);
  useEffect(() => firstField.current?.focus(), []);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const parsed = Number.parseInt(size, 10);
    onSave(alt.trim(), Number.isFinite(parsed) && parsed > 0 ? parsed : null);
  };
  return createPortal(
    <div
      className="q-image-options"
      role="dialog"
      aria-label="Image options"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <form onSubmit={submit}>
        <label>
          Alt text
          <input ref={firstField} value={alt} maxLength={1000} onChange={(e) => setAlt(e.target.value)} />
        </label>
        <label>
          Width in pixels (empty: natural size)
          <input inputMode="numeric" value={size} onChange={(e) => setSize(e.target.value.replace(/\D/g, ''))} />
        </label>
        <div className="q-image-options-actions">
          <button type="submit">Save</button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </div>,
    document.body,
  );
}
