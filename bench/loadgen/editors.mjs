// Load-generator role for the latency scenarios (fan-out, many documents): clients that
// each insert a latency marker at a random place every `intervalMs`, and record, for
// every change of someone else that reaches them, how long it took.
import { openAll } from './open-all.mjs';
import { encodeMarker, scanMarkers } from './marker.mjs';
import { now } from './yclient.mjs';

export function createEditors() {
  let clients = [];
  let t0 = 0;
  let latencies = [];
  const sentByDoc = new Map();
  const receivedByDoc = new Map();
  const timers = new Set();

  const bump = (map, key) => map.set(key, (map.get(key) ?? 0) + 1);

  function onRemoteUpdate(update, receivedAt, client) {
    scanMarkers(update, t0, (sentAt, sender) => {
      if (sender === client.options.senderId) return;
      latencies.push(receivedAt - sentAt);
      bump(receivedByDoc, client.options.docName);
    });
  }

  function editLoop(client, { startAt, durationMs, intervalMs }) {
    const phase = Math.random() * intervalMs;
    const maxEdits = Math.ceil(durationMs / intervalMs);
    return new Promise((resolve) => {
      let count = 0;
      const step = () => {
        if (count >= maxEdits || !client.isOpen) return resolve();
        const dueAt = startAt + phase + count * intervalMs;
        if (dueAt >= startAt + durationMs) return resolve();
        const timer = setTimeout(() => {
          timers.delete(timer);
          const marker = encodeMarker(now(), t0, client.options.senderId);
          client.text.insert(Math.floor(Math.random() * (client.text.length + 1)), marker);
          bump(sentByDoc, client.options.docName);
          count++;
          step();
        }, Math.max(0, dueAt - now()));
        timers.add(timer);
      };
      step();
    });
  }

  return {
    async connect({ wsUrl, isRelay, specs, concurrency, epoch, appliesRemote }) {
      t0 = epoch;
      const base = { wsUrl, isRelay, appliesRemote, user: { name: 'bench', color: '#888' } };
      const opened = await openAll(specs, { concurrency, base: { ...base, onRemoteUpdate } });
      clients = opened.clients;
      return { failures: opened.failures };
    },
    async edit(schedule) {
      latencies = [];
      sentByDoc.clear();
      receivedByDoc.clear();
      await Promise.all(clients.map((client) => editLoop(client, schedule)));
      return { sent: [...sentByDoc.values()].reduce((a, b) => a + b, 0) };
    },
    stats() {
      return { sentByDoc: Object.fromEntries(sentByDoc), receivedByDoc: Object.fromEntries(receivedByDoc) };
    },
    collect() {
      return { latencies: Float64Array.from(latencies) };
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.all(clients.map((client) => client.close()));
      for (const client of clients) client.destroy();
      clients = [];
    },
  };
}
