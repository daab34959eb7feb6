/**
 * The iframe page, `/embed/<docName>?token=…` (issue 7): the editor alone, filling the
 * frame, for hosts that want no script of ours on their page. Served by the Quire server,
 * so its socket has the server's own origin whatever page frames it.
 *
 * Query: `token`, `name` and `color` (default: the name remembered on this server's
 * origin), `readonly=1`, `toolbar=0` or a comma list of buttons, `bar=0`, `comments=0`, `transport=http` or
 * `transport=websocket` (default: auto, issue 9).
 * The parent window receives `{ source: 'quire', type: 'ready' | 'status', docName, status }`.
 */
import { docNameFromPath } from '@quire/shared';
import { loadLocalUser } from '../collab/local-user.js';
import { parseTransportMode } from '../collab/transport-policy.js';
import { defaultServerUrl } from '../collab/server-url.js';
import type { ToolbarButtonName } from '../editor/toolbar-buttons.js';
import { takePageToken } from '../ui/page-token.js';
import { mountEditor } from './mount-editor.js';
import type { EditorStatus, EditorUser } from './types.js';

const PATH_PREFIX = '/embed/';

export type FrameMessage =
  | { source: 'quire'; type: 'ready'; docName: string; status: EditorStatus }
  | { source: 'quire'; type: 'status'; docName: string; status: EditorStatus };

function toolbarOf(param: string | null): boolean | ToolbarButtonName[] {
  if (param === null || param === '1') return true;
  if (param === '0') return false;
  return param.split(',').map((name) => name.trim()) as ToolbarButtonName[];
}

function userOf(params: URLSearchParams, token: string | undefined): EditorUser | undefined {
  const name = params.get('name');
  if (name !== null && name.trim() !== '') {
    return { name: name.trim(), color: params.get('color') ?? loadLocalUser().color };
  }
  // A token that names its holder wins over the name remembered on this device.
  return token === undefined ? loadLocalUser() : undefined;
}

/** Status goes to whoever frames the page; it carries no content, so any parent may know. */
function postToParent(message: FrameMessage): void {
  if (window.parent !== window) window.parent.postMessage(message, '*');
}

function start(root: HTMLElement): void {
  const name = docNameFromPath(window.location.pathname.slice(PATH_PREFIX.length));
  if (!name.ok) {
    root.textContent = `Not a document: ${name.reason}`;
    return;
  }
  const { docName } = name;
  const params = new URLSearchParams(window.location.search);
  const token = takePageToken(docName);
  const user = userOf(params, token);
  let isReady = false;
  mountEditor(root, {
    serverUrl: defaultServerUrl(),
    docName,
    ...(token === undefined ? {} : { token }),
    ...(user === undefined ? {} : { user }),
    readOnly: params.get('readonly') === '1',
    toolbar: toolbarOf(params.get('toolbar')),
    showStatusBar: params.get('bar') !== '0',
    comments: params.get('comments') !== '0',
    transport: parseTransportMode(params.get('transport')),
    onStatus: (status) => {
      if (!isReady && (status.isLoaded || status.problem !== null)) {
        isReady = true;
        postToParent({ source: 'quire', type: 'ready', docName, status });
      }
      postToParent({ source: 'quire', type: 'status', docName, status });
    },
  });
  document.title = `${docName} · Quire`;
}

const root = document.getElementById('root');
if (root === null) throw new Error('embed.html has no #root element');
start(root);
