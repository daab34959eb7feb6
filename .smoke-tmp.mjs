import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
const url = 'http://127.0.0.1:4321/d/smoke-' + Date.now();
const pages = [];
for (const name of ['Ada', 'Grace']) {
  const ctx = await browser.newContext({ viewport: { width: 1100, height: 700 } });
  await ctx.addInitScript((n) => localStorage.setItem('quire:user', JSON.stringify({ name: n, color: n === 'Ada' ? '#d9480f' : '#1971c2' })), name);
  const page = await ctx.newPage();
  page.on('console', (m) => console.log(name, m.type(), m.text()));
  page.on('pageerror', (e) => console.log(name, 'ERR', e.message));
  await page.goto(url);
  pages.push(page);
}
const [a, b] = pages;
await a.locator('.q-content').click();
await a.keyboard.type('Hello from Ada. ');
await b.locator('.q-content').click();
await b.keyboard.press('End');
await b.keyboard.type('And Grace too.');
await new Promise(r => setTimeout(r, 1500));
await a.screenshot({ path: 'test-artifacts/smoke-a.png' });
await b.screenshot({ path: 'test-artifacts/smoke-b.png' });
console.log('A:', await a.locator('.q-content').innerText());
console.log('B:', await b.locator('.q-content').innerText());
console.log('status', await a.locator('.q-status').getAttribute('data-saved'), await a.locator('.q-status').getAttribute('data-connection'));
await browser.close();
