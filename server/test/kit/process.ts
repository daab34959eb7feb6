import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { makeTempDir } from './temp.js';

/**
 * The built CLI. This file is two folders below the server package both as source
 * (server/test/kit) and built (server/dist/test-kit), so one relative path finds it.
 */
export const CLI_BIN = fileURLToPath(new URL('../../dist/cli/bin.js', import.meta.url));
const LISTENING = /listening on http:\/\/(?:\[[^\]]+\]|[^\s:/"]+):(\d+)/;

export interface CliRun {
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr together. */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running = new Set<ChildProcess>();

/**
 * Runs `quire <args>` (server/dist/cli/bin.js). With `env`, the child sees only PATH and
 * `env`, so the test's own environment cannot configure it; otherwise it inherits it.
 */
export function runCli(args: string[], { env }: { env?: Record<string, string> } = {}): CliRun {
  if (!existsSync(CLI_BIN)) throw new Error(`${CLI_BIN} is missing: run \`npx tsc -b\` first`);
  const child = spawn(process.execPath, [CLI_BIN, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: env ? { PATH: process.env.PATH ?? '', ...env } : process.env,
  });
  running.add(child);
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  return { child, output: () => text, exited };
}

/** Resolves with the port of the first `listening on http://host:port` line; rejects if the child exits first. */
export function listeningPort(run: CliRun, timeoutMs = 20_000): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${run.output()}`)), timeoutMs);
    const check = (): void => {
      const match = LISTENING.exec(run.output());
      if (!match) return;
      clearTimeout(timer);
      resolve(Number(match[1]));
    };
    run.child.stdout?.on('data', check);
    run.child.stderr?.on('data', check);
    void run.exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? signal}) before listening:\n${run.output()}`));
    });
  });
}

export interface ServerProcess extends CliRun {
  port: number;
  url: string;
  wsUrl: string;
  dataDir: string;
}

/**
 * `quire serve` as its own process on a random loopback port, for what only a process
 * shows: kill -9, SIGTERM, exit codes. Resolves once it prints its listening line.
 */
export async function startServerProcess({
  dataDir,
  args = [],
}: { dataDir?: string; args?: string[] } = {}): Promise<ServerProcess> {
  const dir = dataDir ?? (await makeTempDir()).dir;
  const run = runCli(['serve', '--port', '0', '--host', '127.0.0.1', '--data', dir, ...args]);
  const port = await listeningPort(run);
  return { ...run, port, url: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}`, dataDir: dir };
}

/** SIGKILLs every process `runCli` started that is still running, and waits for them to exit. */
export async function killProcesses(): Promise<void> {
  const exits = [...running].map((child) => new Promise((resolve) => child.once('exit', resolve)));
  for (const child of running) child.kill('SIGKILL');
  await Promise.all(exits);
}
