import { afterEach, describe, expect, it } from 'vitest';
import { seedNewDocument } from '../src/content/seed.js';
import { docName, startTestServer, useClients, waitFor, type TestClient, type TestServer } from './helpers.js';

/**
 * SPEC: HTTP (formats and PUT), Standards: bad input never harms the server. Rendering and
 * parsing content is slow on long documents and can be made pathological by the input; it
 * runs beside the editors, within limits, and is refused with a clear status.
 */
let server: TestServer;
afterEach(async () => {
  await server.close();
});
const clients = useClients();

async function start(options: { contentTimeoutMs?: number } = {}): Promise<void> {
  server = await startTestServer({ initialContent: seedNewDocument, ...options });
}

const docPath = (name: string): string => `${server.url}/api/docs/${encodeURIComponent(name)}`;
const put = (name: string, body: string, type = 'text/markdown'): Promise<Response> =>
  fetch(docPath(name), { method: 'PUT', headers: { 'Content-Type': type }, body });
const markdownOf = async (name: string): Promise<string> => (await fetch(`${docPath(name)}?format=markdown`)).text();

const client = (name: string): TestClient => clients.connect(server.wsUrl, name);

/** A long document: `sections` × (heading, formatted paragraph, two-item list). */
function longMarkdown(sections: number): string {
  return Array.from(
    { length: sections },
    (_, i) => `## Section ${i}\n\nSome **bold** and *italic* text, [a link](https://example.com/${i}).\n\n- one\n- two`,
  ).join('\n\n');
}

describe('content conversions (SPEC: HTTP)', () => {
  it('live editing carries on while a long document is being converted', async () => {
    await start();
    const name = docName();
    const writer = client(name);
    const reader = client(name);
    await Promise.all([writer.synced, reader.synced]);

    let isPutDone = false;
    const putting = put(docName(), longMarkdown(2000)).then((response) => {
      isPutDone = true;
      return response;
    });
    // Each edit must be stored, relayed and received before the next one is typed.
    let roundTrips = 0;
    for (; roundTrips < 20 && !isPutDone; roundTrips++) {
      writer.text.insert(writer.text.length, 'x');
      const expected = writer.text.toString();
      await waitFor(() => reader.text.toString() === expected, { what: `edit ${roundTrips + 1}` });
    }
    expect(roundTrips).toBe(20);
    expect(isPutDone).toBe(false);
    expect((await putting).status).toBe(201);
  });

  it('HTML nested too deeply to convert gets 422 and leaves the document as it was', async () => {
    await start();
    const name = docName();
    expect((await put(name, 'kept as it was')).status).toBe(201);
    const response = await put(name, `${'<div>'.repeat(20_000)}deep${'</div>'.repeat(20_000)}`, 'text/html');
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ error: 'the content is nested too deeply to convert' });
    expect(await markdownOf(name)).toBe('kept as it was');
  });

  it('a conversion past the time limit gets 503, and the next one works', async () => {
    // The limit counts from the request, so it covers starting a thread (about a second
    // when the machine is busy) as well as the conversion.
    await start({ contentTimeoutMs: 3_000 });
    const name = docName();
    // Lexical's Markdown import needs about 8 s for 20,000 emphasis markers each side;
    // these are twice as many.
    const slow = await put(name, `${'*'.repeat(40_000)}x${'*'.repeat(40_000)}`);
    expect(slow.status).toBe(503);
    expect(await slow.json()).toEqual({ error: 'the conversion took longer than 3 s' });
    expect((await put(name, 'quick')).status).toBe(201);
    expect(await markdownOf(name)).toBe('quick');
  });

  it('two PUTs to one document at once leave exactly one of them, not both merged', async () => {
    await start();
    const name = docName();
    const first = 'first one\n\nalpha';
    const second = 'second one\n\nbeta';
    const answers = await Promise.all([put(name, first), put(name, second)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 201]);
    expect([first, second]).toContain(await markdownOf(name));
  });
});
