import { type JSX } from 'react';
import { type LocalUser } from '../collab/local-user.js';
interface NameEditorProps {
    user: LocalUser;
    onChange: (user: LocalUser) => void;
}
/** Your name and caret colour as others see them; remembered on this device. */
export declare function NameEditor({ user, onChange }: NameEditorProps): JSX.Element;
export {};
