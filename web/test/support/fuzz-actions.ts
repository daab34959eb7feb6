/**
 * The user actions the editing fuzz (editing.fuzz.test.ts) picks from: keyboard and
 * mouse only (plus paste events as a browser fires them), each on one person's page.
 */
import type { Page } from 'playwright-core';
import { editorOf, waitForCaret, waitForConnected, type Person } from './browser.js';
import { BLOCK_ACTIONS } from './fuzz-block-actions.js';
import { COMMENT_ACTIONS } from './comment-actions.js';

/** Mulberry32: small, fast and the same on every machine for one seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Actor {
  person: Person;
  /** Index of the person, for the ledger. */
  index: number;
  isOffline: boolean;
}

export interface FuzzContext {
  random: () => number;
  nextWord(): string;
  /** Words this action typed or pasted (they belong to the actor). */
  wrote: string[];
}

export type ActionKind = 'writes' | 'deletes' | 'undoes' | 'keeps' | 'network';

export interface Action {
  name: string;
  kind: ActionKind;
  weight: number;
  run(actor: Actor, ctx: FuzzContext): Promise<string>;
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const int = (random: () => number, min: number, max: number): number => min + Math.floor(random() * (max - min + 1));

async function press(page: Page, key: string, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) await page.keyboard.press(key);
}

/** Clicks a random point of a random block, as a person placing the caret would. */
async function clickSomewhere(page: Page, random: () => number): Promise<string> {
  const blocks = editorOf(page).locator('p, h1, h2, h3, li, blockquote, code, td, th');
  const count = await blocks.count();
  if (count === 0) return 'click (empty)';
  const index = int(random, 0, count - 1);
  const box = await blocks.nth(index).boundingBox();
  if (box === null || box.width < 2) return 'click (hidden)';
  const x = box.x + 1 + random() * (box.width - 2);
  const y = box.y + 1 + random() * Math.max(0, box.height - 2);
  const clickCount = random() < 0.15 ? 2 : 1;
  // Placing the caret means clicking text: a click on an image's "Image options" button opens a
  // dialog that takes the next typed words, which the fuzz then waits for in vain (seed 91).
  const point = { x, y };
  const onButton = await page.evaluate((p) => document.elementFromPoint(p.x, p.y)?.closest('button') != null, point);
  if (onButton) return `click (on a button in block ${index}, skipped)`;
  await page.mouse.click(x, y, { clickCount });
  return `click block ${index}`;
}

