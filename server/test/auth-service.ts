import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for an app's auth backend (SPEC: Access, `--auth-url`): a real HTTP server
 * that records each question Quire asks and answers what the test says.
 */
export interface AuthQuestion {
  docName: string | null;
  token: string | null;
  cookie: string | null;
  origin: string | null;
}

export type AuthReply = { status: number; body?: unknown } | 'hang';

export interface TestAuthService {
  url: string;
  questions: AuthQuestion[];
  reply: (question: AuthQuestion) => AuthReply;
  close(): Promise<void>;
}

export async function startAuthService(): Promise<TestAuthService> {
  const service: TestAuthService = {
    url: '',
    questions: [],
    reply: () => ({ status: 401 }),
    close: () => closeServer(server),
  };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const question = JSON.parse(body) as AuthQuestion;
      service.questions.push(question);
      const reply = service.reply(question);
      if (reply === 'hang') return;
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  service.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/quire-auth`;
  return service;
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
