import type { JSX } from 'react';
import type { CollabStatus } from '../collab/connection-status.js';
/** Connection and save state (issue 3). The data attributes let tests wait on them. */
export declare function StatusBadge({ status }: {
    status: CollabStatus;
}): JSX.Element;
