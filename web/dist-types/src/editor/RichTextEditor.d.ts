import type { Provider } from '@lexical/yjs';
import { type JSX } from 'react';
import type { Doc } from 'yjs';
export interface EditorUser {
    name: string;
    color: string;
}
export interface RichTextEditorProps {
    docName: string;
    doc: Doc;
    provider: Provider;
    user: EditorUser;
    /** False until the document's content has arrived; may change at any time. */
    isEditable?: boolean;
}
export declare function RichTextEditor({ docName, doc, provider, user, isEditable, }: RichTextEditorProps): JSX.Element;
