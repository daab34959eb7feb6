import type { JSX } from 'react';
/** Behaviour of the document content: lists, links, Markdown and keyboard shortcuts. */
export declare function ContentPlugins(): JSX.Element;
