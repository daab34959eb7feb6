/**
 * Named versions of the document (issue 6; SPEC: HTTP, versions): save the current
 * state under a label, list versions with author and time, preview one read-only and
 * restore it. A restore is a new change on the server that the live editor follows, and
 * the text it replaces is saved as a version first, so a restore can itself be undone.
 */
import type { VersionInfo } from '@quire/shared';
import { useCallback, useEffect, useState, type JSX } from 'react';
import type { DocApi } from '../collab/http-api.js';
import { htmlDocument } from './download.js';
import { CopyDocument } from './CopyDocument.js';
import { DeleteDocument } from './DeleteDocument.js';
import { ExportButtons } from './ExportButtons.js';
import { formatAge } from './format-age.js';
import { SaveVersionForm } from './SaveVersionForm.js';

interface Preview {
  version: VersionInfo;
  html: string;
}

const PREVIEW_STYLE =
  '<style>body{font:15px/1.6 Georgia,serif;color:#1f2328;margin:12px}h1,h2,h3{font-family:system-ui,sans-serif}</style>';

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function VersionRow({ version, onPreview }: { version: VersionInfo; onPreview: () => void }): JSX.Element {
  return (
    <li className="q-version">
      <button type="button" className="q-version-open" onClick={onPreview} title="Preview this version">
        <span className="q-version-label">{version.label}</span>
        <span className="q-version-meta" title={new Date(version.createdAt).toLocaleString()}>
          {version.author} · {formatAge(version.createdAt)}
        </span>
      </button>
    </li>
  );
}

function VersionPreview({
  preview,
  canWrite,
  onRestore,
  onClose,
}: {
  preview: Preview;
  canWrite: boolean;
  onRestore: () => void;
  onClose: () => void;
}): JSX.Element {
  const { label } = preview.version;
  return (
    <div className="q-version-preview">
      <div className="q-version-preview-bar">
        <strong title={label}>{label}</strong>
        <button type="button" className="q-button q-button-small" onClick={onClose}>
          Back
        </button>
        {canWrite && (
          <button type="button" className="q-button q-button-primary q-button-small" onClick={onRestore}>
            Restore
          </button>
        )}
      </div>
      {/* Sandboxed without scripts: the HTML is the document's content, not ours. */}
      <iframe title={`Preview of ${label}`} sandbox="" srcDoc={htmlDocument(label, PREVIEW_STYLE + preview.html)} />
    </div>
  );
}

interface VersionsPanelProps {
  api: DocApi;
  /** The page's access token, carried to a copy of the document. */
  token: string | undefined;
  canWrite: boolean;
  onClose: () => void;
}

export function VersionsPanel({ api, token, canWrite, onClose }: VersionsPanelProps): JSX.Element {
  const { versions, preview, notice, save, open, restore, closePreview } = useVersions(api);
  return (
    <aside className="q-panel" aria-label="Versions">
      <div className="q-panel-header">
        <h2>Versions</h2>
        <button type="button" className="q-panel-close" aria-label="Close versions" onClick={onClose}>
          ×
        </button>
      </div>
      {canWrite && <SaveVersionForm onSave={save} />}
      {notice && (
        <p className="q-panel-notice" role="status">
          {notice}
        </p>
      )}
      {preview ? (
        <VersionPreview
          preview={preview}
          canWrite={canWrite}
          onRestore={() => void restore(preview.version)}
          onClose={closePreview}
        />
      ) : (
        <VersionList versions={versions} onPreview={(version) => void open(version)} />
      )}
      <ExportButtons api={api} />
      <CopyDocument api={api} token={token} />
      {canWrite && <DeleteDocument api={api} />}
    </aside>
  );
}

function VersionList({
  versions,
  onPreview,
}: {
  versions: VersionInfo[] | null;
  onPreview: (version: VersionInfo) => void;
}): JSX.Element {
  return (
    <ul className="q-versions" aria-label="Saved versions">
      {versions?.length === 0 && <li className="q-muted">No versions yet.</li>}
      {versions?.map((version) => (
        <VersionRow key={version.id} version={version} onPreview={() => onPreview(version)} />
      ))}
    </ul>
  );
}

/** The versions newest first, the one previewed, and the actions, each ending in a notice. */
function useVersions(api: DocApi) {
  const [versions, setVersions] = useState<VersionInfo[] | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = useCallback(async () => {
    try {
      setVersions([...(await api.listVersions())].reverse());
    } catch (err) {
      setNotice(`Could not load versions: ${messageOf(err)}`);
    }
  }, [api]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const run = async (action: () => Promise<string>): Promise<void> => {
    setNotice(null);
    try {
      setNotice(await action());
    } catch (err) {
      setNotice(`That did not work: ${messageOf(err)}`);
    }
    await refresh();
  };
  return {
    versions,
    preview,
    notice,
    closePreview: () => setPreview(null),
    ...versionActions(api, run, setPreview),
  };
}

function versionActions(
  api: DocApi,
  run: (action: () => Promise<string>) => Promise<void>,
  setPreview: (preview: Preview | null) => void,
) {
  return {
    save: (label: string): Promise<void> => run(async () => `Saved “${(await api.saveVersion(label)).label}”.`),
    open: (version: VersionInfo): Promise<void> =>
      run(async () => {
        setPreview({ version, html: await api.renderVersion(version.id) });
        return '';
      }),
    restore: (version: VersionInfo): Promise<void> =>
      run(async () => {
        const backup = await api.saveVersion(`Before restoring “${version.label}”`);
        await api.restoreVersion(version.id);
        setPreview(null);
        return `Restored “${version.label}”. The text it replaced is saved as “${backup.label}”.`;
      }),
  };
}
