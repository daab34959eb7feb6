import type { DocInfo } from '@quire/shared';
import type { JSX } from 'react';
import { formatAge } from './format-age.js';
import { docHref } from './routes.js';

// The rows of the start page, filtered by what is typed in the name box.

/** Whether a document name contains what was typed (any case); nothing typed matches all. */
function matches(docName: string, typed: string): boolean {
  return docName.toLowerCase().includes(typed.trim().toLowerCase());
}

/** What the list says when the typed name filtered every row out. */
function NoMatch({ typed }: { typed: string }): JSX.Element {
  return <p className="q-empty">No document matches “{typed.trim()}”. Press New document to start it.</p>;
}

export function DocRows({ docs, typed }: { docs: DocInfo[]; typed: string }): JSX.Element {
  if (docs.length === 0) {
    return <p className="q-empty">No documents yet. Name one above and start writing.</p>;
  }
  const shown = docs.filter((doc) => matches(doc.name, typed));
  if (shown.length === 0) return <NoMatch typed={typed} />;
  return (
    <ul className="q-doc-list">
      {shown.map((doc) => (
        <li key={doc.name}>
          <a href={docHref(doc.name)} className="q-doc-row">
            <span className="q-doc-name">{doc.name}</span>
            <span className="q-doc-meta" title={new Date(doc.updatedAt).toLocaleString()}>
              Edited {formatAge(doc.updatedAt)}
            </span>
          </a>
        </li>
      ))}
    </ul>
  );
}

/** Without the server, the documents this device keeps a copy of, which open and can be edited. */
export function DeviceDocRows({ docNames, typed }: { docNames: string[]; typed: string }): JSX.Element {
  const shown = docNames.filter((docName) => matches(docName, typed));
  return (
    <>
      <p className="q-notice q-notice-info q-list-notice" role="status">
        The server cannot be reached. Documents kept on this device still open and can be edited; your changes are sent
        when the connection is back.
      </p>
      {docNames.length === 0 && <p className="q-empty">No documents are kept on this device.</p>}
      {docNames.length > 0 && shown.length === 0 && <NoMatch typed={typed} />}
      {shown.length > 0 && (
        <ul className="q-doc-list" aria-label="Documents on this device">
          {shown.map((name) => (
            <li key={name}>
              <a href={docHref(name)} className="q-doc-row">
                <span className="q-doc-name">{name}</span>
                <span className="q-doc-meta">On this device</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
