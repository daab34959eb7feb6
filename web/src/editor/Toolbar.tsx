import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { FORMAT_TEXT_COMMAND, REDO_COMMAND, UNDO_COMMAND, type LexicalEditor } from 'lexical';
import { Fragment, type JSX } from 'react';
import { BLOCK_TOOLS, PANEL_OF } from './block-tools.js';
import type { ButtonSpec } from './toolbar-spec.js';
import { ICONS } from './icons.js';
import { BlockPanels, useOpenPanel, type BlockPanel } from './panels/BlockPanels.js';
import { OPEN_IMAGE_PICKER_COMMAND } from './image-files.js';
import { LinkEditor } from './LinkEditor.js';
import { shortcutLabel } from './shortcut-labels.js';
import { OPEN_LINK_EDITOR_COMMAND, setBlockType } from './toolbar-actions.js';
import { TOOLBAR_GROUPS, type ToolbarButtonName } from './toolbar-buttons.js';
import { runFromToolbar, toolAttributes, useRovingFocus, type RovingFocus } from './toolbar-focus.js';
import { useToolbarStatus, type ToolbarStatus } from './toolbar-hooks.js';
import type { BlockType, InlineFormat } from './toolbar-state.js';
import { ToolbarButton, ToolbarDivider } from './ToolbarButton.js';

function block(type: BlockType, label: string, shortcut: string, content: JSX.Element | string): ButtonSpec {
  return {
    label,
    shortcut,
    content,
    isActive: ({ state }) => state.blockType === type,
    run: (editor, { state }) => setBlockType(editor, state.blockType, type),
  };
}

function inline(format: InlineFormat, label: string, shortcut: string, content: JSX.Element): ButtonSpec {
  return {
    label,
    shortcut,
    content,
    isActive: ({ state }) => state.formats.has(format),
    run: (editor) => editor.dispatchCommand(FORMAT_TEXT_COMMAND, format),
  };
}

const BUTTONS: Record<ToolbarButtonName, ButtonSpec> = {
  undo: {
    label: 'Undo',
    isToggle: false,
    shortcut: 'Mod+Z',
    content: ICONS.undo,
    isActive: () => false,
    isDisabled: ({ canUndo }) => !canUndo,
    run: (editor) => editor.dispatchCommand(UNDO_COMMAND, undefined),
  },
  redo: {
    label: 'Redo',
    isToggle: false,
    shortcut: 'Mod+Shift+Z',
    content: ICONS.redo,
    isActive: () => false,
    isDisabled: ({ canRedo }) => !canRedo,
    run: (editor) => editor.dispatchCommand(REDO_COMMAND, undefined),
  },
  paragraph: block('paragraph', 'Normal text', 'Mod+Alt+0', 'Text'),
  h1: block('h1', 'Heading 1', 'Mod+Alt+1', 'H1'),
  h2: block('h2', 'Heading 2', 'Mod+Alt+2', 'H2'),
  h3: block('h3', 'Heading 3', 'Mod+Alt+3', 'H3'),
  quote: block('quote', 'Quote', 'Mod+Alt+Q', ICONS.quote),
  codeBlock: block('code', 'Code block', 'Mod+Alt+C', ICONS.codeBlock),
  bold: inline('bold', 'Bold', 'Mod+B', <b>B</b>),
  italic: inline('italic', 'Italic', 'Mod+I', <i className="q-serif">I</i>),
  underline: inline('underline', 'Underline', 'Mod+U', <u>U</u>),
  strikethrough: inline('strikethrough', 'Strikethrough', 'Mod+Shift+X', <s>S</s>),
  code: inline('code', 'Inline code', 'Mod+E', ICONS.code),
  link: {
    label: 'Link',
    isToggle: false,
    shortcut: 'Mod+K',
    content: ICONS.link,
    isActive: ({ state }) => state.isLink,
    run: (editor) => editor.dispatchCommand(OPEN_LINK_EDITOR_COMMAND, undefined),
  },
  bullet: block('bullet', 'Bulleted list', 'Mod+Shift+8', ICONS.bullet),
  number: block('number', 'Numbered list', 'Mod+Shift+7', ICONS.number),
  check: block('check', 'Check list', 'Mod+Shift+9', ICONS.check),
  ...BLOCK_TOOLS,
  image: {
    label: 'Insert image',
    isToggle: false,
    shortcut: '',
    content: ICONS.image,
    isActive: () => false,
    run: (editor) => editor.dispatchCommand(OPEN_IMAGE_PICKER_COMMAND, undefined),
  },
};

