/**
 * Images in real Chromium against the real server (SPEC: Files (images), Web): added by
 * the toolbar's file picker, by paste and by drop, shown on the other person's page,
 * inserted offline and uploaded once back, kept across reloads; alt text and width edited
 * in a dialog axe-core finds nothing serious in;
 * hostile image sources never reach the document.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { fileUrl } from '@quire/shared';
import { editorOf, HAS_CHROMIUM, openDoc, statusOf, waitForText, type Person } from './support/browser.js';
import { blocking, runAxe } from './support/axe.js';
import { useBrowserSuite } from './support/suite.js';
import { tinyPng, waitFor } from './support/server.js';

const ADA = { name: 'Ada', color: '#d9480f' };
const GRACE = { name: 'Grace', color: '#1971c2' };

const idOf = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The image showing file `id` on `page` has loaded a real picture (from this device's copy if `isLocalOk`). */
async function waitForLoadedImage(page: Page, id: string, isLocalOk = false): Promise<void> {
  await waitFor(
    () =>
      page.evaluate(
        ({ fileId, local }) =>
          [...document.querySelectorAll<HTMLImageElement>('.q-content .q-image img')].some(
            (img) =>
              img.complete &&
              img.naturalWidth > 0 &&
              (img.currentSrc.includes(fileId) || (local && img.currentSrc.startsWith('blob:'))),
          ),
        { fileId: id, local: isLocalOk },
      ),
    { timeoutMs: 20_000, what: `image ${id.slice(0, 8)} loaded` },
  );
}

async function pickImage(page: Page, bytes: Uint8Array, name = 'picture.png'): Promise<void> {
  await editorOf(page).click();
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Insert image' }).click(),
  ]);
  await chooser.setFiles({ name, mimeType: 'image/png', buffer: Buffer.from(bytes) });
}

async function serverHas(baseUrl: string, docName: string, id: string): Promise<boolean> {
  return (await fetch(`${baseUrl}${fileUrl(docName, id)}`)).status === 200;
}

/** Sends a clipboard or drop event carrying a PNG file to the editor. */
async function transferImage(page: Page, bytes: Uint8Array, kind: 'paste' | 'drop'): Promise<void> {
  await editorOf(page).click();
  await page.evaluate(
    ({ data, eventKind }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(data)], 'pasted.png', { type: 'image/png' }));
      const target = document.querySelector('.q-content')!;
      const event =
        eventKind === 'paste'
          ? new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true })
          : new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true });
      target.dispatchEvent(event);
    },
    { data: [...bytes], eventKind: kind },
  );
}

