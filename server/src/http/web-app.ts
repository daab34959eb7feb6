import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express, type Response } from 'express';

/**
 * Serves the built editor (SPEC: Web): static assets, `index.html` for `/` and every
 * `/d/<docName>` route so the client-side router can take over, and the embeds (SPEC:
 * Web › Embedding; issue 7): the standalone bundle at `/embed.js` and the iframe page
 * at `/embed/<docName>` (names with `/` included). App pages may only be framed by this
 * server's own pages (clickjacking; issue 18). The iframe page is meant to be framed: by
 * the origins in --allowed-origins when some are listed, else by any site, since it holds
 * no ambient credentials (its socket uses the token its parent hands it).
 * `/sw.js` is the service worker that keeps the app for offline use (web/vite.config.ts).
 * Without a build, these pages explain how to make one.
 */
const NOT_BUILT_HTML =
  '<!doctype html><title>Quire</title><p>Quire sync server is running. Build the editor with <code>npm run build</code>.</p>';

function sendPage(res: Response, file: string): void {
  if (!existsSync(file)) {
    res.status(404).type('html').send(NOT_BUILT_HTML);
    return;
  }
  // Pages name hashed assets: always revalidate them so a new build is picked up at once.
  res.setHeader('Cache-Control', 'no-cache');
  res.sendFile(file);
}

const APP_FRAMING = { 'Content-Security-Policy': "frame-ancestors 'self'", 'X-Frame-Options': 'SAMEORIGIN' };

function embedFraming(allowedOrigins: readonly string[]): Record<string, string> {
  const ancestors = allowedOrigins.length === 0 ? '*' : ["'self'", ...allowedOrigins].join(' ');
  return { 'Content-Security-Policy': `frame-ancestors ${ancestors}` };
}

export function serveWebApp(app: Express, webRoot: string, allowedOrigins: readonly string[]): void {
  const indexHtml = join(webRoot, 'index.html');
  const embedHtml = join(webRoot, 'embed.html');
  const embedScript = join(webRoot, 'embed.js');
  const serviceWorker = join(webRoot, 'sw.js');
  // Not content-hashed, and pasted into other sites: revalidate rather than cache for an hour.
  app.get('/embed.js', (_req, res) => sendPage(res, embedScript));
  // Names the build's assets: a browser must see a new build's worker at once.
  app.get('/sw.js', (_req, res) => sendPage(res, serviceWorker));
  const embedHeaders = embedFraming(allowedOrigins);
  app.use(
    express.static(webRoot, {
      index: false,
      maxAge: '1h',
      setHeaders: (res, path) => {
        if (path.endsWith('.html')) res.set(APP_FRAMING);
      },
    }),
  );
  app.get(/^\/embed\/.+/, (_req, res) => sendPage(res.set(embedHeaders), embedHtml));
  app.get(['/', /^\/d\/.+/], (_req, res) => {
    res.set(APP_FRAMING);
    if (existsSync(indexHtml)) {
      sendPage(res, indexHtml);
      return;
    }
    res.type('html').send(NOT_BUILT_HTML);
  });
}
