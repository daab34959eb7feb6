// Starts a private redis-server for the cluster scenario: loopback only, on a port we
// picked, with the durability the README asks of a Quire cluster (AOF, fsync on every
// write) and no RDB snapshots, so its CPU and latency are what Quire users would get.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { connect } from 'node:net';
import { cpuSeconds } from './proc-stats.mjs';
import { freePort, HOST } from './servers.mjs';

export const REDIS_SERVER = '/usr/bin/redis-server';
const READY_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 15_000;

export const hasRedis = () => existsSync(REDIS_SERVER);

/** Resolves with { url, pid, cpu(), stop() } once Redis answers PING. */
export async function startRedis({ dir, logFile }) {
  const port = await freePort();
  const args = ['--port', String(port), '--bind', HOST, '--save', '', '--appendonly', 'yes'];
  args.push('--appendfsync', 'always', '--dir', dir);
  const child = spawn(REDIS_SERVER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const log = createWriteStream(logFile, { flags: 'a' });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const redis = {
    url: `redis://${HOST}:${port}`,
    pid: child.pid,
    cpu: () => cpuSeconds(child.pid),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline && child.exitCode === null) {
    if (await ping(port)) return redis;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await redis.stop();
  throw new Error(`redis-server did not become ready (see ${logFile})`);
}

/** True if Redis on `port` answers an inline PING with +PONG. */
function ping(port) {
  return new Promise((resolve) => {
    const socket = connect(port, HOST);
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}
