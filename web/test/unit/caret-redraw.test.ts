/**
 * Remote carets are redrawn only once the editor's update is over (issue 19;
 * editor/caret-redraw.ts). `@lexical/yjs` publishes the page's own caret from inside the
 * update that applies a collaborator's change; the collaboration plugin's awareness listener
 * then read the editor, which committed the update halfway (all-actions editing fuzz, seed 142:
 * the redraw measured a removed line break, and the page dropped the change). Here the caret is
 * published between two edits of one update, to a listener that reads the editor as the
 * plugin's redraw does.
 */
import { createHeadlessEditor } from '@lexical/headless';
import type { Provider } from '@lexical/yjs';
import { $createParagraphNode, $createTextNode, $getRoot, type LexicalEditor } from 'lexical';
import { expect, it } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { withCaretsOutsideUpdates } from '../../src/editor/caret-redraw.js';

const noop = (): void => undefined;

function pageWithAwareness(): { editor: LexicalEditor; awareness: Awareness; provider: Provider } {
  const editor = createHeadlessEditor({
    onError: (err) => {
      throw err;
    },
  });
  const awareness = new Awareness(new Y.Doc());
  const provider = { awareness, connect: noop, disconnect: noop, on: noop, off: noop } as unknown as Provider;
  return { editor, awareness, provider: withCaretsOutsideUpdates(provider, editor) };
}

const $appendLine = (text: string): void => {
  $getRoot().append($createParagraphNode().append($createTextNode(text)));
};

const textOf = (editor: LexicalEditor): string => editor.read(() => $getRoot().getTextContent());

it('redraws carets published inside an update once the whole update is done', async () => {
  const { editor, awareness, provider } = pageWithAwareness();
  const seen: string[] = [];
  provider.awareness.on('update', () => seen.push(textOf(editor)));
  editor.update(
    () => {
      $appendLine('alpha');
      awareness.setLocalState({ focusing: true });
      $appendLine('beta');
    },
    { discrete: true },
  );
  expect(seen).toEqual([]);
  await Promise.resolve();
  expect(seen).toEqual(['alpha\n\nbeta']);
  expect(textOf(editor)).toBe('alpha\n\nbeta');
});

it("redraws from the update's committed state when Lexical would commit it later", async () => {
  const { editor, awareness, provider } = pageWithAwareness();
  const shown: string[] = [];
  // As the plugin's redraw: the nodes are taken before the carets' places are read.
  provider.awareness.on('update', () => shown.push(editor.getEditorState().read(() => $getRoot().getTextContent())));
  editor.update(() => {
    $appendLine('alpha');
    awareness.setLocalState({ focusing: true });
  });
  await Promise.resolve();
  expect(shown).toEqual(['alpha']);
});

it('redraws at once outside updates, and not after the listener is taken off', async () => {
  const { editor, awareness, provider } = pageWithAwareness();
  const seen: string[] = [];
  const redraw = (): void => {
    seen.push(textOf(editor));
  };
  provider.awareness.on('update', redraw);
  awareness.setLocalState({ focusing: false });
  expect(seen).toEqual(['']);
  editor.update(() => awareness.setLocalState({ focusing: true }), { discrete: true });
  provider.awareness.off('update', redraw);
  await Promise.resolve();
  expect(seen).toEqual(['']);
});
