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
export function ToolbarButton({
  label,
  shortcut,
  isActive = false,
  isDisabled = false,
  onClick,
  children,
}: ToolbarButtonProps): JSX.Element {
  return (
    <button
      type="button"
      className={isActive ? 'q-tool is-active' : 'q-tool'}
      aria-label={label}
      aria-pressed={isActive}
      title={shortcut ? `${label} (${shortcut})` : label}
      disabled={isDisabled}
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

export function ToolbarDivider(): JSX.Element {
  return <span className="q-tool-divider" aria-hidden="true" />;
}
