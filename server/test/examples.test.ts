import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { docName, rawSocket, startTestServer, useClients, useServers, waitFor } from './helpers.js';
import { TEST_WEBHOOK_SECRET } from './webhook-receiver.js';

/**
 * The examples in examples/ work against a real server: the session-cookie auth backend
 * (SPEC: Access, --auth-url) and the webhook receiver (SPEC: Webhooks).
 */
const servers = useServers();
const clients = useClients();

type Express = { listen(port: number, host: string, done: () => void): Server };
type Event = { type: string; data: { name: string } };

async function load<T>(path: string): Promise<T> {
  const file = fileURLToPath(new URL(`../../examples/${path}`, import.meta.url));
  return (await import(pathToFileURL(file).href)) as T;
}

function closable(server: Server): { close(): Promise<void> } {
  return {
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

const urlOf = (server: Server): string => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

describe('examples', () => {
  it('auth-backend: signing in sets a session cookie that Quire accepts through --auth-url', async () => {
    const { createAuthBackend } = await load<{ createAuthBackend(options: object): Express }>(
      'auth-backend/server.mjs',
    );
    const backend = await new Promise<Server>((resolve) => {
      const server: Server = createAuthBackend({}).listen(0, '127.0.0.1', () => resolve(server));
    });
    servers.track(closable(backend));
    const quire = servers.track(await startTestServer({ authUrl: `${urlOf(backend)}/quire-auth` }));
    const login = await fetch(`${urlOf(backend)}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'name=Ada',
    });
    expect(login.status).toBe(303);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    expect(login.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    const open = (headers: Record<string, string>): Promise<string> => {
      const socket = rawSocket(quire.wsUrl, encodeURIComponent('team/notes'), { headers });
      clients.track({ destroy: () => socket.ws.terminate() });
      return socket.opened.then(
        () => 'open',
        (err: Error) => err.message,
      );
    };
    expect(await open({ Cookie: cookie })).toBe('open');
    expect(await open({})).toBe('HTTP 401');
    expect(
      (await fetch(`${quire.url}/api/docs/${encodeURIComponent('private/x')}`, { headers: { Cookie: cookie } })).status,
    ).toBe(403);
  });

  it('webhook-receiver: verifies and takes the events Quire sends, and refuses a forged one', async () => {
    const { startReceiver } = await load<{
      startReceiver(options: { secret: string; port: number; onEvent(event: Event): void }): Promise<Server>;
    }>('webhook-receiver/server.mjs');
    const events: Event[] = [];
    const receiver = await startReceiver({ secret: TEST_WEBHOOK_SECRET, port: 0, onEvent: (e) => events.push(e) });
    servers.track(closable(receiver));
    const hook = `${urlOf(receiver)}/quire-events`;
    const quire = servers.track(
      await startTestServer({ webhookUrls: [hook], webhookSecret: TEST_WEBHOOK_SECRET, webhookDebounceMs: 0 }),
    );
    const name = docName();
    await fetch(`${quire.url}/api/docs/${name}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'text/markdown' },
      body: '# Hello',
    });
    await waitFor(() => events.length === 2, { what: 'two events' });
    expect(events.map((e) => [e.type, e.data.name])).toEqual([
      ['document.created', name],
      ['document.changed', name],
    ]);
    const forged = await fetch(hook, {
      method: 'POST',
      headers: {
        'webhook-id': 'msg_x',
        'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
        'webhook-signature': 'v1,AAAA',
      },
      body: JSON.stringify({ type: 'document.deleted', data: { name } }),
    });
    expect(forged.status).toBe(401);
    expect(events).toHaveLength(2);
  });
});
