/**
 * The toolbar buttons of issue #22: alignment, table, cell menu, rule and code language.
 * The table, cell menu and language buttons open a panel under the toolbar (panels/).
 */
import { alignBlocks, insertRule, type Alignment } from './block-actions.js';
import { codeLanguageLabel } from './code-languages.js';
import { BLOCK_ICONS } from './icons.js';
import { OPEN_BLOCK_PANEL_COMMAND, type BlockPanel } from './panels/BlockPanels.js';
import type { ButtonSpec } from './toolbar-spec.js';
import type { ToolbarButtonName } from './toolbar-buttons.js';

type BlockToolName =
  'alignLeft' | 'alignCenter' | 'alignRight' | 'alignJustify' | 'table' | 'tableMenu' | 'rule' | 'codeLanguage';

function align(alignment: Alignment, label: string, shortcut: string): ButtonSpec {
  const name = `align${alignment[0]!.toUpperCase()}${alignment.slice(1)}` as keyof typeof BLOCK_ICONS;
  return {
    label,
    shortcut,
    content: BLOCK_ICONS[name],
    // A block without an alignment of its own is aligned to the start (left in these scripts).
    isActive: ({ state }) =>
      state.alignment === alignment || (alignment === 'left' && ['', 'start'].includes(state.alignment)),
    run: (editor) => void alignBlocks(editor, alignment),
  };
}

function opens(panel: BlockPanel, spec: Omit<ButtonSpec, 'run' | 'isActive' | 'isToggle'>): ButtonSpec {
  return {
    ...spec,
    isToggle: false,
    isActive: () => false,
    run: (editor) => editor.dispatchCommand(OPEN_BLOCK_PANEL_COMMAND, panel),
  };
}

export const PANEL_OF: Partial<Record<ToolbarButtonName, BlockPanel>> = {
  table: 'table',
  tableMenu: 'tableMenu',
  codeLanguage: 'codeLanguage',
};

export const BLOCK_TOOLS: Record<BlockToolName, ButtonSpec> = {
  alignLeft: align('left', 'Align left', 'Mod+Shift+L'),
  alignCenter: align('center', 'Align center', 'Mod+Shift+E'),
  alignRight: align('right', 'Align right', 'Mod+Shift+R'),
  alignJustify: align('justify', 'Justify', 'Mod+Shift+J'),
  table: opens('table', { label: 'Insert table', shortcut: '', content: BLOCK_ICONS.table }),
  tableMenu: {
    ...opens('tableMenu', { label: 'Table options', shortcut: '', content: BLOCK_ICONS.tableMenu }),
    isDisabled: ({ state }) => !state.isInTable,
  },
  rule: {
    label: 'Horizontal rule',
    isToggle: false,
    shortcut: '',
    content: BLOCK_ICONS.rule,
    isActive: () => false,
    run: (editor) => insertRule(editor),
  },
  codeLanguage: {
    ...opens('codeLanguage', { label: 'Code language', shortcut: '', content: 'Language' }),
    // The current language's name, so people see (and speech users can say) what it is.
    contentOf: ({ state }) => (state.blockType === 'code' ? codeLanguageLabel(state.codeLanguage) : 'Language'),
    isDisabled: ({ state }) => state.blockType !== 'code',
  },
};
