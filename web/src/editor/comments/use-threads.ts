import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { readThreads, type ThreadState } from '@quire/shared/comments';

/**
 * The document's comment threads, kept current: any change (a comment, or text that moves
 * or removes an anchor) is read again once per animation frame, however many arrive.
 */
export function useThreads(doc: Y.Doc): ThreadState[] {
  const [threads, setThreads] = useState<ThreadState[]>(() => readThreads(doc));
  useEffect(() => {
    let frame = 0;
    const read = (): void => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => setThreads(readThreads(doc)));
    };
    read();
    doc.on('update', read);
    return () => {
      cancelAnimationFrame(frame);
      doc.off('update', read);
    };
  }, [doc]);
  return threads;
}

/** Open threads (not resolved), for the count in the header. */
export function useOpenThreadCount(doc: Y.Doc): number {
  return useThreads(doc).filter((thread) => !thread.resolved).length;
}
