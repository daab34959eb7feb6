import type { DocInfo, DocListResponse } from '@quire/shared';
import { useEffect, useState, type JSX } from 'react';
import { docsKeptOnDevice } from '../collab/device-copies.js';
import { DeviceDocRows, DocRows } from './DocRows.js';
import { NewDocumentForm } from './NewDocumentForm.js';

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

/** Whether the list holds a document named exactly `name`. */
function isExisting(state: ListState, name: string): boolean {
  if (state.kind === 'loaded') return state.docs.some((doc) => doc.name === name);
  if (state.kind === 'offline') return state.docNames.includes(name);
  return false;
}

/**
 * `/`: every document on this server, newest first, and a way to start a new one; while the
 * server cannot be reached, the ones kept on this device.
 */
export function DocumentList(): JSX.Element {
  const state = useDocumentList();
  const [typed, setTyped] = useState('');
  return (
    <main className="q-narrow">
      <header className="q-list-header">
        <span className="q-logo">Quire</span>
      </header>
      <h1>Documents</h1>
      <NewDocumentForm name={typed} onNameChange={setTyped} isExisting={isExisting(state, typed.trim())} />
      {state.kind === 'loading' && <p className="q-muted">Loading documents…</p>}
      {state.kind === 'failed' && <p className="q-form-error">Could not load the documents. {state.message}</p>}
      {state.kind === 'loaded' && <DocRows docs={state.docs} typed={typed} />}
      {state.kind === 'offline' && <DeviceDocRows docNames={state.docNames} typed={typed} />}
    </main>
  );
}

/** The server's list, loaded again whenever the browser comes back online. */
function useDocumentList(): ListState {
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
          if (!isUnreachable(err)) {
            setState({ kind: 'failed', message: err instanceof Error ? err.message : String(err) });
            return;
          }
          const docNames = await docsKeptOnDevice();
          if (controller.signal.aborted) return;
          setState({ kind: 'offline', docNames });
          // The server's list replaces this one as soon as it answers again.
          retry = setTimeout(load, OFFLINE_RETRY_MS);
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
  return state;
}
