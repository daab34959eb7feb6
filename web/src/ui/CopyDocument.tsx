import { checkDocName } from '@quire/shared';
import { useState, type FormEvent, type JSX } from 'react';
import type { DocApi } from '../collab/http-api.js';
import { docHref } from './routes.js';
import { FormError } from './FormError.js';

/**
 * "Make a copy": a new document with this one's text under a name of your choice, opened
 * at once in this tab (the page's token goes along, in case it covers the new name too).
 */
export function CopyDocument({ api, token }: { api: DocApi; token: string | undefined }): JSX.Element {
  const [name, setName] = useState(`${api.docName} (copy)`);
  const [isCopying, setIsCopying] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const check = checkDocName(name.trim());
    if (!check.ok) {
      setError(`That name does not work: ${check.reason}.`);
      return;
    }
    setIsCopying(true);
    setError(null);
    try {
      await api.copyTo(check.docName);
      const query = token === undefined ? '' : `?token=${encodeURIComponent(token)}`;
      window.location.assign(docHref(check.docName) + query);
    } catch (err) {
      setError(`Could not copy: ${err instanceof Error ? err.message : String(err)}`);
      setIsCopying(false);
    }
  };
  return (
    <form className="q-copy-doc" aria-label="Make a copy" onSubmit={(event) => void submit(event)}>
      <input
        aria-label="Name of the copy"
        value={name}
        onChange={(event) => {
          setName(event.target.value);
          setError(null);
        }}
      />
      <button type="submit" className="q-button q-button-small" disabled={isCopying}>
        Make a copy
      </button>
      <FormError message={error} />
    </form>
  );
}
