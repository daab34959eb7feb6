/**
 * Whether `value`'s arrays and objects nest at most `depth` levels; binary data is a leaf.
 * Values nested thousands deep parse from JSON or a Yjs update without trouble, but
 * `JSON.stringify` and Yjs' encoder recurse and overflow the stack on them, so whatever
 * holds one cannot be sent or stored again.
 */
export function nestsWithin(value: unknown, depth: number): boolean {
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return true;
  if (depth === 0) return false;
  return Object.values(value).every((child) => nestsWithin(child, depth - 1));
}
