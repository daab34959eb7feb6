import type { Page } from 'playwright-core';
import { editorOf } from './browser.js';

/**
 * Types a document with every kind of block and format the toolbar offers (headings, a
 * paragraph with bold and italic, a link, bulleted, numbered and check lists with one item
 * checked, a quote, a code block), through Markdown shortcuts and keys as a person would.
 */
export async function writeRichContent(page: Page): Promise<void> {
  const type = (text: string) => page.keyboard.type(text);
  const press = (key: string) => page.keyboard.press(key);
  await editorOf(page).click();
  await type('# Trip plan');
  await press('Enter');
  await type('## Before we go');
  await press('Enter');
  await type('Pack ');
  await press('Control+b');
  await type('light');
  await press('Control+b');
  await type(' and read ');
  await press('Control+i');
  await type('the guide');
  await press('Control+i');
  await type('.');
  await press('Enter');
  await type('Station guide: https://example.com/station ');
  await page.locator('.q-content a', { hasText: 'example.com/station' }).waitFor({ timeout: 5_000 });
  await press('Enter');
  await type('- boots');
  await press('Enter');
  await type('map');
  await press('Enter');
  await press('Enter');
  await type('1. book train');
  await press('Enter');
  await press('Enter');
  await type('[ ] water bottle');
  await press('Enter');
  await type('snacks');
  await press('Enter');
  await press('Enter');
  await type('> Travel light.');
  await press('Enter');
  await press('Enter');
  await type('``` ');
  await type('const days = 3;');
  const firstCheck = page.locator('.q-content .q-li-unchecked', { hasText: 'water bottle' });
  // The box is the item's ::before, at its left edge.
  await firstCheck.click({ position: { x: 6, y: 12 } });
  await page.locator('.q-content .q-li-checked', { hasText: 'water bottle' }).waitFor({ timeout: 5_000 });
  for (const selector of ['h1', 'h2', 'ul', 'ol', '.q-checklist', 'blockquote', 'code.q-code-block', 'a', '.q-bold']) {
    await page.locator(`.q-content ${selector}`).first().waitFor({ timeout: 5_000 });
  }
}