/**
 * The formatting toolbar, showing `buttons` in their groups: one Tab stop, arrows between
 * buttons (toolbar-focus.ts). Every button is disabled while the editor does not accept
 * edits (loading, read-only access).
 */
export function Toolbar({ buttons }: { buttons: ReadonlySet<ToolbarButtonName> }): JSX.Element {
  const [editor] = useLexicalComposerContext();
  const status = useToolbarStatus();
  const groups = groupsShowing(buttons);
  const roving = useRovingFocus(groups.flat().filter((name) => !isToolDisabled(name, status)));
  const [panel, setPanel] = useOpenPanel();
  return (
    <div
      className="q-toolbar"
      role="toolbar"
      aria-label="Formatting"
      aria-disabled={!status.isEditable}
      onKeyDown={roving.onKeyDown}
      ref={roving.ref}
    >
      {groups.map((group, index) => (
        <Fragment key={group.join()}>
          {index > 0 && <ToolbarDivider />}
          {group.map((name) => (
            <ToolbarTool key={name} name={name} context={{ editor, status, panel, roving }} />
          ))}
        </Fragment>
      ))}
      {buttons.has('link') && <LinkEditor currentUrl={status.state.linkUrl} />}
      <BlockPanels
        panel={panel}
        status={status}
        onClose={() => setPanel(null)}
        onReturn={() => roving.ref.current?.querySelector<HTMLElement>(`[data-tool="${String(panel)}"]`)?.focus()}
      />
    </div>
  );
}

/** The toolbar's groups with only the buttons shown, leaving out groups left empty. */
function groupsShowing(buttons: ReadonlySet<ToolbarButtonName>): ToolbarButtonName[][] {
  return TOOLBAR_GROUPS.map((group) => group.filter((name) => buttons.has(name))).filter((group) => group.length > 0);
}

function isToolDisabled(name: ToolbarButtonName, status: ToolbarStatus): boolean {
  return !status.isEditable || (BUTTONS[name].isDisabled?.(status) ?? false);
}

interface ToolContext {
  editor: LexicalEditor;
  status: ToolbarStatus;
  /** The panel open now, if any. */
  panel: BlockPanel | null;
  roving: RovingFocus;
}

/** One button of the toolbar, as BUTTONS describes it. */
function ToolbarTool({ name, context }: { name: ToolbarButtonName; context: ToolContext }): JSX.Element {
  const { editor, status, panel, roving } = context;
  const spec = BUTTONS[name];
  return (
    <ToolbarButton
      label={spec.label}
      shortcut={shortcutLabel(spec.shortcut)}
      isToggle={spec.isToggle ?? true}
      isActive={spec.isActive(status)}
      isDisabled={isToolDisabled(name, status)}
      tabIndex={name === roving.tabStop ? 0 : -1}
      onFocus={() => roving.onFocusTool(name)}
      // Opening a panel changes nothing in the document, and the panel takes the focus.
      onClick={() =>
        PANEL_OF[name] === undefined ? runFromToolbar(editor, () => spec.run(editor, status)) : spec.run(editor, status)
      }
      attributes={{ ...toolAttributes(name), ...popupAttributes(name, panel) }}
    >
      {spec.contentOf?.(status) ?? spec.content}
    </ToolbarButton>
  );
}

/** How a button that opens a panel says so: a menu, or the table picker (a dialog-like grid). */
function popupAttributes(name: ToolbarButtonName, panel: BlockPanel | null): Record<string, string> {
  const own = PANEL_OF[name];
  if (own === undefined) return {};
  return { 'aria-haspopup': own === 'table' ? 'true' : 'menu', 'aria-expanded': String(panel === own) };
}
