import type { JSX } from 'react';
import type { AccessProblem } from '../collab/connection-status.js';

const NOTICES: Record<AccessProblem, { title: string; hint: string }> = {
  expired: {
    title: 'Your access expired — reload with a new link',
    hint: 'Ask whoever shared this document for a fresh link. Nothing more will be saved from this page.',
  },
  deleted: {
    title: 'This document was deleted',
    hint: 'Its text is no longer stored on the server.',
  },
  missing: {
    title: "This document doesn't exist yet",
    hint: 'Your link can only view it. Someone who can edit has to open it first.',
  },
  denied: {
    title: "You don't have access to this document",
    hint: 'The link may be for another document, or no longer valid. Ask whoever shared it for a new one.',
  },
  refused: {
    title: 'The server refused changes made on this device',
    hint:
      'They stay on this device and nothing more is sent from this page. Someone else may have left unsent changes ' +
      'in this browser: open the document with your own link in a private window or another browser, or ask them ' +
      'to open it here with theirs.',
  },
};

/** Why the document stopped (issue 5): shown above the editor, or instead of it. */
export function AccessNotice({ problem }: { problem: AccessProblem }): JSX.Element {
  const notice = NOTICES[problem];
  return (
    <div className="q-notice" role="alert" data-problem={problem}>
      <strong className="q-notice-title">{notice.title}</strong>
      <span className="q-notice-hint">{notice.hint}</span>
    </div>
  );
}
