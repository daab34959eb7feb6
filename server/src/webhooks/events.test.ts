import { describe, expect, it } from 'vitest';
import pino from 'pino';
import type { NewDelivery, WebhookOutbox } from '../storage/webhook-outbox.js';
import type { Clock } from '../util/clock.js';
import { EventWriter } from './events.js';

/** SPEC: Webhooks — the event bodies, one delivery per target, stored in the order emitted. */
function writer(targets: string[]): { events: EventWriter; stored: NewDelivery[] } {
  const stored: NewDelivery[] = [];
  const outbox: Pick<WebhookOutbox, 'enqueue'> = {
    enqueue: (deliveries) => {
      stored.push(...deliveries);
      return Promise.resolve();
    },
  };
  const clock = { now: () => Date.parse('2026-12-04T10:00:00.000Z') } as Clock;
  const events = new EventWriter({
    outbox: outbox as WebhookOutbox,
    targets,
    clock,
    logger: pino({ level: 'silent' }),
    onEnqueued: () => undefined,
  });
  return { events, stored };
}

describe('webhook events', () => {
  it('writes comment.created (the hook the comments code calls) for every target, in order after earlier events', async () => {
    const { events, stored } = writer(['https://a.example/hook', 'https://b.example/hook']);
    events.created('notes');
    events.commentCreated('notes', {
      threadId: 't1',
      commentId: 'c1',
      author: { sub: 'ada', name: 'Ada' },
      body: 'Nice',
    });
    await events.settled();
    expect(stored.map((d) => [d.target, JSON.parse(d.body).type])).toEqual([
      ['https://a.example/hook', 'document.created'],
      ['https://b.example/hook', 'document.created'],
      ['https://a.example/hook', 'comment.created'],
      ['https://b.example/hook', 'comment.created'],
    ]);
    expect(JSON.parse(stored[2]!.body)).toEqual({
      type: 'comment.created',
      timestamp: '2026-12-04T10:00:00.000Z',
      data: { name: 'notes', threadId: 't1', commentId: 'c1', author: { sub: 'ada', name: 'Ada' }, body: 'Nice' },
    });
    expect(stored[2]!.msgId).toBe(stored[3]!.msgId);
    expect(stored[2]!.msgId).not.toBe(stored[0]!.msgId);
  });
});
