import { lazy, Suspense, type JSX } from 'react';
import { defaultServerUrl } from '../collab/server-url.js';
import { DocumentList } from './DocumentList.js';
import { parseRoute } from './routes.js';

// The editor (Lexical, Yjs) is most of the bundle; the document list does not need it.
const EditorPage = lazy(() => import('./EditorPage.js').then((m) => ({ default: m.EditorPage })));

/** Pages are full loads: each document gets a fresh session, and links behave like links. */
export function App(): JSX.Element {
  const route = parseRoute(window.location.pathname);
  switch (route.kind) {
    case 'list':
      return <DocumentList />;
    case 'doc':
      return (
        <Suspense fallback={<div className="q-app" />}>
          <EditorPage docName={route.docName} serverUrl={defaultServerUrl()} />
        </Suspense>
      );
    case 'invalid':
      return (
        <main className="q-narrow">
          <h1>Not found</h1>
          <p>{route.reason}</p>
          <p>
            <a href="/">Back to your documents</a>
          </p>
        </main>
      );
  }
}
