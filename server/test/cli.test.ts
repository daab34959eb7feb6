import { readdir } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode, SERVER_OPTIONS } from '@quire/shared';
import { startServer } from '../src/index.js';
import { connectClient, docName, killProcesses, makeTempDir, runCli, waitFor, type CliRun } from './helpers.js';

/** SPEC: Server — `quire serve`, its flags and environment, and a clean SIGTERM. */
const runs: CliRun[] = [];

/** `quire <args>` with only `env` (and PATH) in its environment, so the test's own cannot configure it. */
function run(args: string[], env: Record<string, string> = {}): CliRun {
  const started = runCli(args, { env });
  runs.push(started);
  return started;
}

function outputOf(started: CliRun): { text: () => string; exit: Promise<number | null> } {
  return { text: started.output, exit: started.exited.then(({ code }) => code) };
}

afterEach(async () => {
  runs.length = 0;
  await killProcesses();
});

describe('quire serve (SPEC: Server)', () => {
  it('--help lists every flag with its environment variable', async () => {
    const out = outputOf(run(['serve', '--help']));
    expect(await out.exit).toBe(0);
    for (const spec of SERVER_OPTIONS) {
      expect(out.text()).toContain(spec.flag);
      expect(out.text()).toContain(spec.env);
    }
  });

  it('bad configuration exits 2 and lists every problem at once', async () => {
    const out = outputOf(
      run(['serve', '--port', '70000', '--max-message-bytes', 'lots', '--allowed-origins', 'not a url'], {
        LOG_LEVEL: 'chatty',
      }),
    );
    expect(await out.exit).toBe(2);
    for (const problem of ['--port', '--max-message-bytes', '--allowed-origins', 'LOG_LEVEL']) {
      expect(out.text()).toContain(problem);
    }
  });

  it('unreadable TLS files exit 2 naming the flags', async () => {
    const out = outputOf(
      run(['serve', '--tls-cert', '/nonexistent/cert.pem', '--tls-key', '/nonexistent/key.pem', '--port', '0']),
    );
    expect(await out.exit).toBe(2);
    expect(out.text()).toContain('--tls-cert: cannot read "/nonexistent/cert.pem"');
    expect(out.text()).toContain('--tls-key: cannot read "/nonexistent/key.pem"');
  });

  it('an unknown flag exits 2', async () => {
    const out = outputOf(run(['serve', '--prot', '1']));
    expect(await out.exit).toBe(2);
  });

  it('--port 0 prints the listening line; SIGTERM closes sockets with 1001 and exits 0', async () => {
    const { dir, remove } = await makeTempDir();
    const out = outputOf(run(['serve', '--port', '0', '--host', '127.0.0.1'], { DATA_DIR: dir }));
    await waitFor(() => /listening on http:\/\/127\.0\.0\.1:\d+/.test(out.text()), { what: 'listening line' });
    expect(out.text()).toContain('OPEN');
    const port = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out.text())?.[1];
    const client = connectClient(`ws://127.0.0.1:${port}`, docName());
    await client.synced;
    client.text.insert(0, 'flushed on shutdown');
    const codes: number[] = [];
    client.provider.on('connection-close', (event: { code: number } | null) => event && codes.push(event.code));
    runs[0]?.child.kill('SIGTERM');
    expect(await out.exit).toBe(0);
    expect(codes[0]).toBe(CloseCode.Shutdown);
    client.destroy();
    await remove();
  });

  it('bound to every interface, it answers any host and warns at start naming --allowed-hosts (issue 18)', async () => {
    const { dir, remove } = await makeTempDir();
    const out = outputOf(run(['serve', '--port', '0', '--host', '0.0.0.0'], { DATA_DIR: dir }));
    await waitFor(() => /listening on http:\/\/0\.0\.0\.0:\d+/.test(out.text()), { what: 'listening line' });
    expect(out.text()).toContain('--allowed-hosts');
    const port = /listening on http:\/\/0\.0\.0\.0:(\d+)/.exec(out.text())?.[1];
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
    await remove();
  });

  it('environment variables configure the server and flags win over them', async () => {
    const { dir, remove } = await makeTempDir();
    const out = outputOf(run(['serve', '--port', '0'], { PORT: '1', HOST: '127.0.0.1', DATA_DIR: dir }));
    await waitFor(() => out.text().includes('listening on http://127.0.0.1:'), { what: 'listening line' });
    expect(out.text()).not.toContain('127.0.0.1:1"');
    await remove();
  });
});

describe('startServer() options (SPEC: Server)', () => {
  it('are checked like the flags: one Error lists every problem and nothing starts', async () => {
    const { dir, remove } = await makeTempDir();
    const started = startServer({
      port: 70000,
      dataDir: dir,
      maxMessageBytes: 12,
      allowedOrigins: ['not a url'],
      logLevel: 'silent',
    });
    await expect(started).rejects.toThrow(/invalid server options/);
    const message = await started.then(
      () => '',
      (err: unknown) => (err as Error).message,
    );
    for (const problem of ['port', 'maxMessageBytes', 'allowedOrigins']) expect(message).toContain(`- ${problem}:`);
    expect(await readdir(dir)).toEqual([]);
    await remove();
  });

  it('refuse unreadable TLS files and unknown names, as the flags do, before opening the store', async () => {
    const { dir, remove } = await makeTempDir();
    const options: Record<string, unknown> = {
      dataDir: dir,
      tlsCert: `${dir}/missing-cert.pem`,
      tlsKey: `${dir}/missing-key.pem`,
      prot: 8080,
      logLevel: 'silent',
    };
    const message = await startServer(options).then(
      () => '',
      (err: unknown) => (err as Error).message,
    );
    expect(message).toContain('invalid server options');
    expect(message).toContain(`- tlsCert: cannot read "${dir}/missing-cert.pem"`);
    expect(message).toContain(`- tlsKey: cannot read "${dir}/missing-key.pem"`);
    expect(message).toContain('- prot: not an option of startServer()');
    expect(await readdir(dir)).toEqual([]);
    await remove();
  });
});
