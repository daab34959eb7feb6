/** Shortcut names as people on this platform write them. */
const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function shortcutLabel(keys: string): string {
  if (IS_MAC) return keys.replace('Mod+', '⌘').replace('Alt+', '⌥').replace('Shift+', '⇧');
  return keys.replace('Mod+', 'Ctrl+');
}
