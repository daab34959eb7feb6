import { afterEach, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import { CloseCode } from '@quire/shared';
import { connectClient, docName, startTestServer, waitFor, type TestClient, type TestServer } from '../helpers.js';
import { captureLogs, WARN, type LogLine } from '../raw-http.js';
import { ABUSE_CASES } from './transport-abuse-cases.js';
import type { MakeTransportClient, RawConnection, TransportTraits } from './transport-client.js';
import { frame } from './transport-frames.js';

/**
 * Bad input over any transport (SPEC: WebSocket; STYLE §5): each case of the abuse table
 * closes the attacker's connection only, with its close code and one log line, while the
 * server, the document and the other clients carry on untouched. Cases a transport cannot
 * carry (`needs` a trait it lacks) are not registered for it.
 */
export function transportAbuseContract(name: string, makeClient: MakeTransportClient, traits: TransportTraits): void {
  describe(`Transport abuse contract: ${name} (SPEC: WebSocket; STYLE §5)`, () => {
    let server: TestServer | undefined;
    const clients: TestClient[] = [];
    const conns: RawConnection[] = [];
    afterEach(async () => {
      for (const c of clients.splice(0)) c.destroy();
      for (const conn of conns.splice(0)) conn.close();
      await server?.close();
      server = undefined;
    });

    const attack = async (running: TestServer, doc: string): Promise<RawConnection> => {
      const conn = makeClient(running).connect(doc);
      conns.push(conn);
      await conn.opened;
      return conn;
    };

    /** Two editors of one document with text in it: `editor` typed it, `observer` sees it. */
    const editing = async (running: TestServer, doc: string): Promise<[TestClient, TestClient]> => {
      const editor = connectClient(running.wsUrl, doc);
      clients.push(editor);
      await editor.synced;
      editor.text.insert(0, 'before');
      const observer = connectClient(running.wsUrl, doc);
      clients.push(observer);
      await waitFor(() => observer.text.toString() === 'before', { what: 'initial text' });
      return [editor, observer];
    };

    const applicable = ABUSE_CASES.filter((c) => c.needs === undefined || traits[c.needs]);
    it.each(applicable)(
      '$name closes with $code and logs once; the document and another editor carry on',
      async ({ frames, code, options }) => {
        const logs = captureLogs();
        const running = await startTestServer({ maxMessageBytes: 64 * 1024, logger: logs.logger, ...options });
        server = running;
        const doc = docName();
        const [editor, observer] = await editing(running, doc);

        const attacker = await attack(running, doc);
        for (const data of frames(editor.doc.clientID)) {
          if (typeof data === 'string') attacker.sendText!(data);
          else attacker.send(data);
        }
        expect((await attacker.closed).code).toBe(code);
        const refusals = (): LogLine[] => logs.lines.filter((line) => line.level >= WARN && line.code === code);
        await waitFor(() => refusals().length > 0, { what: 'the log line' });

        editor.text.insert(6, ' and after');
        await waitFor(() => observer.text.toString() === 'before and after', { what: 'editing continues' });
        const health = (await (await fetch(`${running.url}/healthz`)).json()) as { ok: boolean };
        expect(health.ok).toBe(true);
        const fresh = connectClient(running.wsUrl, doc);
        clients.push(fresh);
        await waitFor(() => fresh.text.toString() === 'before and after', { what: 'document unchanged' });
        expect(refusals()).toHaveLength(1);
      },
    );

    it('a client that does not read is closed with 1013, while clients that read keep receiving and stay connected', async () => {
      const logs = captureLogs();
      const running = await startTestServer({ maxBufferedBytes: 2 * 1024 * 1024, logger: logs.logger });
      server = running;
      const isSlowReaderClosed = (): boolean => logs.lines.some((line) => line.code === CloseCode.SlowReader);
      const doc = docName();
      const slow = await attack(running, doc);
      slow.pauseReading();
      const writer = connectClient(running.wsUrl, doc);
      const reader = connectClient(running.wsUrl, doc);
      clients.push(writer, reader);
      await Promise.all([writer.synced, reader.synced]);
      const readersClosed: number[] = [];
      for (const client of [writer, reader]) {
        client.provider.on(
          'connection-close',
          (event: { code: number } | null) => event && readersClosed.push(event.code),
        );
      }
      // More than loopback's kernel buffers can absorb, so the slow client's queue on the
      // server grows; sent in steps the reader keeps up with, so its queue never does.
      const chunk = 'x'.repeat(64 * 1024);
      const [rounds, step] = [400, 8];
      for (let i = 0; i < rounds; i++) {
        writer.doc.getMap('m').set(`k${i}`, chunk);
        if ((i + 1) % step !== 0) continue;
        await waitFor(() => reader.doc.getMap('m').size === i + 1, { what: `the reader has ${i + 1}` });
        // Reading again once the server has closed it, within the grace the server gives a
        // closed peer before cutting the connection, however slowly a loaded machine runs the rest.
        if (isSlowReaderClosed()) slow.resumeReading();
      }
      slow.resumeReading();
      expect((await slow.closed).code).toBe(CloseCode.SlowReader);
      expect(readersClosed).toEqual([]);
    });

    it('the log line of a refused frame names the close code and carries the error with its stack (STYLE §5, §6)', async () => {
      const logs = captureLogs();
      server = await startTestServer({ logger: logs.logger });
      const attacker = await attack(server, docName());
      attacker.send(frame((e) => encoding.writeVarUint(e, 99)));
      expect((await attacker.closed).code).toBe(CloseCode.ProtocolError);
      const isRefusal = (entry: LogLine): boolean => entry.code === CloseCode.ProtocolError;
      await waitFor(() => logs.lines.some(isRefusal), { what: 'the log line' });
      const line = logs.lines.find(isRefusal) as { err?: { type?: string; stack?: string } } | undefined;
      expect(line?.err?.type).toBe('ProtocolError');
      expect(line?.err?.stack).toContain('decodeFrame');
    });
  });
}
