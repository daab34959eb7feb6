import { useState, type JSX } from 'react';
import type { DocApi, ExportFormat } from '../collab/http-api.js';
import { downloadFile, exportFileName, htmlDocument } from './download.js';
import { FormError } from './FormError.js';

/** Export to Markdown and HTML (SPEC: Web): the server renders, the browser downloads. */
export function ExportButtons({ api }: { api: DocApi }): JSX.Element {
  const [error, setError] = useState<string | null>(null);
  const exportAs = async (format: ExportFormat): Promise<void> => {
    setError(null);
    try {
      const body = await api.exportAs(format);
      const text = format === 'html' ? htmlDocument(api.docName, body) : body;
      downloadFile(exportFileName(api.docName, format), text, format);
    } catch (err) {
      setError(`Export failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  return (
    <div className="q-export" role="group" aria-label="Export">
      <span className="q-panel-label">Export</span>
      <button type="button" className="q-button q-button-small" onClick={() => void exportAs('markdown')}>
        Markdown
      </button>
      <button type="button" className="q-button q-button-small" onClick={() => void exportAs('html')}>
        HTML
      </button>
      <FormError message={error} />
    </div>
  );
}