async function paste(page: Page, data: Record<string, string>): Promise<void> {
  await page.evaluate((entries) => {
    const transfer = new DataTransfer();
    for (const [type, value] of Object.entries(entries)) transfer.setData(type, value);
    const target = document.activeElement ?? document.body;
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, data);
}

/** What Google Docs puts on the clipboard (trimmed): bold spans in a docs-internal wrapper. */
const googleDocsHtml = (a: string, b: string): string =>
  `<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1a2b"><p dir="ltr" style="line-height:1.38;margin-top:0pt"><span style="font-size:11pt;font-weight:700;">${a}</span><span style="font-size:11pt;"> ${b}</span></p></b>`;

/** What Word puts on the clipboard (trimmed): MsoNormal paragraphs with Office markup. */
const wordHtml = (a: string, b: string): string =>
  `<html xmlns:o="urn:schemas-microsoft-com:office:office"><body><!--StartFragment--><p class=MsoNormal><b><span style='font-size:12.0pt'>${a}<o:p></o:p></span></b></p><p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><i>${b}</i></p><!--EndFragment--></body></html>`;

export const ACTIONS: Action[] = [
  ...COMMENT_ACTIONS,
  {
    name: 'type',
    kind: 'writes',
    weight: 30,
    async run({ person }, ctx) {
      const words = Array.from({ length: int(ctx.random, 1, 3) }, () => ctx.nextWord());
      ctx.wrote.push(...words);
      await person.page.keyboard.type(` ${words.join(' ')} `);
      return `type ${words.join(' ')}`;
    },
  },
  {
    name: 'enter',
    kind: 'deletes',
    weight: 8,
    run: async ({ person }) => (await press(person.page, 'Enter'), 'Enter'),
  },
  {
    name: 'backspace',
    kind: 'deletes',
    weight: 8,
    async run({ person }, { random }) {
      const times = int(random, 1, 4);
      await press(person.page, 'Backspace', times);
      return `Backspace x${times}`;
    },
  },
  {
    name: 'delete',
    kind: 'deletes',
    weight: 5,
    run: async ({ person }) => (await press(person.page, 'Delete', 2), 'Delete x2'),
  },
  {
    name: 'move',
    kind: 'keeps',
    weight: 8,
    async run({ person }, { random }) {
      const key = pick(random, ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'Control+End']);
      await press(person.page, key, int(random, 1, 4));
      return `move ${key}`;
    },
  },
  {
    name: 'select',
    kind: 'keeps',
    weight: 8,
    async run({ person }, { random }) {
      const key = pick(random, [
        'Shift+ArrowLeft',
        'Shift+ArrowRight',
        'Shift+Home',
        'Shift+End',
        'Control+Shift+ArrowLeft',
      ]);
      const times = int(random, 1, 8);
      await press(person.page, key, times);
      return `select ${key} x${times}`;
    },
  },
  { name: 'click', kind: 'keeps', weight: 10, run: ({ person }, { random }) => clickSomewhere(person.page, random) },
  {
    name: 'format',
    kind: 'keeps',
    weight: 8,
    async run({ person }, { random }) {
      const key = pick(random, ['Control+b', 'Control+i', 'Control+u']);
      await person.page.keyboard.press(key);
      return `format ${key}`;
    },
  },
  {
    name: 'block',
    kind: 'keeps',
    weight: 10,
    async run({ person }, { random }) {
      const key = pick(random, ['Control+Alt+Digit0', 'Control+Alt+Digit1', 'Control+Alt+Digit2', 'Control+Alt+KeyQ']);
      await person.page.keyboard.press(key);
      return `block ${key}`;
    },
  },
  {
    name: 'code',
    kind: 'keeps',
    weight: 2,
    run: async ({ person }) => (await person.page.keyboard.press('Control+Alt+KeyC'), 'code block'),
  },
  {
    name: 'list',
    kind: 'keeps',
    weight: 4,
    async run({ person }, { random }) {
      const key = pick(random, ['Control+Shift+Digit7', 'Control+Shift+Digit8']);
      await person.page.keyboard.press(key);
      return `list ${key}`;
    },
  },
  {
    name: 'indent',
    // Tab in the middle of text types a tab character.
    kind: 'writes',
    weight: 4,
    async run({ person }, { random }) {
      const key = pick(random, ['Tab', 'Shift+Tab']);
      await person.page.keyboard.press(key);
      return `indent ${key}`;
    },
  },
  {
    name: 'undo',
    kind: 'undoes',
    weight: 6,
    run: async ({ person }) => (await press(person.page, 'Control+z'), 'undo'),
  },
  {
    name: 'redo',
    kind: 'undoes',
    weight: 3,
    run: async ({ person }) => (await press(person.page, 'Control+y'), 'redo'),
  },
  {
    name: 'paste',
    kind: 'writes',
    weight: 6,
    async run({ person }, ctx) {
      const [a, b] = [ctx.nextWord(), ctx.nextWord()];
      ctx.wrote.push(a, b);
      const style = pick(ctx.random, ['plain', 'google', 'word'] as const);
      const html = style === 'google' ? googleDocsHtml(a, b) : style === 'word' ? wordHtml(a, b) : undefined;
      await paste(person.page, { 'text/plain': ` ${a} ${b} `, ...(html === undefined ? {} : { 'text/html': html }) });
      return `paste ${style} ${a} ${b}`;
    },
  },
  {
    name: 'link',
    kind: 'writes',
    weight: 3,
    async run({ person }, ctx) {
      const word = ctx.nextWord();
      ctx.wrote.push(word);
      const page = person.page;
      await page.keyboard.type(` ${word}`);
      await press(page, 'Shift+ArrowLeft', word.length);
      // Ctrl+K links the selection Lexical has read: pressed before it read the last Shift+Arrow,
      // it linked part of the word or, with the caret collapsed, the whole text node (seed 9).
      await waitForCaret(page);
      await page.keyboard.press('Control+k');
      const field = page.locator('.q-editor input[inputmode="url"]').first();
      if (await field.isVisible()) {
        await field.fill(`https://example.com/${word}`);
        await field.press('Enter');
      }
      await page.keyboard.press('End');
      return `link ${word}`;
    },
  },
  {
    name: 'offline',
    kind: 'network',
    weight: 3,
    async run(actor) {
      actor.isOffline = !actor.isOffline;
      await actor.person.setSocketsBlocked(actor.isOffline);
      if (!actor.isOffline) await waitForConnected(actor.person.page);
      return actor.isOffline ? 'go offline' : 'come back online';
    },
  },
  {
    name: 'reload',
    kind: 'network',
    weight: 2,
    async run(actor) {
      if (actor.isOffline) return 'reload skipped (offline)';
      await actor.person.page.reload();
      await waitForConnected(actor.person.page);
      await editorOf(actor.person.page).click();
      return 'reload';
    },
  },
  ...BLOCK_ACTIONS,
];

/** `only`: the names of the actions to pick from (all when empty). */
export function pickAction(random: () => number, only: string[] = []): Action {
  const actions = only.length === 0 ? ACTIONS : ACTIONS.filter((action) => only.includes(action.name));
  const total = actions.reduce((sum, action) => sum + action.weight, 0);
  let roll = random() * total;
  for (const action of actions) {
    roll -= action.weight;
    if (roll < 0) return action;
  }
  return actions[0]!;
}
