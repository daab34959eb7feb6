import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { docName, makeTempDir, startTestServer, useClients, waitFor, type TestServer } from './helpers.js';
import { rawRequest, rawUpgrade } from './raw-http.js';

/**
 * Issue 18, finding 5 (SPEC: Access, --allowed-hosts): DNS rebinding. A page on
 * attacker.example whose name now points at 127.0.0.1 sends Host and Origin both naming
 * attacker.example; the server must answer none of it. And app pages cannot be framed.
 */
let server: TestServer;
afterEach(async () => {
  await server?.close();
});
const clients = useClients();

describe('Host names the server answers to (issue 18; SPEC: Access)', () => {
  it('a rebound attacker name gets 403 for GET, DELETE, the event stream and the upgrade; the document is untouched', async () => {
    server = await startTestServer();
    const name = docName();
    const [editor, watcher] = await clients.pair(server.wsUrl, name);
    editor.text.insert(0, 'private notes');
    await waitFor(() => watcher.text.toString() === 'private notes');
    const attacker = `attacker.example:${server.port}`;
    const headers = { Host: attacker, Origin: `http://${attacker}` };

    const read = await rawRequest(server.url, `/api/docs/${name}?format=text`, { headers });
    const deleted = await rawRequest(server.url, `/api/docs/${name}`, { method: 'DELETE', headers });
    const stream = await rawRequest(server.url, `/api/docs/${name}/events`, { headers });
    const page = await rawRequest(server.url, '/', { headers });
    const upgrade = await rawUpgrade(server.url, `/${name}`, headers);

    expect([read.status, deleted.status, stream.status, page.status, upgrade]).toEqual([403, 403, 403, 403, 403]);
    expect(JSON.parse(read.body)).toEqual({ error: 'host not allowed' });
    expect(read.body).not.toContain('private notes');
    editor.text.insert(editor.text.length, ', still here');
    await waitFor(() => watcher.text.toString() === 'private notes, still here', { what: 'editing continues' });
  });

  it('answers the loopback names by default (localhost, 127.0.0.1, [::1]) with any port', async () => {
    server = await startTestServer();
    for (const host of [`localhost:${server.port}`, `127.0.0.1:${server.port}`, `[::1]:${server.port}`, 'LOCALHOST']) {
      expect((await rawRequest(server.url, '/healthz', { headers: { Host: host } })).status).toBe(200);
    }
    expect(await rawUpgrade(server.url, `/${docName()}`, { Host: `[::1]:${server.port}` })).toBe(101);
  });

  it('--allowed-hosts replaces the default names', async () => {
    server = await startTestServer({ allowedHosts: ['quire.example.com'] });
    const name = docName();
    const ok = await rawRequest(server.url, '/healthz', { headers: { Host: 'quire.example.com' } });
    const loopback = await rawRequest(server.url, '/healthz', { headers: { Host: `127.0.0.1:${server.port}` } });
    expect([ok.status, loopback.status]).toEqual([200, 403]);
    expect(await rawUpgrade(server.url, `/${name}`, { Host: 'quire.example.com:443' })).toBe(101);
  });
});

describe('framing (issue 18; SPEC: Access)', () => {
  async function webRoot(): Promise<string> {
    const { dir } = await makeTempDir('web-');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>app</title>');
    await writeFile(join(dir, 'embed.html'), '<!doctype html><title>embed</title>');
    return dir;
  }

  it('app pages may be framed only by the server itself; embed pages by any site when no origins are listed', async () => {
    server = await startTestServer({ webRoot: await webRoot() });
    for (const path of ['/', `/d/${docName()}`, '/index.html']) {
      const page = await rawRequest(server.url, path);
      expect(page.status).toBe(200);
      expect(page.headers['content-security-policy']).toBe("frame-ancestors 'self'");
      expect(page.headers['x-frame-options']).toBe('SAMEORIGIN');
    }
    const embed = await rawRequest(server.url, `/embed/team%2F${docName()}`);
    expect(embed.status).toBe(200);
    expect(embed.headers['content-security-policy']).toBe('frame-ancestors *');
    expect(embed.headers['x-frame-options']).toBeUndefined();
  });

  it('embed pages may be framed only by the listed --allowed-origins when some are set', async () => {
    server = await startTestServer({ webRoot: await webRoot(), allowedOrigins: ['https://app.example'] });
    const embed = await rawRequest(server.url, `/embed/${docName()}`);
    expect(embed.headers['content-security-policy']).toBe("frame-ancestors 'self' https://app.example");
  });
});
