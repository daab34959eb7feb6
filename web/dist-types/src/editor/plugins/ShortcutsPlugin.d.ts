export declare function ShortcutsPlugin(): null;
