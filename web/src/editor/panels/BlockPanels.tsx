/**
 * The panels the table, cell menu and code language buttons open under the toolbar
 * (issue #22). Lexical keeps the document's selection while the focus is in a panel, so a
 * choice acts where the caret was; the focus then goes back to the document.
 */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { COMMAND_PRIORITY_LOW, createCommand, type LexicalCommand, type LexicalEditor } from 'lexical';
import { useEffect, useState, type JSX } from 'react';
import { insertTable, runTableAction, setCodeLanguage, type TableAction } from '../block-actions.js';
import { CODE_LANGUAGES, codeLanguageOf } from '../code-languages.js';
import type { ToolbarStatus } from '../toolbar-hooks.js';
import { TablePicker } from './TablePicker.js';
import { ToolMenu, type MenuItem } from './ToolMenu.js';

export type BlockPanel = 'table' | 'tableMenu' | 'codeLanguage';

export const OPEN_BLOCK_PANEL_COMMAND: LexicalCommand<BlockPanel> = createCommand('OPEN_BLOCK_PANEL');

/** Which panel is open; toolbar buttons open theirs with OPEN_BLOCK_PANEL_COMMAND. */
export function useOpenPanel(): [BlockPanel | null, (panel: BlockPanel | null) => void] {
  const [editor] = useLexicalComposerContext();
  const [panel, setPanel] = useState<BlockPanel | null>(null);
  useEffect(
    () =>
      editor.registerCommand(
        OPEN_BLOCK_PANEL_COMMAND,
        (next) => {
          setPanel((current) => (current === next ? null : next));
          return true;
        },
        COMMAND_PRIORITY_LOW,
      ),
    [editor],
  );
  return [panel, setPanel];
}

const TABLE_ITEMS: ReadonlyArray<{ id: TableAction; label: string }> = [
  { id: 'rowAbove', label: 'Insert row above' },
  { id: 'rowBelow', label: 'Insert row below' },
  { id: 'columnLeft', label: 'Insert column left' },
  { id: 'columnRight', label: 'Insert column right' },
  { id: 'deleteRow', label: 'Delete row' },
  { id: 'deleteColumn', label: 'Delete column' },
  { id: 'headerRow', label: 'Header row' },
  { id: 'deleteTable', label: 'Delete table' },
];

interface BlockPanelsProps {
  panel: BlockPanel | null;
  status: ToolbarStatus;
  onClose(): void;
  /** Escape and Tab: back to the button that opened the panel. */
  onReturn(): void;
}

export function BlockPanels({ panel, status, onClose, onReturn }: BlockPanelsProps): JSX.Element | null {
  const [editor] = useLexicalComposerContext();
  const { state } = status;
  // A panel that no longer applies (the caret left the table or code block) closes.
  const isStale =
    (panel === 'tableMenu' && !state.isInTable) || (panel === 'codeLanguage' && state.blockType !== 'code');
  useEffect(() => {
    if (isStale) onClose();
  }, [isStale, onClose]);
  if (panel === null || isStale || !status.isEditable) return null;
  const context: PanelContext = {
    editor,
    state,
    // The document takes the focus back first: while the toolbar (and so a panel) has it,
    // an edit's new caret is kept out of the page, and the panel's button vanishes with it.
    done: (action) => {
      onClose();
      editor.focus(action);
    },
    close: () => {
      onClose();
      onReturn();
    },
  };
  if (panel === 'table') {
    const onPick = (rows: number, columns: number): void => context.done(() => insertTable(editor, rows, columns));
    return <TablePicker onPick={onPick} onClose={context.close} />;
  }
  return panel === 'tableMenu' ? <TableMenu {...context} /> : <CodeLanguageMenu {...context} />;
}

interface PanelContext {
  editor: LexicalEditor;
  state: ToolbarStatus['state'];
  /** Closes the panel and runs `action` with the focus back in the document. */
  done(action: () => void): void;
  /** Closes the panel, the focus going back to its button. */
  close(): void;
}

function TableMenu({ editor, state, done, close }: PanelContext): JSX.Element {
  const items: MenuItem[] = TABLE_ITEMS.map((item) =>
    item.id === 'headerRow' ? { ...item, role: 'menuitemcheckbox', checked: state.hasHeaderRow } : item,
  );
  return (
    <ToolMenu
      label="Table"
      items={items}
      onChoose={(id) => done(() => runTableAction(editor, id as TableAction))}
      onClose={close}
    />
  );
}

function CodeLanguageMenu({ editor, state, done, close }: PanelContext): JSX.Element {
  const current = codeLanguageOf(state.codeLanguage)?.id;
  const languages: MenuItem[] = CODE_LANGUAGES.map(({ id, label }) => ({
    id,
    label,
    role: 'menuitemradio',
    checked: id === current,
  }));
  return (
    <ToolMenu
      label="Code language"
      items={languages}
      onChoose={(id) => done(() => setCodeLanguage(editor, id))}
      onClose={close}
    />
  );
}
