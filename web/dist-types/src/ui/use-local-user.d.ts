import { type LocalUser } from '../collab/local-user.js';
/** The remembered name and colour, with a setter that also remembers the change. */
export declare function useLocalUser(): [LocalUser, (user: LocalUser) => void];
