// The orchestrator's side of the load generators: forks them, sends commands, and kills
// them when done. Results travel with structured clone, so typed arrays stay compact.
import { fork } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('./main.mjs', import.meta.url));
const COMMAND_TIMEOUT_MS = 15 * 60_000;

export async function startLoadgens(count, { logFile }) {
  const log = createWriteStream(logFile, { flags: 'a' });
  const generators = await Promise.all(Array.from({ length: count }, () => startOne(log)));
  return {
    size: count,
    /** Runs `role.cmd` on generator `index`. */
    call: (index, role, cmd, args) => generators[index].call(role, cmd, args),
    /** Runs `role.cmd` on every generator, with `argsFor(index)`. */
    all: (role, cmd, argsFor = () => ({})) =>
      Promise.all(generators.map((generator, index) => generator.call(role, cmd, argsFor(index)))),
    stop: () => Promise.all(generators.map((generator) => generator.stop())),
  };
}

function startOne(log) {
  const child = fork(ENTRY, [], { serialization: 'advanced', stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const pending = new Map();
  let nextId = 1;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  void exited.then((code) => {
    for (const { reject } of pending.values()) reject(new Error(`load generator exited (${code})`));
    pending.clear();
  });
  child.on('message', (message) => {
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.error) waiter.reject(new Error(message.error));
    else waiter.resolve(message.result);
  });
  const generator = {
    call(role, cmd, args) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`load generator ${role}.${cmd} timed out`));
        }, COMMAND_TIMEOUT_MS);
        pending.set(id, {
          resolve: (value) => {
            clearTimeout(timer);
            resolve(value);
          },
          reject: (err) => {
            clearTimeout(timer);
            reject(err);
          },
        });
        child.send({ id, role, cmd, args });
      });
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
  return new Promise((resolve, reject) => {
    child.once('message', (message) => (message.ready ? resolve(generator) : reject(new Error('bad hello'))));
    child.once('error', reject);
  });
}
