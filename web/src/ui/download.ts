import type { ExportFormat } from '../collab/http-api.js';

const EXTENSIONS: Record<ExportFormat, string> = { markdown: 'md', html: 'html' };
const TYPES: Record<ExportFormat, string> = {
  markdown: 'text/markdown;charset=utf-8',
  html: 'text/html;charset=utf-8',
};

/** A file name from a document name: `team/notes` → `team-notes.md`. */
export function exportFileName(docName: string, format: ExportFormat): string {
  const base = docName.replace(/[\\/:*?"<>|\s]+/g, '-').replace(/^-+|-+$/g, '') || 'document';
  return `${base}.${EXTENSIONS[format]}`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The server renders HTML as a fragment; a downloaded file should open on its own. */
export function htmlDocument(title: string, fragment: string): string {
  return `<!doctype html>\n<html>\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(title)}</title>\n</head>\n<body>\n${fragment}\n</body>\n</html>\n`;
}

/** Saves `text` as a file through the browser's normal download flow. */
export function downloadFile(fileName: string, text: string, format: ExportFormat): void {
  const url = URL.createObjectURL(new Blob([text], { type: TYPES[format] }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by now; the URL is not needed after this task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
