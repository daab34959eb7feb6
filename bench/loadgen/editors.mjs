// Load-generator role for the latency scenarios (fan-out, many documents): clients that
// each insert a latency marker at a random place every `intervalMs`, and record, for
// every change of someone else that reaches them, how long it took. Changes sent during
// the warm-up (the first seconds, while every process's JIT is still cold) are not counted.
// A spec may carry its own `wsUrl`, `httpUrl` and `transport: 'http'` (they override the
// connect defaults) and an `instance`: with `instances` > 1, sender n is taken to be on
// instance n % instances, and latencies are also recorded apart for changes that crossed
// instances and for those that did not.
import { openAll } from './open-all.mjs';
import { encodeMarker, scanMarkers } from './marker.mjs';
import { now } from './yclient.mjs';

export function createEditors() {
  let clients = [];
  let t0 = 0;
  let measureFrom = Infinity;
  let latencies = [];
  let crossLatencies = [];
  let localLatencies = [];
  let instances = 1;
  const sentByDoc = new Map();
  const receivedByDoc = new Map();
  const timers = new Set();

  const bump = (map, key) => map.set(key, (map.get(key) ?? 0) + 1);

  function onRemoteUpdate(update, receivedAt, client) {
    scanMarkers(update, t0, (sentAt, sender) => {
      if (sender === client.options.senderId || sentAt < measureFrom) return;
      latencies.push(receivedAt - sentAt);
      if (instances > 1) {
        const isCross = sender % instances !== client.options.instance;
        (isCross ? crossLatencies : localLatencies).push(receivedAt - sentAt);
      }
      bump(receivedByDoc, client.options.docName);
    });
  }

  function editLoop(client, { startAt, warmupMs, durationMs, intervalMs }) {
    const phase = Math.random() * intervalMs;
    const endAt = startAt + warmupMs + durationMs;
    const maxEdits = Math.ceil((warmupMs + durationMs) / intervalMs);
    return new Promise((resolve) => {
      let count = 0;
      const step = () => {
        if (count >= maxEdits || !client.isOpen) return resolve();
        const dueAt = startAt + phase + count * intervalMs;
        if (dueAt >= endAt) return resolve();
        const timer = setTimeout(
          () => {
            timers.delete(timer);
            const sentAt = now();
            client.text.insert(
              Math.floor(Math.random() * (client.text.length + 1)),
              encodeMarker(sentAt, t0, client.options.senderId),
            );
            if (sentAt >= measureFrom) bump(sentByDoc, client.options.docName);
            count++;
            step();
          },
          Math.max(0, dueAt - now()),
        );
        timers.add(timer);
      };
      step();
    });
  }

  return {
    async connect({
      wsUrl,
      httpUrl,
      isRelay,
      protocol,
      specs,
      concurrency,
      epoch,
      appliesRemote,
      instances: count = 1,
    }) {
      t0 = epoch;
      instances = count;
      const base = { wsUrl, httpUrl, isRelay, protocol, appliesRemote, user: { name: 'bench', color: '#888' } };
      const opened = await openAll(specs, { concurrency, base: { ...base, onRemoteUpdate } });
      clients = opened.clients;
      return { failures: opened.failures };
    },
    async edit(schedule) {
      measureFrom = schedule.startAt + schedule.warmupMs;
      latencies = [];
      crossLatencies = [];
      localLatencies = [];
      sentByDoc.clear();
      receivedByDoc.clear();
      await Promise.all(clients.map((client) => editLoop(client, schedule)));
      return { sent: [...sentByDoc.values()].reduce((a, b) => a + b, 0) };
    },
    stats() {
      return { sentByDoc: Object.fromEntries(sentByDoc), receivedByDoc: Object.fromEntries(receivedByDoc) };
    },
    collect() {
      return {
        latencies: Float64Array.from(latencies),
        crossLatencies: Float64Array.from(crossLatencies),
        localLatencies: Float64Array.from(localLatencies),
      };
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
