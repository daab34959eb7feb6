// The layers of the code base (docs/architecture.md, STYLE §1), bottom first. A file may
// import from its own folder and from any lower layer; never from a higher layer, and never
// from another folder of its own layer (siblings stay independent), except in the top
// layer, which only wires the others together. Tests beside the code obey the same rules.
// eslint.config.js turns this into `import-x/no-restricted-paths` zones (`npm run lint`).

/** @type {string[][]} */
export const SERVER_LAYERS = [
  ['server/src/observability', 'server/src/errors.ts'],
  ['server/src/protocol', 'server/src/auth', 'server/src/storage', 'server/src/transport'],
  ['server/src/cluster', 'server/src/content', 'server/src/webhooks'],
  ['server/src/rooms'],
  ['server/src/documents'],
  ['server/src/http'],
  [
    'server/src/cli',
    'server/src/server.ts',
    'server/src/core.ts',
    'server/src/network.ts',
    'server/src/start-options.ts',
    'server/src/store-observer.ts',
    'server/src/index.ts',
    'server/src/open-storage.ts',
    'server/src/webhook-setup.ts',
  ],
];

/** @type {string[][]} */
export const WEB_LAYERS = [
  ['web/src/styles'],
  // The editor has no network code; collab owns the providers (STYLE §1).
  ['web/src/editor', 'web/src/collab'],
  ['web/src/ui'],
  ['web/src/embed'],
  ['web/src/main.tsx', 'web/src/offline-app.ts'],
];

/** What a layer's folder may not import: every higher layer and, below the top, its siblings. */
function zonesOf(layers) {
  return layers.slice(0, -1).flatMap((layer, index) => {
    const above = layers.slice(index + 1).flat();
    return layer.map((target) => ({
      target,
      from: [...above, ...layer.filter((sibling) => sibling !== target)],
      message: 'imports point down the layers (docs/architecture.md)',
    }));
  });
}

/** Workspaces: shared is below both; server and web never import each other's source. */
const WORKSPACE_ZONES = [
  { target: 'shared', from: ['server', 'web'], message: 'shared/ runs in Node and the browser on its own' },
  { target: 'server', from: ['web'], message: 'server code and tests never import web source' },
  { target: 'web/src', from: ['server'], message: 'web source never imports the server' },
  {
    target: 'web/test',
    from: ['server/src', 'server/test'],
    message: "web tests start the server through its package ('@quire/server')",
  },
];

export const LAYER_ZONES = [...WORKSPACE_ZONES, ...zonesOf(SERVER_LAYERS), ...zonesOf(WEB_LAYERS)];
