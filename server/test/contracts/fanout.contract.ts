import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Fanout, FanoutChannel } from '../../src/storage/fanout.js';
import type { DocStore } from '../../src/storage/doc-store.js';
import { waitFor } from '../helpers.js';

/**
 * The fan-out contract (server/src/storage/fanout.ts; SPEC: Cluster mode), run unchanged
 * against every fan-out. A node is one server instance: its store and its fan-out. Updates
 * travel through the store (a room appends, and other instances hear it), awareness and
 * deletions through the fan-out. A single-node fan-out has no other instances
 * (`multiNode: false`): the tests between nodes are not registered for it, the others are.
 */
export interface FanoutNode {
  store: DocStore;
  fanout: Fanout;
  close(): Promise<void>;
}

export interface FanoutUnderTest {
  /** Starts one more instance sharing the storage (one only, unless `multiNode`). */
  join(): Promise<FanoutNode>;
  close(): Promise<void>;
}

/** What one channel has heard. */
interface Heard {
  updates: number[][];
  awareness: number[][];
  deletions: number;
}

interface Listener {
  channel: FanoutChannel;
  heard: Heard;
}

export function fanoutContract(
  name: string,
  makeFanout: () => Promise<FanoutUnderTest>,
  traits: { multiNode: boolean },
): void {
  describe(`Fanout contract: ${name}`, () => {
    let subject: FanoutUnderTest;
    let nodes: FanoutNode[];
    beforeEach(async () => {
      subject = await makeFanout();
      nodes = [];
    });
    afterEach(async () => {
      for (const node of nodes) await node.close();
      await subject.close();
    });

    const join = async (): Promise<FanoutNode> => {
      const node = await subject.join();
      nodes.push(node);
      return node;
    };

    /** Loads `docName` on `node` and opens its channel, as a room does. */
    const listen = async (node: FanoutNode, docName: string): Promise<Listener> => {
      const heard: Heard = { updates: [], awareness: [], deletions: 0 };
      await node.store.load(docName);
      const channel = node.fanout.open(docName, {
        update: (update) => heard.updates.push(Array.from(update)),
        awareness: (update) => heard.awareness.push(Array.from(update)),
        deleted: () => (heard.deletions += 1),
      });
      await channel.listening;
      return { channel, heard };
    };

    const newDoc = (): string => `doc-${randomUUID()}`;
    const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);

    it('a channel starts listening, and publishing on a lone node reaches nobody, not even itself', async () => {
      const node = await join();
      const docName = newDoc();
      const own = await listen(node, docName);
      await node.store.append(docName, bytes(0, 0));
      own.channel.publishAwareness(bytes(1));
      await node.fanout.publishDeleted(docName);
      await new Promise((resolve) => setImmediate(resolve));
      expect(own.heard).toEqual({ updates: [], awareness: [], deletions: 0 });
      own.channel.close();
      own.channel.close();
    });

    if (!traits.multiNode) return;
    describe('between instances', () => {
      it("an update stored on one instance reaches the others' channel of that document only, never the sender's", async () => {
        const [a, b] = [await join(), await join()];
        const [docName, otherDoc] = [newDoc(), newDoc()];
        const [sender, peer, unrelated] = [
          await listen(a, docName),
          await listen(b, docName),
          await listen(b, otherDoc),
        ];
        await a.store.append(docName, bytes(7, 7));
        await waitFor(() => peer.heard.updates.length === 1, { what: 'the update on the other instance' });
        await b.store.append(docName, bytes(8, 8));
        await waitFor(() => sender.heard.updates.length === 1, { what: "the peer's update back on the sender" });
        expect(sender.heard.updates).toEqual([[8, 8]]);
        expect(peer.heard.updates).toEqual([[7, 7]]);
        expect(unrelated.heard.updates).toEqual([]);
      });

      it("awareness published on one instance reaches the others' channel of that document only, never the sender's", async () => {
        const [a, b] = [await join(), await join()];
        const [docName, otherDoc] = [newDoc(), newDoc()];
        const [sender, peer, unrelated] = [
          await listen(a, docName),
          await listen(b, docName),
          await listen(b, otherDoc),
        ];
        sender.channel.publishAwareness(bytes(1, 2));
        await waitFor(() => peer.heard.awareness.length === 1, { what: 'presence on the other instance' });
        peer.channel.publishAwareness(bytes(3));
        await waitFor(() => sender.heard.awareness.length === 1, { what: "the peer's presence back on the sender" });
        expect(sender.heard.awareness).toEqual([[3]]);
        expect(peer.heard.awareness).toEqual([[1, 2]]);
        expect(unrelated.heard.awareness).toEqual([]);
      });

      it("a deletion announced on one instance reaches the others' channel of that document only, never the sender's", async () => {
        const [a, b] = [await join(), await join()];
        const [docName, otherDoc] = [newDoc(), newDoc()];
        const [sender, peer, unrelated] = [
          await listen(a, docName),
          await listen(b, docName),
          await listen(b, otherDoc),
        ];
        await a.fanout.publishDeleted(docName);
        await waitFor(() => peer.heard.deletions === 1, { what: 'the deletion on the other instance' });
        // Presence travels after the deletion on the same connection: once it is there, so is any deletion.
        peer.channel.publishAwareness(bytes(9));
        await waitFor(() => sender.heard.awareness.length === 1, { what: 'presence after the deletion' });
        expect(sender.heard.deletions).toBe(0);
        expect(unrelated.heard.deletions).toBe(0);
      });

      it('a closed channel hears nothing more, while the same instance keeps hearing its other documents', async () => {
        const [a, b] = [await join(), await join()];
        const [docName, stillOpen] = [newDoc(), newDoc()];
        const [sender, marker] = [await listen(a, docName), await listen(a, stillOpen)];
        const [closed, open] = [await listen(b, docName), await listen(b, stillOpen)];
        closed.channel.close();
        await a.store.append(docName, bytes(5));
        sender.channel.publishAwareness(bytes(5));
        await a.fanout.publishDeleted(docName);
        await a.store.append(stillOpen, bytes(6));
        marker.channel.publishAwareness(bytes(6));
        await waitFor(() => open.heard.updates.length === 1 && open.heard.awareness.length === 1, {
          what: 'the document still open',
        });
        expect(closed.heard).toEqual({ updates: [], awareness: [], deletions: 0 });
      });

      it('a channel delivers every update stored after its load, including those before it opened', async () => {
        const [a, b] = [await join(), await join()];
        const docName = newDoc();
        await listen(a, docName);
        await a.store.append(docName, bytes(1));
        expect(await b.store.load(docName)).toEqual([bytes(1)]);
        await a.store.append(docName, bytes(2));
        const heard: number[][] = [];
        const channel = b.fanout.open(docName, {
          update: (update) => heard.push(Array.from(update)),
          awareness: () => undefined,
          deleted: () => undefined,
        });
        await channel.listening;
        await a.store.append(docName, bytes(3));
        await waitFor(() => heard.length === 2, { what: 'updates since the load' });
        expect(heard).toEqual([[2], [3]]);
        channel.close();
      });
    });
  });
}
