/**
 * Fuzz actions for tables, rules, alignment and images (issue #22), by mouse and keyboard
 * as a person would: a table from the toolbar's size picker, rows and columns from the cell
 * menu, a rule from the toolbar or by typing `---`, alignment by shortcut, an image picked
 * from the toolbar's file chooser (uploaded at once, or kept on the device while offline).
 */
import type { Page } from 'playwright-core';
import type { Action } from './fuzz-actions.js';
import { tinyPng } from './server.js';

const pickFrom = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** Presses an enabled toolbar button of this page; false when it cannot be pressed now. */
async function pressTool(page: Page, name: string): Promise<boolean> {
  const button = page.getByRole('button', { name, exact: true }).first();
  if (!(await button.isEnabled())) return false;
  await button.click();
  return true;
}

const CELL_MENU = ['Insert row above', 'Insert row below', 'Insert column left', 'Insert column right'];
const CELL_DELETES = ['Delete row', 'Delete column', 'Header row'];

async function cellMenu(page: Page, item: string): Promise<string> {
  if (!(await pressTool(page, 'Table options'))) return `${item} skipped (not in a table)`;
  await page.getByRole('menu', { name: 'Table' }).getByText(item, { exact: true }).click();
  return item;
}

export const BLOCK_ACTIONS: Action[] = [
  {
    name: 'table',
    // Like Enter, a table (or a rule) put in the middle of a word splits it.
    kind: 'deletes',
    weight: 3,
    async run({ person }, { random }) {
      const [rows, columns] = [1 + Math.floor(random() * 3), 1 + Math.floor(random() * 3)];
      if (!(await pressTool(person.page, 'Insert table'))) return 'table skipped';
      const label = `${rows} ${rows === 1 ? 'row' : 'rows'}, ${columns} ${columns === 1 ? 'column' : 'columns'}`;
      await person.page.getByRole('button', { name: label }).click();
      return `table ${rows}x${columns}`;
    },
  },
  {
    name: 'tableRows',
    kind: 'keeps',
    weight: 3,
    run: async ({ person }, { random }) => cellMenu(person.page, pickFrom(random, CELL_MENU)),
  },
  {
    name: 'tableDeletes',
    kind: 'deletes',
    weight: 1,
    run: async ({ person }, { random }) => cellMenu(person.page, pickFrom(random, CELL_DELETES)),
  },
  {
    name: 'rule',
    kind: 'deletes',
    weight: 2,
    async run({ person }, { random }) {
      if (random() < 0.5) {
        await person.page.keyboard.press('Enter');
        await person.page.keyboard.type('---');
        await person.page.keyboard.press('Enter');
        return 'rule by ---';
      }
      return (await pressTool(person.page, 'Horizontal rule')) ? 'rule from the toolbar' : 'rule skipped';
    },
  },
  {
    name: 'align',
    kind: 'keeps',
    weight: 3,
    async run({ person }, { random }) {
      const key = pickFrom(random, [
        'Control+Shift+KeyL',
        'Control+Shift+KeyE',
        'Control+Shift+KeyR',
        'Control+Shift+KeyJ',
      ]);
      await person.page.keyboard.press(key);
      return `align ${key}`;
    },
  },
  {
    name: 'image',
    // An image put in the middle of a word splits it, like a rule.
    kind: 'deletes',
    weight: 2,
    async run({ person }, { random }) {
      const page = person.page;
      const button = page.getByRole('button', { name: 'Insert image', exact: true }).first();
      if (!(await button.isEnabled())) return 'image skipped';
      const colour: [number, number, number] = [0, 1, 2].map(() => Math.floor(random() * 256)) as [
        number,
        number,
        number,
      ];
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button.click()]);
      await chooser.setFiles({ name: 'fuzz.png', mimeType: 'image/png', buffer: Buffer.from(tinyPng(colour)) });
      return `image ${colour.join(',')}`;
    },
  },
];
