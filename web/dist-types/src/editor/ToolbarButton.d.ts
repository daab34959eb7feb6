import type { JSX, ReactNode } from 'react';
interface ToolbarButtonProps {
    label: string;
    shortcut?: string;
    isActive?: boolean;
    isDisabled?: boolean;
    onClick: () => void;
    children: ReactNode;
}
/**
 * A toolbar toggle. `onMouseDown` is prevented so clicking never takes focus (and the
 * selection) away from the document; the title names the keyboard shortcut.
 */
export declare function ToolbarButton({ label, shortcut, isActive, isDisabled, onClick, children, }: ToolbarButtonProps): JSX.Element;
export declare function ToolbarDivider(): JSX.Element;
export {};
