import { useInsertionEffect, type JSX } from 'react';
import { useCollabSession } from '../collab/use-collab-session.js';
import { EmbeddedEditor } from './EmbeddedEditor.js';
import { ensureStyles } from './styles.js';
import type { CollaborativeEditorProps } from './types.js';

/**
 * A collaborative rich-text editor for one Quire document, for React apps.
 *
 * It connects when mounted and leaves when unmounted (connection closed, presence
 * withdrawn). Changing `serverUrl`, `docName`, `token` or `transport` opens a new connection; `user`
 * changes are shown to others live. The element fills its parent's height.
 *
 * @example
 * ```tsx
 * <div style={{ height: 480 }}>
 *   <CollaborativeEditor
 *     serverUrl="https://quire.example.com"
 *     docName="team/notes"
 *     token={tokenFromYourBackend}
 *     user={{ name: 'Ada', color: '#1971c2' }}
 *     onStatus={(status) => setSaved(status.isSaved)}
 *   />
 * </div>
 * ```
 */
export function CollaborativeEditor(props: CollaborativeEditorProps): JSX.Element | null {
  useInsertionEffect(() => ensureStyles(), []);
  const session = useCollabSession(props.serverUrl, props.docName, props.token, props.transport);
  if (session === null) return null;
  return <EmbeddedEditor key={session.doc.guid} session={session} options={props} />;
}
