import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

/**
 * A tiny static server standing in for someone else's website (issue 7): another
 * origin than the Quire server's. Pages come from `pages` (path → HTML) or from files
 * under `root`; in every text file `http://localhost:1234`, the address the examples
 * use, is replaced by the test server's.
 */
export interface HostServer {
  origin: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
};

export const EXAMPLE_SERVER_URL = 'http://localhost:1234';

export async function startHostServer(options: {
  quireUrl: string;
  root?: string;
  pages?: Record<string, string>;
}): Promise<HostServer> {
  const rewrite = (text: string): string => text.replaceAll(EXAMPLE_SERVER_URL, options.quireUrl);
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://host').pathname;
    const page = options.pages?.[path];
    const send = (status: number, type: string, body: string): void => {
      res.writeHead(status, { 'Content-Type': type });
      res.end(body);
    };
    if (page !== undefined) {
      send(200, TYPES['.html'] ?? '', rewrite(page));
      return;
    }
    if (options.root === undefined || path.includes('..')) {
      send(404, 'text/plain', 'not found');
      return;
    }
    const file = join(options.root, normalize(path === '/' ? '/index.html' : path));
    readFile(file, 'utf8').then(
      (text) => send(200, TYPES[extname(file)] ?? 'application/octet-stream', rewrite(text)),
      () => send(404, 'text/plain', 'not found'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
