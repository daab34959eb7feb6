import { type JSX } from 'react';
interface EditorPageProps {
    docName: string;
    serverUrl: string;
}
/** `/d/<docName>`: one document, its people and its status. */
export declare function EditorPage({ docName, serverUrl }: EditorPageProps): JSX.Element;
export {};
