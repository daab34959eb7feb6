import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
const url = 'http://127.0.0.1:4321/d/smoke3-' + Date.now();
const pages = [];
for (const name of ['Ada', 'Grace']) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.log(name, 'ERR', e.message));
  await page.goto(url);
  await page.locator('.q-content[contenteditable="true"]').waitFor();
  pages.push(page);
}
const [a, b] = pages;
const undoA = () => a.getByRole('button', { name: 'Undo' }).isDisabled();
await a.locator('.q-content').click();
console.log('after click disabled', await undoA());
await a.keyboard.type('Hello');
await a.waitForTimeout(300);
console.log('after type disabled', await undoA());
await b.locator('.q-content').click();
await b.keyboard.type('X');
await a.waitForTimeout(300);
console.log('after remote disabled', await undoA());
await a.keyboard.type('more');
await a.waitForTimeout(800);
console.log('after more typing disabled', await undoA());
await browser.close();
