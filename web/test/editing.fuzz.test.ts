/**
 * Seeded editing fuzz (issue 19): three people (separate browser contexts) in one
 * document doing random keyboard and mouse actions — typing, Enter, Backspace, Delete,
 * selections, bold/italic, headings, lists, quotes, code blocks, indentation, undo/redo,
 * tables (insert, rows and columns from the cell menu), rules, alignment,
 * pasting (plain, Google Docs and Word HTML), links, one person offline for a while, one
 * reloading. Afterwards every page and the server's render show the same text, every
 * typed word nobody deleted is there exactly once, and no page threw.
 *
 * FUZZ_SEED (one seed, or a comma-separated list), FUZZ_STEPS and FUZZ_ACTIONS (a subset
 * of the action names in support/fuzz-actions.ts) pick the run; by default
 * a few short seeds run in CI. A seed that ever fails becomes a named case in
 * lossless-editing.test.ts, container-moves.test.ts or unit/dangling-text.test.ts once its
 * cause is fixed.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { editorOf, HAS_CHROMIUM, openDoc, statusOf, waitForConnected, type Person } from './support/browser.js';
import { expectAnchorsAgree } from './support/comment-actions.js';
import { normalized, waitForConvergence } from './support/converge.js';
import { ACTIONS, pickAction, seededRandom, type Actor, type FuzzContext } from './support/fuzz-actions.js';
import { BLOCK_ACTIONS } from './support/fuzz-block-actions.js';
import { useBrowserSuite } from './support/suite.js';
import { waitFor } from './support/server.js';
import { WordLedger } from './support/word-ledger.js';

const SEEDS = (process.env.FUZZ_SEED ?? '1,2,3').split(',').map(Number);
const STEPS = Number(process.env.FUZZ_STEPS ?? 24);
/**
 * FUZZ_ACTIONS: a comma-separated subset of the action names, or `all`. Every action of this
 * pass runs by default, `code` included again: its two failures on seeds 1 and 2 are fixed
 * (a sync step 2 is relayed with only its sender's deletions, server/test/sync-step2-deletions
 * and container-moves.test.ts; undo never brings back a property the block's type lacks,
 * unit/retype-stale-tag.test.ts). Seeds 1, 2 and 3 passed twice in a row with it. Beyond the
 * CI seeds, on 2026-12-05: seed 4 timed out waiting for a page to reconnect: a Word paste
 * into a code block had put paragraphs inside the code, the server refused that update at
 * every reconnect and the page stopped ("Changes refused"); fixed, unit/code-block-paste.test.ts.
 * The tables pass of seed 8 lost a letter: a "w" typed just before someone else's "w" was
 * stored as theirs, so their undo took it out of the typist's word (fixed,
 * unit/typed-at-caret.test.ts). Seeds 1 to 4 and 6 to 8 then passed both passes (the tables
 * pass of seed 5: see below).
 * At 48 steps: seed 3 passed 7 of 7 runs that day (4 before the fixes for blocks moved
 * several times, or holding a link, while someone moved them offline, 3 after some or all of
 * them: unit/move-chains.test.ts, unit/linked-block-moves.test.ts). With FUZZ_ACTIONS=all it
 * fails: before those fixes a list item with a link, made a quote by two people at once,
 * showed twice (3 of 3 runs); after them, of 4 runs at load 20, one showed a block's words
 * twice, one showed one word twice, and in two the reconnecting page did not report
 * "connected" within 15 s (cause not established). Two causes of the doubling are fixed: one undo
 * took back the offline person's list-item and quote moves at once
 * (unit/undone-move-chains.test.ts), and a Google Docs paste glued a word onto the first word
 * of a copy (unit/glued-words.test.ts); a paste of paragraphs splitting a losing copy was
 * found on the way (unit/split-copies.test.ts). Of 5 runs with all of them in, 1 passed; 4
 * showed the block's words twice, from a third cause not yet fixed: the Google Docs paste
 * into the offline person's (losing) copy put line breaks in it and wrote the rest of the line
 * again, so given-way.ts takes that text for words typed since the move and writes it into
 * the winner's copy, which already holds it. Seed 5 passed 5 of 5 runs, and at 72 and
 * 96 steps: the failure noted earlier did not come back. Seed 9 doubled the words after two
 * links in one line (fixed: unit/inline-split.test.ts; on the session's final main it failed
 * 2 of 5 runs otherwise: a word lost, others in fragments, not yet investigated) and seed 7 lost a word
 * linked in a line someone made a list item (fixed: unit/moved-links.test.ts); seed 7 passed
 * 1 of 2 runs since: the other moved a word's first letter after its rest ("0020kq w"), as
 * seed 14 did ("0024mq w0025tq w0026aq w"); neither came back in 6 later runs. Two causes
 * that split a word so are fixed: letters typed into an empty line someone moved came back
 * by the rescue while the typist's caret stayed elsewhere (container-moves.test.ts, "typed
 * on in one piece"), and a caret where someone else typed was pulled back after their first
 * letter, so its owner's words split theirs (tables pass of seed 14: caret-follow.test.ts);
 * that pass of seed 14 also once showed a word twice after an undo (not investigated). Seed
 * 13 doubled most of a line: a list made a quote offline while Backspace at the start of its
 * first item split it into a paragraph and a new list (fixed: unit/split-copy.test.ts); it
 * still shows two words twice, which Enter (here a paste of two paragraphs) had moved out of
 * that list: the text after the caret of an Enter in a block someone moves meanwhile shows
 * twice. Seed 11 timed out waiting for a page to reconnect: offline for most of the run, it
 * had moved to the HTTP transport, whose backoff had grown to 15-30 s (now capped at 2.5 s,
 * like WebSocket's: long-offline-reconnect.test.ts); it passed 7 of 7 runs that day (6
 * before the fix, when the wait happened to stay under 15 s). Seeds 10, 11 and 12 at 24
 * steps passed both passes, twice.
 */
