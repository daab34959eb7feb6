import type { JSX, ReactNode } from 'react';

interface ToolbarButtonProps {
  label: string;
  shortcut?: string;
  /** Toggles (formats, block types) say whether they are on; actions (undo, link) do not. */
  isToggle?: boolean;
  isActive?: boolean;
  isDisabled?: boolean;
  /** 0 for the toolbar's one Tab stop, -1 for the others (roving tabindex). */
  tabIndex?: number;
  onFocus?: () => void;
  onClick: () => void;
  /** Extra attributes, such as the toolbar's data-tool name. */
  attributes?: Record<string, string>;
  children: ReactNode;
}

/**
 * The accessible name: the label, led by the visible text when the label does not
 * contain it ("H1 Heading 1"), so speech users can say what they see (WCAG 2.5.3).
 */
export function toolName(label: string, children: ReactNode): string {
  if (typeof children !== 'string' || label.toLowerCase().includes(children.toLowerCase())) return label;
  return `${children} ${label}`;
}

/**
 * A toolbar button. `onMouseDown` is prevented so clicking never takes focus (and the
 * selection) away from the document; the title names the keyboard shortcut.
 */
export function ToolbarButton({
  label,
  shortcut,
  isToggle = true,
  isActive = false,
  isDisabled = false,
  tabIndex,
  onFocus,
  onClick,
  attributes,
  children,
}: ToolbarButtonProps): JSX.Element {
  return (
    <button
      type="button"
      className={isActive ? 'q-tool is-active' : 'q-tool'}
      aria-label={toolName(label, children)}
      aria-pressed={isToggle ? isActive : undefined}
      title={shortcut ? `${label} (${shortcut})` : label}
      disabled={isDisabled}
      tabIndex={tabIndex}
      onFocus={onFocus}
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
      {...attributes}
    >
      {children}
    </button>
  );
}

export function ToolbarDivider(): JSX.Element {
  return <span className="q-tool-divider" aria-hidden="true" />;
}
