/** Compiles only if the library's published types are complete and usable (issue 7). */
import {
  CollaborativeEditor,
  mountEditor,
  type EditorChange,
  type EditorStatus,
  type MountedEditor,
  type ToolbarButtonName,
} from '@quire/web';
import type { JSX } from 'react';
import type * as Y from 'yjs';

const buttons: ToolbarButtonName[] = ['bold', 'italic', 'link', 'bullet'];

export function Notes({ token }: { token: string }): JSX.Element {
  return (
    <CollaborativeEditor
      serverUrl="https://quire.example.com"
      docName="team/notes"
      token={token}
      user={{ name: 'Ada', color: '#1971c2' }}
      readOnly={false}
      toolbar={buttons}
      className="my-editor"
      onStatus={(status: EditorStatus) => status.isSaved && status.connection === 'connected'}
      onChange={({ doc, isLocal }: EditorChange) => isLocal && doc.clientID > 0}
    />
  );
}

export function mountPlain(element: HTMLElement): () => void {
  const editor: MountedEditor = mountEditor(element, {
    serverUrl: 'wss://quire.example.com',
    docName: 'welcome',
    toolbar: false,
    showStatusBar: false,
  });
  const doc: Y.Doc = editor.doc;
  editor.provider.awareness.getStates();
  editor.provider.on('status', ({ status }) => status === 'connected');
  void doc;
  return () => editor.destroy();
}

// @ts-expect-error docName is required
mountEditor(document.body, { serverUrl: 'https://quire.example.com' });
