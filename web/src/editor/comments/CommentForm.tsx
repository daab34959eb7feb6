import { useEffect, useRef, useState, type JSX, type KeyboardEvent } from 'react';
import { MAX_COMMENT_BODY_LENGTH } from '@quire/shared';

export interface CommentFormProps {
  label: string;
  submitLabel: string;
  initial?: string;
  autoFocus?: boolean;
  onSubmit(body: string): void;
  onCancel?: () => void;
}

/** A comment box: Ctrl+Enter or the button posts, Escape cancels. */
export function CommentForm(props: CommentFormProps): JSX.Element {
  const { label, onCancel } = props;
  const { body, setBody, ref, submit } = useCommentBody(props);
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    } else if (event.key === 'Escape' && onCancel) {
      event.preventDefault();
      onCancel();
    }
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
        onKeyDown={onKeyDown}
      />
      <FormActions submitLabel={props.submitLabel} canSubmit={body.trim() !== ''} onCancel={onCancel} />
    </form>
  );
}

/** The box's text, focused on mount when asked; `submit` posts it trimmed and empties the box. */
function useCommentBody({ initial = '', autoFocus = false, onSubmit }: CommentFormProps) {
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
  return { body, setBody, ref, submit };
}

function FormActions({
  submitLabel,
  canSubmit,
  onCancel,
}: {
  submitLabel: string;
  canSubmit: boolean;
  onCancel: (() => void) | undefined;
}): JSX.Element {
  return (
    <div className="q-comment-form-actions">
      {onCancel && (
        <button type="button" className="q-button q-button-small" onClick={onCancel}>
          Cancel
        </button>
      )}
      <button type="submit" className="q-button q-button-small q-button-primary" disabled={!canSubmit}>
        {submitLabel}
      </button>
    </div>
  );
}
