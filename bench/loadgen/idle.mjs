// Load-generator role for the idle scenario: connections that sync, announce a user in
// awareness, and then stay quiet.
import { openAll } from './open-all.mjs';
import { now } from './yclient.mjs';

export function createIdle() {
  const clients = [];
  return {
    async open({ wsUrl, isRelay, specs, concurrency }) {
      const startedAt = now();
      const opened = await openAll(specs, {
        concurrency,
        base: { wsUrl, isRelay, appliesRemote: false, user: { name: 'idle', color: '#888' } },
      });
      clients.push(...opened.clients);
      return { startedAt, finishedAt: now(), failures: opened.failures, open: clients.filter((c) => c.isOpen).length };
    },
    async close() {
      for (const client of clients) client.destroy();
      clients.length = 0;
    },
  };
}
