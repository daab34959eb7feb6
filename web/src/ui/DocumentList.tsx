import { checkDocName, type DocInfo, type DocListResponse } from '@quire/shared';
import { useEffect, useState, type FormEvent, type JSX } from 'react';
import { docsKeptOnDevice } from '../collab/device-copies.js';
import { formatAge } from './format-age.js';
import { docHref } from './routes.js';

type ListState =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'loaded'; docs: DocInfo[] }
  | { kind: 'offline'; docNames: string[] };

/** How often the start page asks again while the server cannot be reached. */
const OFFLINE_RETRY_MS = 5_000;

/** A fetch that never reached the server (it is down, or this device is offline). */
function isUnreachable(err: unknown): boolean {
  return err instanceof TypeError;
}

async function fetchDocs(signal: AbortSignal): Promise<DocInfo[]> {
  const response = await fetch('/api/docs', { signal, headers: { accept: 'application/json' } });
  if (response.status === 401) {
    throw new Error('This server needs an access link: open a document from a link that carries a token.');
  }
  if (!response.ok) throw new Error(`The server answered ${response.status}.`);
  const body = (await response.json()) as DocListResponse;
  return [...body.docs].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

function suggestName(): string {
  return `Untitled ${new Date().toISOString().slice(0, 10)} ${Math.random().toString(36).slice(2, 6)}`;
}

function NewDocumentForm(): JSX.Element {
  const [name, setName] = useState('');
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
        placeholder="Name a new document, e.g. team/weekly-notes"
        value={name}
        onChange={(event) => {
          setName(event.target.value);
          setError(null);
        }}
      />
      <button type="submit" className="q-button q-button-primary">
        New document
      </button>
      {error && <p className="q-form-error">{error}</p>}
    </form>
  );
}

function DocRows({ docs }: { docs: DocInfo[] }): JSX.Element {
  if (docs.length === 0) {
    return <p className="q-empty">No documents yet. Name one above and start writing.</p>;
  }
  return (
    <ul className="q-doc-list">
      {docs.map((doc) => (
        <li key={doc.name}>
          <a href={docHref(doc.name)} className="q-doc-row">
            <span className="q-doc-name">{doc.name}</span>
            <span className="q-doc-meta" title={new Date(doc.updatedAt).toLocaleString()}>
              Edited {formatAge(doc.updatedAt)}
            </span>
          </a>
        </li>
      ))}
    </ul>
  );
}

/** Without the server, the documents this device keeps a copy of, which open and can be edited. */
function DeviceDocRows({ docNames }: { docNames: string[] }): JSX.Element {
  return (
    <>
      <p className="q-notice q-notice-info q-list-notice" role="status">
        The server cannot be reached. Documents kept on this device still open and can be edited; your changes are sent
        when the connection is back.
      </p>
      {docNames.length === 0 ? (
        <p className="q-empty">No documents are kept on this device.</p>
      ) : (
        <ul className="q-doc-list" aria-label="Documents on this device">
          {docNames.map((name) => (
            <li key={name}>
              <a href={docHref(name)} className="q-doc-row">
                <span className="q-doc-name">{name}</span>
                <span className="q-doc-meta">On this device</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/**
 * `/`: every document on this server, newest first, and a way to start a new one; while the
 * server cannot be reached, the ones kept on this device.
 */
export function DocumentList(): JSX.Element {
  const [state, setState] = useState<ListState>({ kind: 'loading' });
  useEffect(() => {
    document.title = 'Documents · Quire';
    const controller = new AbortController();
    let retry: ReturnType<typeof setTimeout> | undefined;
    const load = (): void => {
      clearTimeout(retry);
      fetchDocs(controller.signal).then(
        (docs) => setState({ kind: 'loaded', docs }),
        async (err: unknown) => {
          if (controller.signal.aborted) return;
          if (isUnreachable(err)) {
            const docNames = await docsKeptOnDevice();
            if (controller.signal.aborted) return;
            setState({ kind: 'offline', docNames });
            // The server's list replaces this one as soon as it answers again.
            retry = setTimeout(load, OFFLINE_RETRY_MS);
            return;
          }
          setState({ kind: 'failed', message: err instanceof Error ? err.message : String(err) });
        },
      );
    };
    load();
    window.addEventListener('online', load);
    return () => {
      controller.abort();
      clearTimeout(retry);
      window.removeEventListener('online', load);
    };
  }, []);
  return (
    <main className="q-narrow">
      <header className="q-list-header">
        <span className="q-logo">Quire</span>
      </header>
      <h1>Documents</h1>
      <NewDocumentForm />
      {state.kind === 'loading' && <p className="q-muted">Loading documents…</p>}
      {state.kind === 'failed' && <p className="q-form-error">Could not load the documents. {state.message}</p>}
      {state.kind === 'loaded' && <DocRows docs={state.docs} />}
      {state.kind === 'offline' && <DeviceDocRows docNames={state.docNames} />}
    </main>
  );
}
