/**
 * The local user's display name and caret colour, remembered in localStorage so a
 * person keeps the same identity across documents and reloads (issue 3).
 */
export interface LocalUser {
    name: string;
    color: string;
}
export declare const MAX_USER_NAME_LENGTH = 40;
/** Distinct, readable on white, and dark enough for white text on the name flag. */
export declare const USER_COLORS: readonly ["#d9480f", "#2b8a3e", "#1971c2", "#9c36b5", "#c2255c", "#0b7285", "#5f3dc4", "#a61e4d", "#e67700", "#364fc7"];
export declare function normalizeUserName(raw: string): string;
export declare function loadLocalUser(storage?: Storage): LocalUser;
export declare function saveLocalUser(user: LocalUser, storage?: Storage): void;
