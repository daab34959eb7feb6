/**
 * A page's own caret put back while a merge of text nodes has not reached the shared document
 * (issue 19; editor/binding/dangling-text.ts, pending-merges.ts). The default pass of the
 * editing fuzz, seed 122: a page came back online with words typed at the end of a line; the
 * server's update gave dangling characters a new text node embed (dangling-text.ts), in its own
 * transaction. Lexical had meanwhile merged the page's text node into its neighbour, and
 * `@lexical/yjs` writes that merge to the shared document only when the update commits. The
 * embed's echo started a second sync before that, which put the page's caret back from its
 * awareness state through the stale collab node: Lexical error #20, and the page dropped that
 * change and every later one. The states are page 1's and the server's at that reconnect.
 */
import { readFileSync } from 'node:fs';
import { $getRoot } from 'lexical';
import { QUIRE_NODES } from '@quire/shared/lexical';
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { keepOneCopyOfMoves } from '../../src/editor/binding/concurrent-moves.js';
import { keepMovedAwayText } from '../../src/editor/binding/moved-text-rescue.js';
import { receive, replayPage } from '../support/fuzz-replay.js';
import { headlessClient, headlessText, providerWithCaret } from '../support/headless-clients.js';

const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`./fixtures/seed-122/${name}`, import.meta.url)));

it("shows the server's update to a page whose caret sat in its own text node merged away", async () => {
  const own = fixture('page-1.yjs');
  const server = fixture('server.yjs');
  let caret: Y.RelativePosition | null = null;
  const doc = new Y.Doc();
  keepMovedAwayText(doc);
  keepOneCopyOfMoves(doc);
  const page = {
    doc,
    editor: headlessClient(
      doc,
      true,
      providerWithCaret(() => caret),
      QUIRE_NODES,
    ),
  };
  await receive(page, own);
  doc.clientID = 1484363758;
  page.editor.update(() => $getRoot().getLastChildOrThrow().selectEnd(), { discrete: true });
  // The caret at the end of the words page 1 typed offline (block 1, index 157).
  const block = (doc.get('root', Y.XmlText).toDelta()[1] as { insert: Y.XmlText }).insert;
  caret = Y.createRelativePositionFromTypeIndex(block, 157);

  await receive(page, server);

  const merged = await replayPage([server, Y.encodeStateAsUpdate(doc)]);
  expect(headlessText(page.editor)).toBe(headlessText(merged.editor));
  expect(headlessText(page.editor)).toContain('w0038gq');
});
