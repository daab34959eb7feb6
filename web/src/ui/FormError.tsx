import type { JSX } from 'react';

/** Why an action in a panel failed, announced to screen readers; nothing when it did not. */
export function FormError({ message }: { message: string | null }): JSX.Element | null {
  if (message === null) return null;
  return (
    <p className="q-form-error" role="alert">
      {message}
    </p>
  );
}
