/**
 * Browser origin checks (SPEC: Access; PITFALLS: cross-site WebSocket hijacking). A
 * request without an Origin header is not from a browser page and passes (tokens still
 * apply). A browser request passes when it comes from the server's own host or from an
 * origin listed in --allowed-origins.
 */
export function isOriginAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowedOrigins: readonly string[],
): boolean {
  if (origin === undefined) return true;
  if (allowedOrigins.includes(origin)) return true;
  try {
    return host !== undefined && new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}