const KNOWN_FAILING = new Set<string>([]);
/**
 * Tables, rules, alignment and images (issue #22) run in a default pass of their own, with typing,
 * moving, deleting, undo and redo: mixed into the pass above they would change its seeded
 * sequences. (Undo joined once undoing one's first typing kept what another person typed
 * right after it, in the same text node: undo-ownership.test.ts.) Seed 5 of this pass failed
 * in about one run of four, when one undo took back a person's typing of several steps and
 * emptied the first line's text node: a page whose caret was beside the image on that line
 * then threw Lexical error #20 on each later change and dropped them (the rule typed next).
 * Fixed in editor/binding/emptied-text.ts (unit/emptied-text.test.ts); since then seed 5
 * passed 7 of 7 runs (two through that undo), seeds 4 and 6 of this pass 4 of 4 each.
 */
const BLOCK_NAMES = new Set(BLOCK_ACTIONS.map((action) => action.name));
const BLOCK_PASS = [
  'type',
  'enter',
  'backspace',
  'delete',
  'move',
  'click',
  'indent',
  'paste',
  'undo',
  'redo',
  ...BLOCK_NAMES,
];
const ONLY =
  process.env.FUZZ_ACTIONS === 'all'
    ? []
    : (process.env.FUZZ_ACTIONS?.split(',') ??
      ACTIONS.map((action) => action.name).filter((name) => !KNOWN_FAILING.has(name) && !BLOCK_NAMES.has(name)));
/**
 * By default the online pages settle (show the same text) between steps, so the
 * concurrency comes from the offline person; FUZZ_CONCURRENT=1 lets online people act at
 * once too (then two people typing at one spot can interleave letters, see the report).
 */
const CONCURRENT = process.env.FUZZ_CONCURRENT === '1';
/** Console errors from the network being cut on purpose are expected. */
const EXPECTED_CONSOLE = /Failed to load resource|WebSocket|net::ERR/;

/**
 * An update the server refused (its structure check closes the socket) is sent again on every
 * reconnect and refused again: the page keeps showing what it did, nobody else ever sees it.
 */
function refusalsOf(people: Person[]): string[] {
  return people.flatMap((person, index) =>
    person.refusals.map((code) => `page ${index}: the server refused an update (${code})`),
  );
}

