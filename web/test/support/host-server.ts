import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

/**
 * A tiny static server standing in for someone else's website (issue 7): an origin
 * other than the Quire server's. It serves `pages` (path → HTML) and the files of
 * `mounts` (URL prefix → folder). In every text file, `http://localhost:1234` (the
 * address the examples use) becomes the test server's address, set once it is known.
 */
export interface HostServer {
  origin: string;
  setQuireUrl(url: string): void;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
};

export const EXAMPLE_SERVER_URL = 'http://localhost:1234';

function fileFor(path: string, mounts: Record<string, string>): string | null {
  if (path.includes('..')) return null;
  const prefix = Object.keys(mounts)
    .filter((candidate) => path.startsWith(candidate))
    .sort((x, y) => y.length - x.length)[0];
  if (prefix === undefined) return null;
  const rest = path.slice(prefix.length) || 'index.html';
  return join(mounts[prefix] ?? '', normalize(rest));
}

export async function startHostServer(
  options: { pages?: Record<string, string>; mounts?: Record<string, string> } = {},
): Promise<HostServer> {
  let quireUrl = EXAMPLE_SERVER_URL;
  const rewrite = (text: string): string => text.replaceAll(EXAMPLE_SERVER_URL, quireUrl);
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://host').pathname;
    const send = (status: number, type: string, body: string): void => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      res.end(body);
    };
    const page = options.pages?.[path];
    if (page !== undefined) {
      send(200, TYPES['.html'] ?? '', rewrite(page));
      return;
    }
    const file = fileFor(path, options.mounts ?? {});
    if (file === null) {
      send(404, 'text/plain', 'not found');
      return;
    }
    readFile(file, 'utf8').then(
      (text) => send(200, TYPES[extname(file)] ?? 'application/octet-stream', rewrite(text)),
      () => send(404, 'text/plain', 'not found'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    setQuireUrl(url) {
      quireUrl = url;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
