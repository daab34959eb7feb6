import { afterEach, describe, expect, it } from 'vitest';
import type { NewDelivery, WebhookOutbox } from '../../src/storage/webhook-outbox.js';

/**
 * The webhook outbox contract (SPEC: Webhooks; `storage/webhook-outbox.ts`), run against
 * every store's outbox: in order per target and document, durable across a reopen, and in
 * shared storage each delivery claimed by one instance at a time.
 */
export interface OutboxHarness {
  outbox: WebhookOutbox;
  /** Closes the storage and opens it again (a restart); returns the new outbox. */
  reopen(): Promise<WebhookOutbox>;
  /** Another instance's outbox over the same storage, where storage is shared. */
  openPeer?(): Promise<WebhookOutbox>;
  close(): Promise<void>;
}

const LEASE_MS = 60_000;
const T0 = 1_700_000_000_000;

function delivery(docName: string, n: number, target = 'http://receiver.test/hook'): NewDelivery {
  return { target, docName, msgId: `msg_${docName}_${n}`, body: JSON.stringify({ n }) };
}

export function webhookOutboxContract(name: string, open: () => Promise<OutboxHarness>): void {
  describe(`WebhookOutbox contract: ${name}`, () => {
    let harness: OutboxHarness | undefined;
    const start = async (): Promise<OutboxHarness> => (harness = await open());
    afterEach(async () => {
      await harness?.close();
      harness = undefined;
    });

    it('hands out only the oldest delivery of each target and document, the next once it is completed', async () => {
      const { outbox } = await start();
      await outbox.enqueue([delivery('a', 1), delivery('b', 1)], T0);
      await outbox.enqueue([delivery('a', 2), delivery('a', 1, 'http://other.test/')], T0);
      const first = await outbox.claimDue(T0, 10, LEASE_MS);
      expect(first.map((d) => `${d.docName}${d.msgId.slice(-1)}@${d.target}`).sort()).toEqual([
        'a1@http://other.test/',
        'a1@http://receiver.test/hook',
        'b1@http://receiver.test/hook',
      ]);
      expect(first.every((d) => d.attempts === 0 && d.dueAt === T0)).toBe(true);
      expect(await outbox.pendingCount()).toBe(4);
      const a1 = first.find((d) => d.docName === 'a' && d.target === 'http://receiver.test/hook')!;
      await outbox.complete(a1);
      const next = await outbox.claimDue(T0 + 1, 10, LEASE_MS);
      expect(next.map((d) => d.msgId)).toEqual(['msg_a_2']);
      expect(await outbox.pendingCount()).toBe(3);
    });

    it('keeps a failed delivery at the head of its queue until it is due again, counting attempts', async () => {
      const { outbox } = await start();
      await outbox.enqueue([delivery('a', 1), delivery('a', 2)], T0);
      const [claimed] = await outbox.claimDue(T0, 10, LEASE_MS);
      await outbox.retry(claimed!, T0 + 5_000);
      expect(await outbox.claimDue(T0 + 4_999, 10, LEASE_MS)).toEqual([]);
      const [again] = await outbox.claimDue(T0 + 5_000, 10, LEASE_MS);
      expect(again).toMatchObject({ msgId: 'msg_a_1', attempts: 1, dueAt: T0 + 5_000, body: claimed!.body });
    });

    it('does not hand a claimed delivery out again until its lease runs out', async () => {
      const { outbox } = await start();
      await outbox.enqueue([delivery('a', 1)], T0);
      expect(await outbox.claimDue(T0, 10, LEASE_MS)).toHaveLength(1);
      expect(await outbox.claimDue(T0 + LEASE_MS - 1, 10, LEASE_MS)).toEqual([]);
      expect(await outbox.claimDue(T0 + LEASE_MS, 10, LEASE_MS)).toHaveLength(1);
    });

    it('keeps every pending delivery across a restart', async () => {
      const h = await start();
      await h.outbox.enqueue([delivery('a', 1), delivery('a', 2)], T0);
      const [claimed] = await h.outbox.claimDue(T0, 10, LEASE_MS);
      await h.outbox.retry(claimed!, T0 + 5_000);
      const reopened = await h.reopen();
      expect(await reopened.pendingCount()).toBe(2);
      const [first] = await reopened.claimDue(T0 + 5_000, 10, LEASE_MS);
      expect(first).toMatchObject({ msgId: 'msg_a_1', attempts: 1 });
      await reopened.complete(first!);
      await reopened.enqueue([delivery('a', 3)], T0);
      const [second] = await reopened.claimDue(T0 + 5_000, 10, LEASE_MS);
      expect(second!.msgId).toBe('msg_a_2');
    });

    it('in shared storage, hands each delivery to one instance only', async () => {
      const h = await start();
      if (!h.openPeer) return;
      const peer = await h.openPeer();
      const deliveries = Array.from({ length: 40 }, (_, n) => delivery(`doc-${n}`, 1));
      await h.outbox.enqueue(deliveries, T0);
      const [mine, theirs] = await Promise.all([h.outbox.claimDue(T0, 40, LEASE_MS), peer.claimDue(T0, 40, LEASE_MS)]);
      const ids = [...mine, ...theirs].map((d) => d.msgId).sort();
      expect(ids).toEqual(deliveries.map((d) => d.msgId).sort());
    });
  });
}
