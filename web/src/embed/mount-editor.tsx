import { createRoot } from 'react-dom/client';
import { createCollabSession } from '../collab/session.js';
import { EmbeddedEditor } from './EmbeddedEditor.js';
import { ensureStyles } from './styles.js';
import type { MountedEditor, MountEditorOptions } from './types.js';

/**
 * Mounts a collaborative editor for one Quire document into `element`, on any page and
 * with no framework (React is used inside and stays inside). Give the element a height;
 * the editor fills it. Several editors, for different documents, can share a page.
 *
 * @example
 * ```js
 * const editor = mountEditor(document.getElementById('editor'), {
 *   serverUrl: 'https://quire.example.com',
 *   docName: 'team/notes',
 *   token,
 *   user: { name: 'Ada', color: '#1971c2' },
 *   onStatus: (status) => console.log(status.connection, status.isSaved),
 * });
 * // later
 * editor.destroy();
 * ```
 */
export function mountEditor(element: HTMLElement, options: MountEditorOptions): MountedEditor {
  ensureStyles(element.ownerDocument);
  const { serverUrl, docName, token, transport } = options;
  const session = createCollabSession({ serverUrl, docName, token, transport });
  const root = createRoot(element);
  root.render(<EmbeddedEditor session={session} options={options} />);
  let isDestroyed = false;
  return {
    doc: session.doc,
    provider: session.websocket,
    destroy() {
      if (isDestroyed) return;
      isDestroyed = true;
      // Withdrawn while the socket is still open: unmounting the editor closes it.
      session.awareness.setLocalState(null);
      root.unmount();
      session.destroy();
    },
  };
}
