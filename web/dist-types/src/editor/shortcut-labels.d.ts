export declare function shortcutLabel(keys: string): string;
