/**
 * Keyboard shortcuts beyond Lexical's built-ins (Mod+B/I/U, Mod+Z, Mod+Shift+Z, Mod+Y).
 * Keys follow the editors people already know (Google Docs, GitHub). Digits are matched
 * by `event.code` because Shift changes `event.key` on most layouts.
 */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import {
  $getSelection,
  COMMAND_PRIORITY_NORMAL,
  FORMAT_TEXT_COMMAND,
  KEY_DOWN_COMMAND,
  type LexicalEditor,
} from 'lexical';
import { useEffect } from 'react';
import { alignBlocks, type Alignment } from '../block-actions.js';
import { OPEN_LINK_EDITOR_COMMAND, setBlockType } from '../toolbar-actions.js';
import { $readToolbarState, type BlockType } from '../toolbar-state.js';

const IS_MAC = /Mac|iPhone|iPad/.test(navigator.platform);

type Chord = 'mod' | 'mod+shift' | 'mod+alt';

function chordOf(event: KeyboardEvent): Chord | null {
  const isMod = IS_MAC ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
  if (!isMod) return null;
  if (event.shiftKey && !event.altKey) return 'mod+shift';
  if (event.altKey && !event.shiftKey) return 'mod+alt';
  return event.shiftKey || event.altKey ? null : 'mod';
}

const BLOCK_KEYS: Record<string, BlockType> = {
  'mod+alt:Digit0': 'paragraph',
  'mod+alt:Digit1': 'h1',
  'mod+alt:Digit2': 'h2',
  'mod+alt:Digit3': 'h3',
  'mod+alt:KeyQ': 'quote',
  'mod+alt:KeyC': 'code',
  'mod+shift:Digit7': 'number',
  'mod+shift:Digit8': 'bullet',
  'mod+shift:Digit9': 'check',
};

/** Google Docs' alignment keys. */
const ALIGN_KEYS: Record<string, Alignment> = {
  'mod+shift:KeyL': 'left',
  'mod+shift:KeyE': 'center',
  'mod+shift:KeyR': 'right',
  'mod+shift:KeyJ': 'justify',
};

function runShortcut(editor: LexicalEditor, combo: string): boolean {
  const alignment = ALIGN_KEYS[combo];
  if (alignment !== undefined) return alignBlocks(editor, alignment);
  const block = BLOCK_KEYS[combo];
  if (block !== undefined) {
    const current = editor.read(() => ($getSelection() ? $readToolbarState().blockType : null));
    if (current === null) return false;
    setBlockType(editor, current, block);
    return true;
  }
  switch (combo) {
    case 'mod:KeyK':
      return editor.dispatchCommand(OPEN_LINK_EDITOR_COMMAND, undefined);
    case 'mod:KeyE':
      return editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'code');
    case 'mod+shift:KeyX':
      return editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'strikethrough');
    default:
      return false;
  }
}

export function ShortcutsPlugin(): null {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerCommand(
        KEY_DOWN_COMMAND,
        (event) => {
          const chord = chordOf(event);
          if (chord === null || !runShortcut(editor, `${chord}:${event.code}`)) return false;
          event.preventDefault();
          return true;
        },
        COMMAND_PRIORITY_NORMAL,
      ),
    [editor],
  );
  return null;
}
