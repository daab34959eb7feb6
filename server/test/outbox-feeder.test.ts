import { describe, expect, it } from 'vitest';
import pino from 'pino';
import type { NewDelivery, WebhookOutbox } from '../src/storage/webhook-outbox.js';
import { ManualClock } from './helpers.js';
import { OutboxFeeder } from '../src/webhooks/outbox-feeder.js';

/** SPEC: Webhooks — events wait in memory, in order and bounded, while the outbox cannot store them. */
function setup(maxHeld: number): {
  feeder: OutboxFeeder;
  clock: ManualClock;
  stored: string[];
  outbox: { isDown: boolean };
  dropped: { count: number };
} {
  const stored: string[] = [];
  const state = { isDown: true };
  const outbox: Pick<WebhookOutbox, 'enqueue'> = {
    enqueue: (deliveries: NewDelivery[]) => {
      if (state.isDown) return Promise.reject(new Error('connect ECONNREFUSED'));
      stored.push(...deliveries.map((d) => d.body));
      return Promise.resolve();
    },
  };
  const clock = new ManualClock();
  const dropped = { count: 0 };
  const feeder = new OutboxFeeder({
    outbox: outbox as WebhookOutbox,
    clock,
    logger: pino({ level: 'silent' }),
    onStored: () => undefined,
    onDropped: (count) => (dropped.count += count),
    maxHeld,
  });
  return { feeder, clock, stored, outbox: state, dropped };
}

const event = (body: string) => ({
  docName: 'notes',
  type: 'document.changed',
  deliveries: [{ target: 'https://a.example/hook', docName: 'notes', msgId: body, body }],
  now: 0,
});

/** Lets the outbox's settled promises run. */
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('outbox feeder', () => {
  it('holds events while the outbox fails and stores them in order once it works, dropping newer ones past the bound', async () => {
    const { feeder, clock, stored, outbox, dropped } = setup(3);
    for (const body of ['a', 'b', 'c', 'd', 'e']) feeder.add(event(body));
    await turn();
    expect(feeder.heldCount).toBe(3);
    expect(dropped.count).toBe(2);
    clock.advance(100);
    await turn();
    expect(stored).toEqual([]);
    outbox.isDown = false;
    clock.advance(60_000);
    await feeder.settled();
    expect(stored).toEqual(['a', 'b', 'c']);
    expect(feeder.heldCount).toBe(0);
    feeder.add(event('f'));
    await feeder.settled();
    expect(stored).toEqual(['a', 'b', 'c', 'f']);
  });

  it('at shutdown, drops what the outbox still cannot take after the wait, and counts it', async () => {
    const { feeder, dropped } = setup(10);
    feeder.add(event('a'));
    feeder.add(event('b'));
    await turn();
    await feeder.close(10);
    expect(feeder.heldCount).toBe(0);
    expect(dropped.count).toBe(2);
  });
});