describe.skipIf(!HAS_CHROMIUM)('images (SPEC: Files (images), Web)', () => {
  const suite = useBrowserSuite([ADA, GRACE]);
  let ada: Person;
  let grace: Person;
  let docName: string;

  beforeEach(async () => {
    docName = `images/${randomUUID()}`;
    [ada, grace] = suite.people as [Person, Person];
    await Promise.all([openDoc(ada.page, suite.server.url, docName), openDoc(grace.page, suite.server.url, docName)]);
    await editorOf(ada.page).click();
    await ada.page.keyboard.type('A picture: ');
    await waitForText(grace.page, 'A picture:');
  });

  it('an image added from the toolbar is uploaded and shows on the other page, also after a reload', async () => {
    const bytes = tinyPng([10, 120, 200]);
    await pickImage(ada.page, bytes);
    await waitFor(() => serverHas(suite.server.url, docName, idOf(bytes)), { what: 'upload stored' });
    await waitForLoadedImage(grace.page, idOf(bytes));
    await grace.page.reload();
    await waitForLoadedImage(grace.page, idOf(bytes));
    const markdown = await (
      await fetch(`${suite.server.url}/api/docs/${encodeURIComponent(docName)}?format=markdown`)
    ).text();
    expect(markdown).toContain(`](${fileUrl(docName, idOf(bytes))})`);
  });

  it('pasted and dropped image files are uploaded and shown to the other person', async () => {
    const [pasted, dropped] = [tinyPng([1, 200, 1]), tinyPng([200, 1, 200])];
    await transferImage(ada.page, pasted, 'paste');
    await transferImage(ada.page, dropped, 'drop');
    for (const bytes of [pasted, dropped]) {
      await waitFor(() => serverHas(suite.server.url, docName, idOf(bytes)), { what: 'upload stored' });
      await waitForLoadedImage(grace.page, idOf(bytes));
    }
  });

  it('an image inserted offline is kept on the device across a reload and uploaded once back', async () => {
    let isOffline = true;
    await ada.context.route(/\/files$/, (route) =>
      isOffline ? route.abort('internetdisconnected') : route.fallback(),
    );
    await ada.setSocketsBlocked(true);
    await statusOf(ada.page).and(ada.page.locator('[data-connection="offline"]')).waitFor({ timeout: 15_000 });
    const bytes = tinyPng([240, 200, 10]);
    await pickImage(ada.page, bytes);
    await ada.page.locator('.q-image-badge', { hasText: 'Uploading' }).waitFor({ timeout: 10_000 });
    await ada.page.reload();
    await ada.page.locator('.q-image-badge', { hasText: 'Uploading' }).waitFor({ timeout: 15_000 });
    await waitForLoadedImage(ada.page, idOf(bytes), true);
    expect(await serverHas(suite.server.url, docName, idOf(bytes))).toBe(false);
    isOffline = false;
    await ada.setSocketsBlocked(false);
    await waitFor(() => serverHas(suite.server.url, docName, idOf(bytes)), {
      timeoutMs: 30_000,
      what: 'upload after reconnect',
    });
    await waitForLoadedImage(grace.page, idOf(bytes));
    await ada.page.locator('.q-image-badge').waitFor({ state: 'detached', timeout: 15_000 });
  });

  it('alt text and width set in the options dialog reach the other page', async () => {
    const bytes = tinyPng([90, 90, 90]);
    await pickImage(ada.page, bytes);
    await waitForLoadedImage(ada.page, idOf(bytes), true);
    await ada.page.getByRole('button', { name: 'Image options' }).click();
    const dialog = ada.page.getByRole('dialog', { name: 'Image options' });
    await expect(dialog.getByLabel('Alt text').evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    expect(blocking(await runAxe(ada.page))).toEqual([]);
    await dialog.getByLabel('Alt text').fill('A grey square');
    await dialog.getByLabel(/Width in pixels/).fill('120');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await grace.page.locator('img.q-image-img[alt="A grey square"][width="120"]').waitFor({ timeout: 15_000 });
    expect(blocking(await runAxe(grace.page))).toEqual([]);
  });

  it('a picture pasted inline as data: is uploaded as a file of the document and shown to the other person', async () => {
    const bytes = tinyPng([33, 66, 99]);
    await editorOf(ada.page).click();
    await ada.page.evaluate(
      (dataUrl) => {
        const transfer = new DataTransfer();
        transfer.setData('text/html', `<p>inline <img src="${dataUrl}" alt="dot"> picture</p>`);
        const event = new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true });
        document.querySelector('.q-content')!.dispatchEvent(event);
      },
      `data:image/png;base64,${Buffer.from(bytes).toString('base64')}`,
    );
    await waitFor(() => serverHas(suite.server.url, docName, idOf(bytes)), { what: 'data: picture uploaded' });
    await waitForLoadedImage(grace.page, idOf(bytes));
  });

  it('an image the server refuses (over the upload limit) is taken out again, with a message', async () => {
    const tooBig = Buffer.concat([Buffer.from(tinyPng([7, 7, 7])), Buffer.alloc(11 * 1024 * 1024)]);
    await pickImage(ada.page, tooBig, 'huge.png');
    await ada.page.locator('[data-notice="image-refused"]').waitFor({ timeout: 30_000 });
    expect(await ada.page.locator('[data-notice="image-refused"]').innerText()).toMatch(/refused/i);
    for (const page of [ada.page, grace.page]) {
      await waitFor(async () => (await page.locator('.q-content .q-image').count()) === 0, { what: 'image removed' });
    }
    expect(await serverHas(suite.server.url, docName, idOf(tooBig))).toBe(false);
  });

  it('pasted HTML with an image the server would refuse never reaches the document', async () => {
    await editorOf(ada.page).click();
    await ada.page.evaluate(() => {
      const transfer = new DataTransfer();
      transfer.setData('text/html', '<p>before <img src="http://evil.example/x.png"> after</p>');
      transfer.setData('text/plain', 'before after');
      const event = new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true });
      document.querySelector('.q-content')!.dispatchEvent(event);
    });
    await waitForText(grace.page, 'before');
    expect(await ada.page.locator('.q-content img, .q-image').count()).toBe(0);
    await statusOf(ada.page).and(ada.page.locator('[data-connection="connected"]')).waitFor({ timeout: 5_000 });
    await ada.page.keyboard.type(' still editing');
    await waitForText(grace.page, 'still editing');
  });
});
