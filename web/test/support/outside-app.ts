import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/**
 * Apps outside the workspace that use the editor library the way anyone would (issue 24):
 * `npm pack` of the web workspace, then, in a temp folder, `npm install` of that tarball
 * and its peers (exact versions, from the npm registry through the local npm cache) and
 * `vite build`. One app uses `<CollaborativeEditor>` (Vite + React, type-checked), one
 * only `mountEditor` (plain Vite, no framework code of its own).
 */
const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const WEB_PACKAGE = join(ROOT, 'web/package.json');
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');

export interface PackedLibrary {
  tarball: string;
  /** The package.json inside the tarball, as consumers get it. */
  manifest: {
    name: string;
    dependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
  };
  files: string[];
}

/** Without npm's own variables from a surrounding `npm test`: the apps are no workspace. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
}

/** Runs a command; a failure's message carries its output (tsc reports on stdout). */
async function sh(command: string, args: string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await run(command, args, { cwd, env: cleanEnv(), maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (err) {
    const { stdout = '', stderr = '' } = err as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${stdout}${stderr}`);
  }
}

export async function packLibrary(into: string): Promise<PackedLibrary> {
  const out = await sh('npm', ['pack', '-w', 'web', '--pack-destination', into, '--json'], ROOT);
  const [packed] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
  if (packed === undefined) throw new Error(`npm pack printed no package: ${out}`);
  const tarball = join(into, packed.filename);
  const unpacked = join(into, 'unpacked');
  await mkdir(unpacked);
  await sh('tar', ['-xzf', tarball, '-C', unpacked], into);
  const manifest = JSON.parse(
    await readFile(join(unpacked, 'package/package.json'), 'utf8'),
  ) as PackedLibrary['manifest'];
  return { tarball, manifest, files: packed.files.map((file) => file.path) };
}

const REACT_MAIN = `import { CollaborativeEditor, type EditorStatus } from '@quire/web';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';

const params = new URLSearchParams(window.location.search);

function App() {
  const [status, setStatus] = useState<EditorStatus | null>(null);
  return (
    <main>
      <p id="status">{status?.connection ?? 'starting'}</p>
      <CollaborativeEditor
        serverUrl={params.get('server') ?? ''}
        docName={params.get('doc') ?? ''}
        token={params.get('token') ?? undefined}
        user={{ name: 'React Rae', color: '#1971c2' }}
        onStatus={setStatus}
      />
    </main>
  );
}

createRoot(document.getElementById('app')!).render(<App />);
`;

const PLAIN_MAIN = `import { mountEditor } from '@quire/web';

const params = new URLSearchParams(window.location.search);
const status = document.getElementById('status');
mountEditor(document.getElementById('editor'), {
  serverUrl: params.get('server'),
  docName: params.get('doc'),
  token: params.get('token') ?? undefined,
  user: { name: 'Plain Pat', color: '#2f7d3a' },
  onStatus: ({ connection }) => {
    status.textContent = connection;
  },
});
`;

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2023', 'DOM', 'DOM.Iterable'],
    module: 'ESNext',
    moduleResolution: 'Bundler',
    jsx: 'react-jsx',
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    types: [],
  },
  files: ['main.tsx'],
};

const page = (body: string, script: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Outside app</title></head><body>${body}<script type="module" src="./${script}"></script></body></html>`;

async function writeApp(
  dir: string,
  dependencies: Record<string, string>,
  files: Record<string, string>,
): Promise<void> {
  await mkdir(dir);
  const pkg = { name: 'outside-app', private: true, type: 'module', dependencies };
  await writeFile(join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
}

export interface OutsideApps {
  dir: string;
  library: PackedLibrary;
  /** The built apps, each a folder of static files. */
  reactDist: string;
  plainDist: string;
}

/** Packs the library and builds both apps in a new temp folder; takes a minute or two. */
export async function buildOutsideApps(): Promise<OutsideApps> {
  const dir = await mkdtemp(join(tmpdir(), 'quire-outside-app-'));
  try {
    return await buildIn(dir);
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

async function buildIn(dir: string): Promise<OutsideApps> {
  const library = await packLibrary(dir);
  const web = JSON.parse(await readFile(WEB_PACKAGE, 'utf8')) as { devDependencies: Record<string, string> };
  const pinned = (names: string[]): Record<string, string> =>
    Object.fromEntries(names.map((name) => [name, web.devDependencies[name] ?? 'missing']));
  const peers = Object.keys(library.manifest.peerDependencies ?? {});
  const base = { '@quire/web': `file:${library.tarball}`, ...pinned([...peers, 'vite']) };
  const reactApp = join(dir, 'react-app');
  const plainApp = join(dir, 'plain-app');
  await writeApp(
    reactApp,
    { ...base, ...pinned(['@vitejs/plugin-react', '@types/react', '@types/react-dom']) },
    {
      'index.html': page('<div id="app"></div>', 'main.tsx'),
      'main.tsx': REACT_MAIN,
      'vite.config.js': "import react from '@vitejs/plugin-react';\nexport default { plugins: [react()] };\n",
      'tsconfig.json': JSON.stringify(TSCONFIG, null, 2),
    },
  );
  await writeApp(plainApp, base, {
    'index.html': page('<p id="status">starting</p><div id="editor" style="height: 300px"></div>', 'main.js'),
    'main.js': PLAIN_MAIN,
  });
  await Promise.all([installAndBuild(reactApp), installAndBuild(plainApp)]);
  await sh(process.execPath, [TSC, '-p', 'tsconfig.json'], reactApp);
  return { dir, library, reactDist: join(reactApp, 'dist'), plainDist: join(plainApp, 'dist') };
}

async function installAndBuild(app: string): Promise<void> {
  await sh('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-package-lock'], app);
  await sh(
    process.execPath,
    [join(app, 'node_modules/vite/bin/vite.js'), 'build', '--base', './', '--logLevel', 'error'],
    app,
  );
}
