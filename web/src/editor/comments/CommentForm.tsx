import { useEffect, useRef, useState, type JSX } from 'react';
import { MAX_COMMENT_BODY_LENGTH } from '@quire/shared';

/** A comment box: Ctrl+Enter or the button posts, Escape cancels. */
export function CommentForm({
  label,
  submitLabel,
  initial = '',
  autoFocus = false,
  onSubmit,
  onCancel,
}: {
  label: string;
  submitLabel: string;
  initial?: string;
  autoFocus?: boolean;
  onSubmit(body: string): void;
  onCancel?: () => void;
}): JSX.Element {
  const [body, setBody] = useState(initial);
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (autoFocus) ref.current?.focus();
  }, [autoFocus]);
  const submit = (): void => {
    const trimmed = body.trim();
    if (trimmed === '') return;
    onSubmit(trimmed);
    setBody('');
  };
  return (
    <form
      className="q-comment-form"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <textarea
        ref={ref}
        className="q-comment-input"
        aria-label={label}
        placeholder={label}
        value={body}
        maxLength={MAX_COMMENT_BODY_LENGTH}
        rows={2}
        onChange={(event) => setBody(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            submit();
          } else if (event.key === 'Escape' && onCancel) {
            event.preventDefault();
            onCancel();
          }
        }}
      />
      <div className="q-comment-form-actions">
        {onCancel && (
          <button type="button" className="q-button q-button-small" onClick={onCancel}>
            Cancel
          </button>
        )}
        <button type="submit" className="q-button q-button-small q-button-primary" disabled={body.trim() === ''}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
