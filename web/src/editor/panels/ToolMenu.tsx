import { useEffect, useRef, type JSX, type KeyboardEvent } from 'react';

export interface MenuItem {
  id: string;
  label: string;
  /** For items that are on or off (header row) or one of a set (language). */
  checked?: boolean;
  role?: 'menuitem' | 'menuitemcheckbox' | 'menuitemradio';
}

interface ToolMenuProps {
  label: string;
  items: readonly MenuItem[];
  onChoose(id: string): void;
  onClose(): void;
}

const MOVES: Record<string, (index: number, count: number) => number> = {
  ArrowDown: (index, count) => (index + 1) % count,
  ArrowRight: (index, count) => (index + 1) % count,
  ArrowUp: (index, count) => (index - 1 + count) % count,
  ArrowLeft: (index, count) => (index - 1 + count) % count,
  Home: () => 0,
  End: (_, count) => count - 1,
};

/**
 * A menu under the toolbar (WAI-ARIA menu pattern): it takes the focus on its checked item
 * or its first; arrows, Home and End move between items, Enter and Space choose, Escape and
 * Tab close it. Items never take the focus from the document on a mouse press.
 */
export function ToolMenu({ label, items, onChoose, onClose }: ToolMenuProps): JSX.Element {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const start = Math.max(
      items.findIndex((item) => item.role === 'menuitemradio' && item.checked === true),
      0,
    );
    ref.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]')[start]?.focus();
    // Only when the menu opens: moving the focus on each re-render would fight the arrows.
  }, []);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      onClose();
      return;
    }
    const move = MOVES[event.key];
    if (move === undefined) return;
    event.preventDefault();
    const buttons = [...event.currentTarget.querySelectorAll<HTMLElement>('[role^="menuitem"]')];
    const index = buttons.indexOf(document.activeElement as HTMLElement);
    buttons[move(Math.max(index, 0), buttons.length)]?.focus();
  };
  return (
    <div className="q-tool-menu" role="menu" aria-label={label} ref={ref} onKeyDown={onKeyDown}>
      {items.map((item) => (
        <ToolMenuItem key={item.id} item={item} onChoose={() => onChoose(item.id)} />
      ))}
    </div>
  );
}

function ToolMenuItem({ item, onChoose }: { item: MenuItem; onChoose(): void }): JSX.Element {
  return (
    <button
      type="button"
      role={item.role ?? 'menuitem'}
      aria-checked={item.role === undefined || item.role === 'menuitem' ? undefined : item.checked === true}
      tabIndex={-1}
      className="q-tool-menu-item"
      onMouseDown={(event) => event.preventDefault()}
      onClick={onChoose}
    >
      {item.label}
    </button>
  );
}
