import { type JSX } from 'react';
export declare function formatAge(iso: string, now?: number): string;
/** `/`: every document on this server, newest first, and a way to start a new one. */
export declare function DocumentList(): JSX.Element;
