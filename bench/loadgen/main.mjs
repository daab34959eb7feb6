// Entry of one load-generator process. The orchestrator forks several and drives them by
// IPC: each message { id, role, cmd, args } runs one command of a role and is answered
// with { id, result } or { id, error }. A generator exits when its parent goes away.
import { createEditors } from './editors.mjs';
import { createIdle } from './idle.mjs';
import { createPopulate } from './populate.mjs';
import { createIngest } from './ingest.mjs';
import { createChurn } from './churn.mjs';
import { createTrace } from './trace.mjs';

const roles = {
  editors: createEditors(),
  idle: createIdle(),
  populate: createPopulate(),
  ingest: createIngest(),
  churn: createChurn(),
  trace: createTrace(),
  process: {
    usage: () => {
      const { user, system } = process.cpuUsage();
      return { cpuSeconds: (user + system) / 1e6, rss: process.memoryUsage().rss };
    },
  },
};

process.on('message', async ({ id, role, cmd, args }) => {
  try {
    const command = roles[role]?.[cmd];
    if (!command) throw new Error(`unknown command ${role}.${cmd}`);
    const result = await command(args ?? {});
    process.send({ id, result });
  } catch (err) {
    process.send({ id, error: err?.stack ?? String(err) });
  }
});
process.on('disconnect', () => process.exit(0));
process.send({ ready: true });
