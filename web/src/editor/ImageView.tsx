/**
 * One image of the document as the editor shows it (SPEC: Files (images)): drawn only from
 * an address `displayUrl` allows; while this device still uploads it, marked as uploading;
 * while the server does not have it yet (another person's upload on its way), a placeholder
 * that tries again. With edit rights, a button opens the image's options (alt text, width).
 */
import { useEffect, useState, type JSX } from 'react';

export interface ImageViewProps {
  src: string;
  altText: string;
  width: number | null;
  displayUrl: string | undefined;
  isPending: boolean;
  isEditable: boolean;
  onEdit(): void;
}

/** Tries again after 2 s, then twice as long each time, at most a minute apart. */
const FIRST_RETRY_MS = 2000;
const MAX_RETRY_MS = 60_000;

export function ImageView(props: ImageViewProps): JSX.Element {
  const { altText, width, displayUrl, isPending, isEditable, onEdit } = props;
  const { url, isMissing, setMissing } = useRetriedUrl(displayUrl);
  return (
    <span className="q-image-frame" data-image-state={isPending ? 'uploading' : isMissing ? 'missing' : 'shown'}>
      {url !== undefined && (
        <img
          className="q-image-img"
          src={url}
          alt={altText}
          width={width ?? undefined}
          draggable={false}
          hidden={isMissing}
          onLoad={() => setMissing(false)}
          onError={() => setMissing(true)}
        />
      )}
      {(isMissing || url === undefined) && (
        <span className="q-image-placeholder" role="img" aria-label={altText || 'image'}>
          {url === undefined ? 'Image not available' : 'Image on its way…'}
        </span>
      )}
      {isPending && (
        <span className="q-image-badge" role="status">
          Uploading…
        </span>
      )}
      {isEditable && (
        <button type="button" className="q-image-edit" onClick={onEdit}>
          Image options
        </button>
      )}
    </span>
  );
}

/** The address to load `displayUrl` from, tried again (backing off) while it is missing. */
function useRetriedUrl(displayUrl: string | undefined): {
  url: string | undefined;
  isMissing: boolean;
  setMissing: (isMissing: boolean) => void;
} {
  const [attempt, setAttempt] = useState(0);
  const [isMissing, setMissing] = useState(false);
  useEffect(() => {
    setAttempt(0);
    setMissing(false);
  }, [displayUrl]);
  useEffect(() => {
    if (!isMissing) return;
    const delay = Math.min(FIRST_RETRY_MS * 2 ** attempt, MAX_RETRY_MS);
    const timer = setTimeout(() => setAttempt((n) => n + 1), delay);
    return () => clearTimeout(timer);
  }, [isMissing, attempt]);
  return { url: displayUrl === undefined ? undefined : withAttempt(displayUrl, attempt), isMissing, setMissing };
}

/** Another query for a new try: the browser would otherwise answer from its error. */
function withAttempt(url: string, attempt: number): string {
  if (attempt === 0 || url.startsWith('blob:')) return url;
  return `${url}${url.includes('?') ? '&' : '?'}attempt=${attempt}`;
}
