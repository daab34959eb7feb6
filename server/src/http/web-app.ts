import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express } from 'express';

/**
 * Serves the built editor (SPEC: Web): static assets, and `index.html` for `/` and
 * every `/d/<docName>` route so the client-side router can take over. Without a build,
 * `/` explains how to make one.
 */
export function serveWebApp(app: Express, webRoot: string): void {
  const indexHtml = join(webRoot, 'index.html');
  app.use(express.static(webRoot, { index: false, maxAge: '1h' }));
  app.get(['/', /^\/d\/.+/], (_req, res) => {
    if (existsSync(indexHtml)) {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(indexHtml);
      return;
    }
    res
      .type('html')
      .send('<!doctype html><title>Quire</title><p>Quire sync server is running. Build the editor with <code>npm run build</code>.</p>');
  });
}
