import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import {
  CAN_REDO_COMMAND,
  CAN_UNDO_COMMAND,
  COMMAND_PRIORITY_LOW,
  FORMAT_TEXT_COMMAND,
  REDO_COMMAND,
  UNDO_COMMAND,
  mergeRegister,
} from 'lexical';
import { useEffect, useState, type JSX } from 'react';
import { ICONS } from './icons.js';
import { LinkEditor } from './LinkEditor.js';
import { shortcutLabel } from './shortcut-labels.js';
import { OPEN_LINK_EDITOR_COMMAND, setBlockType } from './toolbar-actions.js';
import {
  $readToolbarState,
  EMPTY_TOOLBAR_STATE,
  type BlockType,
  type InlineFormat,
  type ToolbarState,
} from './toolbar-state.js';
import { ToolbarButton, ToolbarDivider } from './ToolbarButton.js';

interface BlockButton {
  type: BlockType;
  label: string;
  shortcut: string;
  content: JSX.Element | string;
}

const TEXT_BLOCKS: BlockButton[] = [
  { type: 'paragraph', label: 'Normal text', shortcut: 'Mod+Alt+0', content: 'Text' },
  { type: 'h1', label: 'Heading 1', shortcut: 'Mod+Alt+1', content: 'H1' },
  { type: 'h2', label: 'Heading 2', shortcut: 'Mod+Alt+2', content: 'H2' },
  { type: 'h3', label: 'Heading 3', shortcut: 'Mod+Alt+3', content: 'H3' },
  { type: 'quote', label: 'Quote', shortcut: 'Mod+Alt+Q', content: ICONS.quote },
  { type: 'code', label: 'Code block', shortcut: 'Mod+Alt+C', content: ICONS.codeBlock },
];

const LIST_BLOCKS: BlockButton[] = [
  { type: 'bullet', label: 'Bulleted list', shortcut: 'Mod+Shift+8', content: ICONS.bullet },
  { type: 'number', label: 'Numbered list', shortcut: 'Mod+Shift+7', content: ICONS.number },
  { type: 'check', label: 'Check list', shortcut: 'Mod+Shift+9', content: ICONS.check },
];

const INLINE_BUTTONS: Array<{
  format: InlineFormat;
  label: string;
  shortcut: string;
  content: JSX.Element;
}> = [
  { format: 'bold', label: 'Bold', shortcut: 'Mod+B', content: <b>B</b> },
  { format: 'italic', label: 'Italic', shortcut: 'Mod+I', content: <i className="q-serif">I</i> },
  { format: 'underline', label: 'Underline', shortcut: 'Mod+U', content: <u>U</u> },
  { format: 'strikethrough', label: 'Strikethrough', shortcut: 'Mod+Shift+X', content: <s>S</s> },
  { format: 'code', label: 'Inline code', shortcut: 'Mod+E', content: ICONS.code },
];

function useToolbarState(): { state: ToolbarState; canUndo: boolean; canRedo: boolean } {
  const [editor] = useLexicalComposerContext();
  const [state, setState] = useState<ToolbarState>(EMPTY_TOOLBAR_STATE);
  const [canUndo, setCanUndo] = useState(false);
  const [canRedo, setCanRedo] = useState(false);
  useEffect(
    () =>
      mergeRegister(
        editor.registerUpdateListener(({ editorState }) => {
          setState(editorState.read($readToolbarState, { editor }));
        }),
        editor.registerCommand(CAN_UNDO_COMMAND, (payload) => {
          setCanUndo(payload);
          return false;
        }, COMMAND_PRIORITY_LOW),
        editor.registerCommand(CAN_REDO_COMMAND, (payload) => {
          setCanRedo(payload);
          return false;
        }, COMMAND_PRIORITY_LOW),
      ),
    [editor],
  );
  return { state, canUndo, canRedo };
}

export function Toolbar(): JSX.Element {
  const [editor] = useLexicalComposerContext();
  const { state, canUndo, canRedo } = useToolbarState();
  const blockButton = ({ type, label, shortcut, content }: BlockButton): JSX.Element => (
    <ToolbarButton
      key={type}
      label={label}
      shortcut={shortcutLabel(shortcut)}
      isActive={state.blockType === type}
      onClick={() => setBlockType(editor, state.blockType, type)}
    >
      {content}
    </ToolbarButton>
  );
  return (
    <div className="q-toolbar" role="toolbar" aria-label="Formatting">
      <ToolbarButton label="Undo" shortcut={shortcutLabel('Mod+Z')} isDisabled={!canUndo}
        onClick={() => editor.dispatchCommand(UNDO_COMMAND, undefined)}>
        {ICONS.undo}
      </ToolbarButton>
      <ToolbarButton label="Redo" shortcut={shortcutLabel('Mod+Shift+Z')} isDisabled={!canRedo}
        onClick={() => editor.dispatchCommand(REDO_COMMAND, undefined)}>
        {ICONS.redo}
      </ToolbarButton>
      <ToolbarDivider />
      {TEXT_BLOCKS.map(blockButton)}
      <ToolbarDivider />
      {INLINE_BUTTONS.map(({ format, label, shortcut, content }) => (
        <ToolbarButton key={format} label={label} shortcut={shortcutLabel(shortcut)}
          isActive={state.formats.has(format)}
          onClick={() => editor.dispatchCommand(FORMAT_TEXT_COMMAND, format)}>
          {content}
        </ToolbarButton>
      ))}
      <ToolbarButton label="Link" shortcut={shortcutLabel('Mod+K')} isActive={state.isLink}
        onClick={() => editor.dispatchCommand(OPEN_LINK_EDITOR_COMMAND, undefined)}>
        {ICONS.link}
      </ToolbarButton>
      <ToolbarDivider />
      {LIST_BLOCKS.map(blockButton)}
      <LinkEditor currentUrl={state.linkUrl} />
    </div>
  );
}