describe.skipIf(!HAS_CHROMIUM)('editing fuzz: three people, random actions (issue 19)', () => {
  const suite = useBrowserSuite([
    { name: 'Ada', color: '#d9480f' },
    { name: 'Grace', color: '#1971c2' },
    { name: 'Cora', color: '#2f9e44' },
  ]);

  function watchErrors(pages: Page[]): string[] {
    const errors: string[] = [];
    pages.forEach((page, index) => {
      page.on('pageerror', (err) => errors.push(`page ${index}: ${err.message}`));
      page.on('console', (msg) => {
        if (msg.type() === 'error' && !EXPECTED_CONSOLE.test(msg.text())) errors.push(`page ${index}: ${msg.text()}`);
      });
    });
    return errors;
  }

  async function act(actor: Actor, ledger: WordLedger, random: () => number, only: string[]): Promise<string> {
    const page = actor.person.page;
    const action = pickAction(random, only);
    if (action.kind === 'network' && actor.index === 0) return `${action.name} skipped (the first person stays)`;
    const ctx: FuzzContext = { random, nextWord: () => ledger.nextWord(), wrote: [] };
    const before = await editorOf(page).innerText();
    const done = await action.run(actor, ctx);
    const after = await editorOf(page).innerText();
    ledger.wrote(ctx.wrote, actor.index, after);
    if (action.kind === 'writes' || action.kind === 'deletes' || action.kind === 'undoes') {
      ledger.deletedBy(before, after, actor.index, action.kind === 'undoes');
    }
    return `p${actor.index}: ${done} => ${JSON.stringify(normalized(after))}`;
  }

  /** Waits (briefly) until the online pages show the same text. */
  async function settle(actors: Actor[]): Promise<void> {
    const online = actors.filter((actor) => !actor.isOffline).map((actor) => actor.person.page);
    await waitFor(
      async () => {
        const texts = await Promise.all(online.map((page) => editorOf(page).innerText()));
        return texts.every((text) => text === texts[0]);
      },
      { timeoutMs: 5_000, what: 'the online pages to settle' },
    ).catch(() => undefined);
  }

  async function runSeed(seed: number, steps: number, only: string[] = ONLY): Promise<void> {
    const random = seededRandom(seed);
    const docName = `fuzz-${seed}-${randomUUID()}`;
    const pages = suite.people.map((person) => person.page);
    const errors = watchErrors(pages);
    await Promise.all(pages.map((page) => openDoc(page, suite.server.url, docName)));
    const actors: Actor[] = suite.people.map((person, index) => ({ person, index, isOffline: false }));
    const ledger = new WordLedger();
    const first = [ledger.nextWord(), ledger.nextWord()];
    await editorOf(pages[0]!).click();
    await pages[0]!.keyboard.type(`${first.join(' ')} `);
    ledger.wrote(first, 0, await editorOf(pages[0]!).innerText());
    for (const page of pages.slice(1)) await editorOf(page).click();
    const log: string[] = [];
    for (let step = 0; step < steps; step++) {
      // One or two people act at once.
      const who = CONCURRENT && random() < 0.4 ? [0, 1, 2].filter(() => random() < 0.67) : [Math.floor(random() * 3)];
      log.push(...(await Promise.all(who.map((index) => act(actors[index]!, ledger, random, only)))));
      if (!CONCURRENT) await settle(actors);
    }
    for (const actor of actors.filter((candidate) => candidate.isOffline)) {
      await actor.person.setSocketsBlocked(false);
      await waitForConnected(actor.person.page).catch(async (err: Error) => {
        const problem = await statusOf(actor.person.page).getAttribute('data-problem');
        const why = `seed ${seed}: page ${actor.index} did not reconnect (${problem ?? 'no problem shown'})`;
        throw new Error(`${why}\n${refusalsOf(suite.people).join('\n')}\n${log.join('\n')}`, { cause: err });
      });
    }
    const text = await waitForConvergence(pages, suite.server.url, docName, 30_000).catch((err: Error) => {
      throw new Error(`seed ${seed}: ${err.message}\n${refusalsOf(suite.people).join('\n')}\n${log.join('\n')}`);
    });
    await expectAnchorsAgree(pages, suite.server.url, docName, text);
    if (ledger.unseen.length > 0) console.log(`seed ${seed}: typed but never shown: ${ledger.unseen.join(' ')}`);
    const problems = [...ledger.problems(text), ...errors, ...refusalsOf(suite.people)];
    expect(problems, `seed ${seed}, final text ${JSON.stringify(text)}\n${log.join('\n')}`).toEqual([]);
  }

  for (const seed of SEEDS) {
    it(`seed ${seed}, ${STEPS} steps`, () => runSeed(seed, STEPS), 60_000 + STEPS * 3_000);
  }
  if (process.env.FUZZ_ACTIONS === undefined) {
    for (const seed of SEEDS) {
      it(
        `tables, rules, alignment and images: seed ${seed}, ${STEPS} steps`,
        () => runSeed(seed, STEPS, BLOCK_PASS),
        60_000 + STEPS * 3_000,
      );
    }
  }
});
