import { useState, type JSX } from 'react';
import type { DocApi } from '../collab/http-api.js';
import { FormError } from './FormError.js';

/**
 * Deleting the document from the editor, for everyone, after a second click that says so.
 * The server closes every editor with 4404, this one included, so the page then shows
 * "This document was deleted" like everyone else's (and drops this device's copy).
 */
export function DeleteDocument({ api }: { api: DocApi }): JSX.Element {
  const [isConfirming, setIsConfirming] = useState(false);
  const { isDeleting, error, remove } = useDelete(api, () => setIsConfirming(false));
  return (
    <div className="q-delete-doc" role="group" aria-label="Delete">
      {isConfirming ? (
        <ConfirmDelete
          docName={api.docName}
          isDeleting={isDeleting}
          onDelete={() => void remove()}
          onCancel={() => setIsConfirming(false)}
        />
      ) : (
        <button type="button" className="q-button q-button-small" onClick={() => setIsConfirming(true)}>
          Delete document
        </button>
      )}
      <FormError message={error} />
    </div>
  );
}

/** Asks the server to delete; a failure is shown and `onFailed` called. */
function useDelete(api: DocApi, onFailed: () => void) {
  const [isDeleting, setIsDeleting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const remove = async (): Promise<void> => {
    setIsDeleting(true);
    setError(null);
    try {
      await api.deleteDocument();
    } catch (err) {
      setError(`Could not delete: ${err instanceof Error ? err.message : String(err)}`);
      onFailed();
    } finally {
      setIsDeleting(false);
    }
  };
  return { isDeleting, error, remove };
}

interface ConfirmDeleteProps {
  docName: string;
  isDeleting: boolean;
  onDelete(): void;
  onCancel(): void;
}

function ConfirmDelete({ docName, isDeleting, onDelete, onCancel }: ConfirmDeleteProps): JSX.Element {
  return (
    <>
      <span className="q-delete-question">Delete “{docName}” and its versions for everyone?</span>
      <button
        type="button"
        className="q-button q-button-small q-button-danger"
        disabled={isDeleting}
        onClick={onDelete}
      >
        Delete for everyone
      </button>
      <button type="button" className="q-button q-button-small" onClick={onCancel}>
        Cancel
      </button>
    </>
  );
}
