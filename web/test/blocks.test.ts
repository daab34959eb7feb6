/**
 * Tables, rules, code languages and alignment in real Chromium with two people (issue #22):
 * both insert rows and type into different cells at once and end with the same table; the
 * toolbar and the keyboard reach every new control; the server keeps what the pages show.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { editorOf, HAS_CHROMIUM, openDoc, screenshot } from './support/browser.js';
import { useBrowserSuite } from './support/suite.js';
import { waitFor } from './support/server.js';

const ADA = { name: 'Ada', color: '#d9480f' };
const GRACE = { name: 'Grace', color: '#1971c2' };

/** Each page's table as rows of cell texts. */
const cellsOf = (page: Page): Promise<string[][]> =>
  editorOf(page)
    .locator('table')
    .first()
    .evaluate((table) =>
      [...table.querySelectorAll('tr')].map((row) =>
        [...row.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').trim()),
      ),
    );

async function serverMarkdown(baseUrl: string, docName: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/docs/${encodeURIComponent(docName)}?format=markdown`);
  return response.text();
}

async function insertTableFromToolbar(page: Page, rows: number, columns: number): Promise<void> {
  await page.getByRole('button', { name: 'Insert table' }).click();
  const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;
  await page.getByRole('button', { name: `${plural(rows, 'row')}, ${plural(columns, 'column')}` }).click();
  await editorOf(page).locator('table').waitFor();
}

/** Puts the caret in the cell at `row`, `column` (from 0). */
async function clickCell(page: Page, row: number, column: number): Promise<void> {
  await editorOf(page).locator('tr').nth(row).locator('th, td').nth(column).click();
}

describe.skipIf(!HAS_CHROMIUM)('tables, rules, code languages and alignment (issue #22)', () => {
  const suite = useBrowserSuite([ADA, GRACE]);
  let a: Page;
  let b: Page;
  let docName: string;

  beforeEach(async () => {
    docName = `blocks/${randomUUID()}`;
    [a, b] = suite.people.map((person) => person.page) as [Page, Page];
    await Promise.all([openDoc(a, suite.server.url, docName), openDoc(b, suite.server.url, docName)]);
  });

  it('two people type into different cells and add rows at the same time, and end with the same table', async () => {
    await editorOf(a).click();
    await insertTableFromToolbar(a, 2, 3);
    await editorOf(b).locator('table').waitFor();
    await clickCell(a, 1, 0);
    await clickCell(b, 1, 2);
    await Promise.all([a.keyboard.type('ada cell', { delay: 15 }), b.keyboard.type('grace cell', { delay: 15 })]);
    // Both add a row below the same row at once, from the cell menu.
    const addRow = async (page: Page): Promise<void> => {
      await page.getByRole('button', { name: 'Table options' }).click();
      await page.getByRole('menuitem', { name: 'Insert row below' }).click();
    };
    await Promise.all([addRow(a), addRow(b)]);
    await waitFor(
      async () => {
        const [cellsA, cellsB] = await Promise.all([cellsOf(a), cellsOf(b)]);
        return JSON.stringify(cellsA) === JSON.stringify(cellsB) && cellsA.length === 4 ? cellsA : null;
      },
      { what: 'both pages to show the same four-row table', timeoutMs: 20_000 },
    );
    const cells = await cellsOf(a);
    expect(cells[1]).toEqual(['ada cell', '', 'grace cell']);
    expect(cells.every((row) => row.length === 3)).toBe(true);
    await waitFor(
      async () => (await serverMarkdown(suite.server.url, docName)).includes('| ada cell |  | grace cell |'),
      {
        what: 'the server to hold the table',
      },
    );
    await screenshot(a, 'table-two-people');
  });

  it('Tab moves between cells and adds a row in the last cell; Shift+Tab goes back', async () => {
    await editorOf(a).click();
    await insertTableFromToolbar(a, 1, 2);
    await clickCell(a, 0, 0);
    await a.keyboard.type('one');
    await a.keyboard.press('Tab');
    await a.keyboard.type('two');
    await a.keyboard.press('Tab');
    await a.keyboard.type('three');
    await a.keyboard.press('Shift+Tab');
    await a.keyboard.press('End');
    await a.keyboard.type('!');
    await waitFor(
      async () =>
        JSON.stringify(await cellsOf(b)) ===
        JSON.stringify([
          ['one', 'two!'],
          ['three', ''],
        ]),
      {
        what: 'the other page to show the grown table',
      },
    );
  });

  it('the header row turns off and on, and columns are removed, from the cell menu', async () => {
    await editorOf(a).click();
    await insertTableFromToolbar(a, 2, 2);
    await clickCell(a, 1, 1);
    const menu = async (item: string): Promise<void> => {
      await a.getByRole('button', { name: 'Table options' }).click();
      await a.getByRole('menu', { name: 'Table' }).getByText(item).click();
    };
    await waitFor(async () => (await editorOf(b).locator('th').count()) === 2, { what: 'a header row' });
    await menu('Header row');
    await waitFor(async () => (await editorOf(b).locator('th').count()) === 0, { what: 'the header row to go' });
    await clickCell(a, 1, 1);
    await menu('Delete column');
    await waitFor(async () => (await cellsOf(b)).every((row) => row.length === 1), { what: 'one column left' });
  });

  it('a rule from the toolbar and from typing ---, alignment from the toolbar and shortcuts', async () => {
    await editorOf(a).click();
    await a.keyboard.type('Centred title');
    await a.keyboard.press('Control+Shift+E');
    await a.keyboard.press('Enter');
    await a.keyboard.type('---');
    await a.keyboard.press('Enter');
    await a.keyboard.type('Right side');
    await a.getByRole('button', { name: 'Align right' }).click();
    await a.getByRole('button', { name: 'Horizontal rule' }).click();
    await waitFor(async () => (await editorOf(b).locator('hr').count()) === 2, { what: 'two rules on the other page' });
    await expect(
      editorOf(b)
        .getByText('Centred title')
        .evaluate((node) => getComputedStyle(node.closest('p')!).textAlign),
    ).resolves.toBe('center');
    await expect(
      editorOf(b)
        .getByText('Right side')
        .evaluate((node) => getComputedStyle(node.closest('p')!).textAlign),
    ).resolves.toBe('right');
    await expect(a.getByRole('button', { name: 'Align right' }).getAttribute('aria-pressed')).resolves.toBe('true');
    const markdown = await serverMarkdown(suite.server.url, docName);
    expect(markdown).toMatch(/Centred title\n\n---\n\nRight side\n\n---/);
  });

  it('clicking a rule selects it: the arrows move past it and Backspace removes it', async () => {
    await editorOf(a).click();
    await a.keyboard.type('Above');
    await a.keyboard.press('Enter');
    await a.keyboard.type('--- Below');
    const rule = editorOf(a).locator('hr');
    const isSelected = (): Promise<boolean> => rule.evaluate((hr) => hr.classList.contains('selected'));
    await rule.click();
    expect(await isSelected()).toBe(true);
    expect(await rule.evaluate((hr) => getComputedStyle(hr).outlineStyle)).toBe('solid');
    await a.keyboard.press('ArrowDown');
    expect(await isSelected()).toBe(false);
    await a.keyboard.type('Just ');
    await rule.click();
    await a.keyboard.press('ArrowUp');
    await a.keyboard.type(' here');
    await rule.click();
    await a.keyboard.press('Backspace');
    await waitFor(async () => (await editorOf(b).locator('hr').count()) === 0, {
      what: 'the rule gone on the other page',
    });
    expect(await editorOf(b).locator('p').allInnerTexts()).toEqual(['Above here', 'Just Below']);
    await waitFor(async () => (await serverMarkdown(suite.server.url, docName)).trim() === 'Above here\n\nJust Below', {
      what: 'the server without the rule',
    });
  });

  it('a code block gets a language from the picker and is coloured', async () => {
    await editorOf(a).click();
    await a.getByRole('button', { name: 'Code block' }).click();
    await a.keyboard.type('const answer = 42; // why');
    await a.getByRole('button', { name: /Code language/ }).click();
    await a.getByRole('menuitemradio', { name: 'JavaScript' }).click();
    await waitFor(async () => (await editorOf(b).locator('[data-language="js"]').count()) === 1, {
      what: 'the language to reach the other page',
    });
    const coloured = (page: Page): Promise<Record<string, string[]>> =>
      page.evaluate(() =>
        Object.fromEntries(
          ['q-code-keyword', 'q-code-number', 'q-code-comment'].map((name) => [
            name,
            [...(CSS.highlights.get(name) ?? [])].map((range) => String(range)),
          ]),
        ),
      );
    await waitFor(async () => (await coloured(b))['q-code-keyword']?.includes('const'), {
      what: 'the keyword coloured',
    });
    expect(await coloured(b)).toEqual({
      'q-code-keyword': ['const'],
      'q-code-number': ['42'],
      'q-code-comment': ['// why'],
    });
    await expect(a.getByRole('button', { name: /JavaScript Code language/ }).count()).resolves.toBe(1);
    await screenshot(b, 'code-colours');
    expect(await serverMarkdown(suite.server.url, docName)).toContain('```js\nconst answer = 42; // why\n```');
  });

  it('an embed whose toolbar option names the new buttons shows those and inserts a table', async () => {
    const names = 'table,tableMenu,rule,alignCenter,codeLanguage';
    await b.goto(`${suite.server.url}/embed/${encodeURIComponent(docName)}?toolbar=${names}`);
    await editorOf(b).click();
    const tools = await b
      .locator('[role="toolbar"] [data-tool]')
      .evaluateAll((buttons) => buttons.map((button) => button.getAttribute('data-tool')));
    // In toolbar order, whatever the order of the option.
    expect(tools).toEqual(['alignCenter', 'table', 'tableMenu', 'rule', 'codeLanguage']);
    await insertTableFromToolbar(b, 2, 2);
    await b.keyboard.type('from the embed');
    await waitFor(async () => (await cellsOf(a))[0]?.[0] === 'from the embed', { what: 'the table in the app' });
  });

  it('a pasted HTML table stays a table, without its colours, and the server takes it', async () => {
    await editorOf(a).click();
    const html =
      '<table><thead><tr><th style="background-color: red">Fruit</th><th>Count</th></tr></thead>' +
      '<tbody><tr><td colspan="5000" style="width: 90px">apple</td></tr></tbody></table>';
    await a.evaluate((data) => {
      const transfer = new DataTransfer();
      transfer.setData('text/html', data);
      transfer.setData('text/plain', 'Fruit Count apple');
      document.activeElement?.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }),
      );
    }, html);
    await waitFor(async () => (await editorOf(b).locator('td', { hasText: 'apple' }).count()) === 1, {
      what: 'the pasted table on the other page',
    });
    const cells = await cellsOf(b);
    // The span is capped at 100 before the table plugin fills the rows out to it (not 1000).
    expect(cells[0]!.slice(0, 2)).toEqual(['Fruit', 'Count']);
    expect(cells[0]).toHaveLength(100);
    expect(await editorOf(b).locator('td').first().getAttribute('colspan')).toBe('100');
    const colours = await editorOf(a)
      .locator('th, td')
      .evaluateAll((found) => found.map((cell) => (cell as HTMLElement).style.backgroundColor));
    expect(colours).not.toContain('red');
    await waitFor(async () => (await serverMarkdown(suite.server.url, docName)).includes('| Fruit | Count |'), {
      what: 'the server to hold the pasted table',
    });
    await a.locator('.q-status[data-saved="saved"]').waitFor();
  });
});
