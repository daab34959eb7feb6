import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { docName, rawSocket, runCli, startTestServer, useClients, useServers, type TestServer } from './helpers.js';

/**
 * SPEC: Access, `--trust-proxy` — behind a trusted reverse proxy the per-address limit
 * counts the clients named by X-Forwarded-For; from anyone else those headers are ignored,
 * so a client cannot dodge the limit (or pose as another) by sending them itself. Tests
 * connect from 127.0.0.1, playing the proxy.
 */
const servers = useServers();
const clients = useClients();

async function server(trustProxy?: string | number, logLines: string[] = []): Promise<TestServer> {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString());
      done();
    },
  });
  return servers.track(
    await startTestServer({
      logger: pino({ level: 'warn' }, sink),
      maxConnectionsPerIp: 1,
      ...(trustProxy === undefined ? {} : { trustProxy: typeof trustProxy === 'number' ? trustProxy : [trustProxy] }),
    }),
  );
}

/** Opens a WebSocket as if forwarded for `client`; resolves to 'open' or the HTTP status. */
async function upgradeFor(target: TestServer, name: string, forwardedFor: string): Promise<string> {
  const socket = rawSocket(target.wsUrl, name, { headers: { 'X-Forwarded-For': forwardedFor } });
  clients.track({ destroy: () => socket.ws.terminate() });
  return socket.opened.then(
    () => 'open',
    (err: Error) => err.message,
  );
}

/** Opens the HTTP transport's event stream as if forwarded for `client`; resolves to its status. */
async function eventStreamFor(target: TestServer, name: string, forwardedFor: string): Promise<number> {
  const controller = new AbortController();
  clients.track({ destroy: () => controller.abort() });
  const res = await fetch(`${target.url}/api/docs/${name}/events`, {
    headers: { 'X-Forwarded-For': forwardedFor },
    signal: controller.signal,
  });
  return res.status;
}

describe('SPEC: Access — --trust-proxy', () => {
  it('limits each client behind a trusted proxy on its own (WebSocket and HTTP transport)', async () => {
    const target = await server('loopback');
    const name = docName();
    expect(await upgradeFor(target, name, '203.0.113.1')).toBe('open');
    expect(await upgradeFor(target, name, '203.0.113.2')).toBe('open');
    expect(await upgradeFor(target, name, '203.0.113.1')).toBe('HTTP 429');
    expect(await eventStreamFor(target, name, '203.0.113.1')).toBe(429);
    expect(await eventStreamFor(target, name, '203.0.113.3')).toBe(200);
  });

  it('logs the client behind the proxy, not the proxy', async () => {
    const lines: string[] = [];
    const target = await server('loopback', lines);
    const name = docName();
    expect(await upgradeFor(target, name, '203.0.113.9')).toBe('open');
    expect(await upgradeFor(target, name, '203.0.113.9')).toBe('HTTP 429');
    const refused = lines
      .map((line) => JSON.parse(line) as { msg: string; ip?: string })
      .find((l) => l.msg.includes('429') || l.msg.includes('too many'));
    expect(refused?.ip).toBe('203.0.113.9');
  });

  it('with a hop count, believes that many proxies and no more: a client-made header to the left is ignored', async () => {
    const target = await server(1);
    const name = docName();
    expect(await upgradeFor(target, name, '198.51.100.7, 203.0.113.1')).toBe('open');
    // Same real client (the entry the proxy appended), another made-up address in front.
    expect(await upgradeFor(target, name, '198.51.100.8, 203.0.113.1')).toBe('HTTP 429');
  });

  it('ignores forwarded headers without --trust-proxy: every connection counts for the peer address', async () => {
    const target = await server();
    const name = docName();
    expect(await upgradeFor(target, name, '203.0.113.1')).toBe('open');
    expect(await upgradeFor(target, name, '203.0.113.2')).toBe('HTTP 429');
    expect(await eventStreamFor(target, name, '203.0.113.3')).toBe(429);
  });

  it('ignores forwarded headers from a peer that is not one of the trusted proxies', async () => {
    const target = await server('10.0.0.0/8');
    const name = docName();
    expect(await upgradeFor(target, name, '203.0.113.1')).toBe('open');
    expect(await upgradeFor(target, name, '203.0.113.2')).toBe('HTTP 429');
  });

  it('refuses to start with a proxy entry the address library cannot read (exit 2)', async () => {
    const run = runCli(['serve', '--port', '0', '--trust-proxy', '10.0.0.0/99'], { env: {} });
    expect((await run.exited).code).toBe(2);
    expect(run.output()).toContain('--trust-proxy');
  });
});
