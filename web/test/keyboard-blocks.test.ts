/**
 * The table size picker, the cell menu and the code language menu by keyboard alone
 * (issue #22): reached from the toolbar (Alt+F10, arrows), opened with Enter, arrows move
 * inside, Enter chooses and hands the focus back to the document, Escape goes back to the
 * button that opened them.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { editorOf, HAS_CHROMIUM, openDoc } from './support/browser.js';
import { useBrowserSuite } from './support/suite.js';
import { waitFor } from './support/server.js';

function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement;
    if (!(active instanceof HTMLElement)) return 'nothing';
    if (active.classList.contains('q-content')) return 'editor';
    return active.getAttribute('aria-label') ?? active.innerText.trim();
  });
}

const tableShape = (page: Page): Promise<number[]> =>
  editorOf(page)
    .locator('table')
    .first()
    .evaluate((table) => [...table.querySelectorAll('tr')].map((row) => row.querySelectorAll('th, td').length));

describe.skipIf(!HAS_CHROMIUM)('tables and code languages by keyboard (issue #22)', () => {
  const suite = useBrowserSuite([{ name: 'Kim Keys', color: '#1971c2' }]);
  const pageOf = (): Page => {
    const page = suite.people[0]?.page;
    if (page === undefined) throw new Error('no page');
    return page;
  };

  async function toolbarButton(page: Page, name: string): Promise<void> {
    await page.keyboard.press('Alt+F10');
    await page.keyboard.press('Home');
    for (let step = 0; step < 40 && (await focused(page)) !== name; step++) await page.keyboard.press('ArrowRight');
    expect(await focused(page)).toBe(name);
  }

  it('the size picker inserts a table of the size chosen with the arrows, and the cell menu edits it', async () => {
    const page = pageOf();
    await openDoc(page, suite.server.url, `keys/${randomUUID()}`);
    await editorOf(page).click();
    await toolbarButton(page, 'Insert table');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('3 rows, 3 columns');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await focused(page)).toBe('4 rows, 5 columns');
    await page.keyboard.press('Enter');
    await editorOf(page).locator('table').waitFor();
    expect(await tableShape(page)).toEqual([5, 5, 5, 5]);
    expect(await focused(page)).toBe('editor');
    await page.keyboard.type('in a cell');
    await editorOf(page).locator('th', { hasText: 'in a cell' }).waitFor();

    await toolbarButton(page, 'Table options');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('Insert row above');
    await page.keyboard.press('ArrowDown');
    expect(await focused(page)).toBe('Insert row below');
    await page.keyboard.press('Enter');
    await waitFor(async () => (await tableShape(page)).length === 5, { what: 'a fifth row' });
    expect(await focused(page)).toBe('editor');

    // Escape leaves the menu for its button; End and Enter delete the whole table.
    await toolbarButton(page, 'Table options');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    expect(await focused(page)).toBe('Table options');
    await page.keyboard.press('Enter');
    await page.keyboard.press('End');
    expect(await focused(page)).toBe('Delete table');
    await page.keyboard.press('ArrowUp');
    expect(await focused(page)).toBe('Header row');
    expect(await page.getByRole('menuitemcheckbox', { name: 'Header row' }).getAttribute('aria-checked')).toBe('true');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await waitFor(async () => (await editorOf(page).locator('table').count()) === 0, { what: 'the table gone' });
  });

  it('the code language menu opens on the current language and sets another', async () => {
    const page = pageOf();
    await openDoc(page, suite.server.url, `keys/${randomUUID()}`);
    await editorOf(page).click();
    await page.keyboard.type('```python ');
    await page.keyboard.type('x = 1');
    await editorOf(page).locator('[data-language="python"]').waitFor();
    await toolbarButton(page, 'Python Code language');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('Python');
    await page.keyboard.press('ArrowDown');
    expect(await focused(page)).toBe('JSON');
    await page.keyboard.press('Enter');
    await editorOf(page).locator('[data-language="json"]').waitFor();
    expect(await focused(page)).toBe('editor');
  });
  // Lexical's Tab indentation threw (error #4) with the caret there (tab-at-root.ts; fuzz seed 34).
  it('Tab with the caret on the document between blocks throws nothing and keeps the focus', async () => {
    const page = pageOf();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text());
    });
    await openDoc(page, suite.server.url, `keys/${randomUUID()}`);
    await editorOf(page).click();
    await page.keyboard.type('alpha');
    await toolbarButton(page, 'Horizontal rule');
    await page.keyboard.press('Enter');
    await editorOf(page).locator('hr').waitFor();
    await editorOf(page).focus();
    // The caret on the document after the rule, as when the paragraph it was in went away.
    await editorOf(page).evaluate((element) => {
      interface Root {
        getLastChild: () => { remove: () => void };
        select: (anchor: number, focus: number) => void;
      }
      interface Editor {
        update: (fn: () => void, options: object) => void;
        getEditorState: () => { _nodeMap: Map<string, Root> };
      }
      const editor = (element as unknown as { __lexicalEditor: Editor }).__lexicalEditor;
      editor.update(
        () => {
          const root = editor.getEditorState()._nodeMap.get('root')!;
          root.getLastChild().remove();
          root.select(2, 2);
        },
        { discrete: true },
      );
    });
    await page.keyboard.press('Tab');
    await page.keyboard.type('beta');
    expect(errors).toEqual([]);
    expect(await focused(page)).toBe('editor');
  });
});
