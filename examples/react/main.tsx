/**
 * Quire in a React app through the npm library (`@quire/web`). Build it with Vite:
 *   npx vite build examples/react   (or `npx vite examples/react` while developing)
 * and serve it from an origin listed in the server's --allowed-origins.
 * ?doc= and ?token= are only for this demo: your app passes its own values.
 */
import { CollaborativeEditor, type EditorStatus } from '@quire/web';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';

const QUIRE_SERVER = 'http://localhost:1234';
const params = new URLSearchParams(window.location.search);

function NotesPage() {
  const [status, setStatus] = useState<EditorStatus | null>(null);
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 860, margin: '32px auto' }}>
      <h1>Team notes</h1>
      <p id="status">
        {status ? `${status.problem ?? status.connection}${status.isSaved ? ', saved' : ''}` : 'Loading…'}
      </p>
      <div style={{ height: 420 }}>
        <CollaborativeEditor
          serverUrl={QUIRE_SERVER}
          docName={params.get('doc') ?? 'welcome'}
          token={params.get('token') ?? undefined}
          user={{ name: params.get('name') ?? 'Guest', color: '#2f7d3a' }}
          toolbar={['undo', 'redo', 'h1', 'h2', 'bold', 'italic', 'link', 'bullet', 'check']}
          onStatus={setStatus}
        />
      </div>
    </main>
  );
}

const container = document.getElementById('app');
if (container === null) throw new Error('index.html has no #app element');
createRoot(container).render(<NotesPage />);
