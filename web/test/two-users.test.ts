/**
 * Two people editing one document in real Chromium against the real server (issue 3;
 * SPEC: Web). Each test has its own server, data folder and document.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { editorOf, HAS_CHROMIUM, openDoc, screenshot, statusOf, waitForCaret, waitForText } from './support/browser.js';
import { useBrowserSuite } from './support/suite.js';
import { waitFor } from './support/server.js';

const ADA = { name: 'Ada', color: '#d9480f' };
const GRACE = { name: 'Grace', color: '#1971c2' };

describe.skipIf(!HAS_CHROMIUM)('two people in one document (SPEC: Web, editor)', () => {
  const suite = useBrowserSuite([ADA, GRACE]);
  let a: Page;
  let b: Page;

  beforeEach(async () => {
    const docName = `two-users/${randomUUID()}`;
    [a, b] = suite.people.map((person) => person.page) as [Page, Page];
    await Promise.all([openDoc(a, suite.server.url, docName), openDoc(b, suite.server.url, docName)]);
  });

  it('typing at the same time converges on both pages, and both are saved', async () => {
    await editorOf(a).click();
    await a.keyboard.type('Ada: ');
    await waitForText(b, 'Ada:');
    await editorOf(b).click();
    await b.keyboard.press('Control+End');
    await b.keyboard.press('Enter');
    await b.keyboard.type('Grace: ');
    await waitForText(a, 'Grace:');
    await Promise.all([
      a.keyboard.type('Ada writes the first words.', { delay: 10 }),
      b.keyboard.type('Grace adds hers.', { delay: 10 }),
    ]);
    await waitFor(
      async () => {
        const [textA, textB] = await Promise.all([editorOf(a).innerText(), editorOf(b).innerText()]);
        return (
          textA === textB &&
          textA.includes('Ada: Ada writes the first words.') &&
          textA.includes('Grace: Grace adds hers.')
        );
      },
      { what: 'both pages to show the same text' },
    ).catch(async (err: unknown) => {
      console.log(JSON.stringify(await editorOf(a).innerText()), JSON.stringify(await editorOf(b).innerText()));
      throw err;
    });
    for (const page of [a, b]) {
      await page.locator('.q-status[data-saved="saved"]').waitFor({ timeout: 10_000 });
      await expect(statusOf(page).innerText()).resolves.toMatch(/Connected.*Saved/s);
    }
  });

  it("shows each person's caret labelled with their name, and follows a rename", async () => {
    await editorOf(a).click();
    await a.keyboard.type('Ada is here.');
    await editorOf(b).click();
    await b.keyboard.type('Grace too.');
    await waitFor(async () => (await a.locator('.q-remote-name').allInnerTexts()).includes('Grace'), {
      what: "Grace's caret on Ada's page",
    });
    await waitFor(async () => (await b.locator('.q-remote-name').allInnerTexts()).includes('Ada'), {
      what: "Ada's caret on Grace's page",
    });
    await expect(a.locator('.q-presence').innerText()).resolves.toContain('Grace');
    await screenshot(a, 'two-users-carets');

    await b.locator('.q-name-button').click();
    await b.getByLabel('Your name').fill('Grace Hopper');
    await b.getByLabel('Your name').press('Enter');
    await editorOf(b).click();
    await b.keyboard.type(' Renamed.');
    await waitFor(async () => (await a.locator('.q-remote-name').allInnerTexts()).includes('Grace Hopper'), {
      what: 'the renamed caret label',
    });
    expect(await a.locator('.q-remote-name').allInnerTexts()).not.toContain('Grace');
    await expect(a.locator('.q-presence').innerText()).resolves.toContain('Grace Hopper');
    expect(await b.evaluate(() => window.localStorage.getItem('quire:user'))).toContain('Grace Hopper');
  });

  it('clicking someone in the presence list brings their cursor into view', async () => {
    await editorOf(b).click();
    for (let line = 1; line <= 60; line++) {
      await b.keyboard.insertText(`Line ${line} of Grace's long notes.`);
      await b.keyboard.press('Enter');
    }
    await b.keyboard.type('Grace writes here.');
    await waitForText(a, 'Grace writes here.');
    const caret = a.locator('.q-remote-caret', { has: a.locator('.q-remote-name', { hasText: 'Grace' }) });
    await caret.waitFor({ state: 'attached' });
    const caretTop = (): Promise<number> => caret.evaluate((element) => element.getBoundingClientRect().top);
    const viewportHeight = await a.evaluate(() => window.innerHeight);
    await editorOf(a).locator('p').first().scrollIntoViewIfNeeded();
    expect(await caretTop()).toBeGreaterThan(viewportHeight);

    await a.getByRole('button', { name: 'Grace, go to their cursor' }).click();
    await waitFor(
      async () => {
        const top = await caretTop();
        return top > 0 && top < viewportHeight;
      },
      { what: "Grace's caret scrolled into Ada's view" },
    );
    expect(await a.getByRole('button', { name: /Ada, go to their cursor/ }).count()).toBe(0);
  });

  it('removes a caret and a presence entry when that person leaves', async () => {
    await editorOf(b).click();
    await b.keyboard.type('Grace was here.');
    await waitFor(async () => (await a.locator('.q-remote-name').count()) === 1, { what: 'a remote caret' });
    await suite.people[1]?.context.close();
    suite.people.pop();
    await waitFor(async () => (await a.locator('.q-remote-name').count()) === 0, { what: 'caret removed' });
    await expect(a.locator('.q-presence').innerText()).resolves.not.toContain('Grace');
  });

  it('bold, a heading and a list made on one page appear on the other', async () => {
    await editorOf(a).click();
    await a.keyboard.type('Project plan');
    await a.getByRole('button', { name: 'Heading 1' }).click();
    await a.keyboard.press('Enter');
    await a.keyboard.type('This is ');
    await a.keyboard.press('Control+b');
    await a.keyboard.type('important');
    await a.keyboard.press('Control+b');
    await a.keyboard.press('Enter');
    await a.getByRole('button', { name: 'Bulleted list' }).click();
    await a.keyboard.type('first item');
    await a.keyboard.press('Enter');
    await a.keyboard.type('second item');

    expect(await a.getByRole('button', { name: 'Bulleted list' }).getAttribute('aria-pressed')).toBe('true');
    await b.locator('.q-content h1', { hasText: 'Project plan' }).waitFor({ timeout: 10_000 });
    await b.locator('.q-content strong.q-bold, .q-content .q-bold', { hasText: 'important' }).first().waitFor();
    await waitFor(
      async () => (await b.locator('.q-content ul li').allInnerTexts()).join('|') === 'first item|second item',
      {
        what: 'the list on the other page',
      },
    );
  });

  it('markdown shortcuts turn into blocks and formats while typing', async () => {
    await editorOf(a).click();
    await a.keyboard.type('## Agenda');
    await a.keyboard.press('Enter');
    await a.keyboard.type('[ ] call the printer');
    await a.keyboard.press('Enter');
    await a.keyboard.press('Enter');
    await a.keyboard.type('> quoted and **loud** ');
    await b.locator('.q-content h2', { hasText: 'Agenda' }).waitFor({ timeout: 10_000 });
    await b
      .locator('.q-content [role="checkbox"], .q-content .q-li-unchecked', { hasText: 'call the printer' })
      .first()
      .waitFor();
    await b.locator('.q-content blockquote .q-bold', { hasText: 'loud' }).waitFor();
  });

  it('keyboard shortcuts set headings, lists and inline code', async () => {
    await editorOf(a).click();
    await a.keyboard.type('Shortcut heading');
    await a.keyboard.press('Control+Alt+1');
    await a.keyboard.press('End');
    await a.keyboard.press('Enter');
    await a.keyboard.press('Control+Shift+7');
    await a.keyboard.type('numbered ');
    await a.keyboard.press('Control+e');
    await a.keyboard.type('npm start');
    await b.locator('.q-content h1', { hasText: 'Shortcut heading' }).waitFor({ timeout: 10_000 });
    await b.locator('.q-content ol li .q-code', { hasText: 'npm start' }).waitFor();
    expect(await a.getByRole('button', { name: 'Inline code' }).getAttribute('aria-pressed')).toBe('true');
  });

  it("undo on one page takes back only that person's text", async () => {
    await editorOf(a).click();
    await a.keyboard.type('Ada line');
    await waitForText(b, 'Ada line');
    await editorOf(b).click();
    await b.keyboard.press('Control+End');
    await b.keyboard.press('Enter');
    await b.keyboard.type('Grace line');
    await waitForText(a, 'Grace line');

    await editorOf(a).click();
    await a.getByRole('button', { name: 'Undo' }).click();
    for (const page of [a, b]) {
      await waitFor(
        async () => {
          const text = await editorOf(page).innerText();
          return !text.includes('Ada line') && text.includes('Grace line');
        },
        { what: 'only Ada’s text undone' },
      );
    }
    await a.keyboard.press('Control+Shift+z');
    await waitForText(b, 'Ada line');
  });

  it('makes a link from the toolbar that the other page sees', async () => {
    await editorOf(a).click();
    await a.keyboard.type('Quire docs');
    await a.keyboard.press('Shift+Home');
    await waitForCaret(a);
    await a.keyboard.press('Control+k');
    await a.getByLabel('Link address').fill('example.com/docs');
    await a.getByLabel('Link address').press('Enter');
    const link = b.locator('.q-content a', { hasText: 'Quire docs' });
    await link.waitFor({ timeout: 10_000 });
    expect(await link.getAttribute('href')).toBe('https://example.com/docs');
  });

  it('a large paste reaches the other page and both editors keep responding (PITFALLS)', async () => {
    const lines = Array.from({ length: 600 }, (_, i) => `Pasted paragraph ${i + 1} with some ordinary words in it.`);
    await editorOf(a).click();
    await a.evaluate((text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      document
        .querySelector('.q-content')
        ?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, lines.join('\n\n'));
    await waitForText(b, 'Pasted paragraph 600 with', 30_000);
    await a.keyboard.type(' typed after the paste');
    await waitForText(b, 'typed after the paste');
    expect(await b.locator('.q-content > p').count()).toBeGreaterThanOrEqual(600);
  });
});
