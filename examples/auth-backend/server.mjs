/**
 * An app backend that decides who may use Quire from its own session cookie
 * (docs/auth.md). Signing in sets an HttpOnly cookie `sid`; Quire, started with
 * `--auth-url http://127.0.0.1:3000/quire-auth`, POSTs `{ docName, token, cookie, origin }`
 * for each connection and API call, and this app answers who that is, or 401.
 *
 *   PORT=3000 node examples/auth-backend/server.mjs
 *   npx quire serve --auth-url http://127.0.0.1:3000/quire-auth
 *
 * Browsers send a cookie to every port of its host, so signing in at http://localhost:3000
 * also signs you in to Quire at http://localhost:1234. Sessions live in memory: a demo.
 */
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import express from 'express';

const SESSION_COOKIE = 'sid';

/**
 * The app: `/` (sign-in form), `POST /login`, `POST /logout`, and `POST /quire-auth` for Quire.
 * @param {{ quireUrl?: string }} options
 */
export function createAuthBackend({ quireUrl = 'http://localhost:1234' } = {}) {
  /** sid → { sub, name } */
  const sessions = new Map();
  const app = express();
  app.disable('x-powered-by');

  app.get('/', (_req, res) => {
    res.type('html').send(`<!doctype html><title>Sign in</title>
<form method="post" action="/login"><label>Name <input name="name" required maxlength="64"></label>
<button>Sign in</button></form>`);
  });

  app.post('/login', express.urlencoded({ extended: false, limit: '1kb' }), (req, res) => {
    const name = String(req.body?.name ?? '')
      .trim()
      .slice(0, 64);
    if (!name) return void res.status(400).send('name required');
    const sid = randomBytes(32).toString('base64url');
    sessions.set(sid, { sub: name.toLowerCase(), name });
    res.cookie(SESSION_COOKIE, sid, { httpOnly: true, sameSite: 'lax', path: '/' });
    res.redirect(303, `${quireUrl}/d/${encodeURIComponent('team/notes')}`);
  });

  app.post('/logout', (req, res) => {
    sessions.delete(sessionIdOf(req.headers.cookie));
    res.clearCookie(SESSION_COOKIE).redirect(303, '/');
  });

  // Quire asks here. Everyone signed in may edit the team's documents.
  app.post('/quire-auth', express.json({ limit: '16kb' }), (req, res) => {
    const user = sessions.get(sessionIdOf(req.body?.cookie));
    if (!user) return void res.status(401).json({ error: 'not signed in' });
    res.json({ sub: user.sub, name: user.name, access: 'write', docs: ['team/*'] });
  });
  return app;
}

/** The `sid` value in a Cookie header, if any. */
function sessionIdOf(cookieHeader) {
  if (typeof cookieHeader !== 'string') return undefined;
  for (const part of cookieHeader.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === SESSION_COOKIE) return value.join('=');
  }
  return undefined;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const port = Number(process.env.PORT ?? 3000);
  createAuthBackend({ quireUrl: process.env.QUIRE_URL }).listen(port, '127.0.0.1', () => {
    console.log(`sign in at http://localhost:${port}; start Quire with --auth-url http://127.0.0.1:${port}/quire-auth`);
  });
}
