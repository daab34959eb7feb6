import { useEffect, useRef, useState, type JSX, type KeyboardEvent } from 'react';
import { MAX_TABLE_PICKER_SIZE } from '../block-actions.js';

interface TablePickerProps {
  onPick(rows: number, columns: number): void;
  onClose(): void;
}

const SIZES = Array.from({ length: MAX_TABLE_PICKER_SIZE }, (_, index) => index + 1);
const ARROWS: Record<string, [number, number]> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
};
const clamp = (value: number): number => Math.min(Math.max(value, 1), MAX_TABLE_PICKER_SIZE);

/**
 * The size picker of the Insert table button: a grid of cells, each a button naming its
 * size ("3 rows, 4 columns"). Pointing or the arrow keys grow the highlighted corner; Enter
 * or a click inserts that table; Escape and Tab close the picker. It opens on 3 × 3.
 */
export function TablePicker({ onPick, onClose }: TablePickerProps): JSX.Element {
  const [size, setSize] = useState<[number, number]>([3, 3]);
  const ref = useRef<HTMLDivElement>(null);
  const [rows, columns] = size;
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>(`[data-size="${rows}x${columns}"]`)?.focus();
  }, [rows, columns]);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      onClose();
      return;
    }
    const arrow = ARROWS[event.key];
    if (arrow === undefined) return;
    event.preventDefault();
    setSize([clamp(rows + arrow[0]), clamp(columns + arrow[1])]);
  };
  return (
    <div className="q-table-picker" role="group" aria-label="Table size" ref={ref} onKeyDown={onKeyDown}>
      <div className="q-table-picker-grid">
        {SIZES.flatMap((row) =>
          SIZES.map((column) => (
            <PickerCell
              key={`${row}x${column}`}
              cell={[row, column]}
              size={size}
              onPoint={() => setSize([row, column])}
              onPick={() => onPick(row, column)}
            />
          )),
        )}
      </div>
      <span className="q-table-picker-size" aria-hidden="true">
        {rows} × {columns}
      </span>
    </div>
  );
}

interface PickerCellProps {
  cell: [number, number];
  /** The size highlighted now: its corner cell is the picker's one Tab stop. */
  size: [number, number];
  onPoint(): void;
  onPick(): void;
}

function PickerCell({ cell: [row, column], size: [rows, columns], onPoint, onPick }: PickerCellProps): JSX.Element {
  return (
    <button
      type="button"
      data-size={`${row}x${column}`}
      className={row <= rows && column <= columns ? 'q-table-picker-cell is-active' : 'q-table-picker-cell'}
      aria-label={`${row} ${row === 1 ? 'row' : 'rows'}, ${column} ${column === 1 ? 'column' : 'columns'}`}
      tabIndex={row === rows && column === columns ? 0 : -1}
      onMouseEnter={onPoint}
      onMouseDown={(event) => event.preventDefault()}
      onClick={onPick}
    />
  );
}
