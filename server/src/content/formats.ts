/**
 * The formats a document renders to (SPEC: HTTP, `?format=`). Apart from render.ts so the
 * HTTP layer can check a format without loading headless Lexical and happy-dom on the main
 * thread: conversions run on worker threads, and an idle server stays small.
 */
export const RENDER_FORMATS = ['json', 'text', 'markdown', 'html'] as const;
export type RenderFormat = (typeof RENDER_FORMATS)[number];
