import { useState } from 'react';
import { loadLocalUser, saveLocalUser, type LocalUser } from '../collab/local-user.js';

/** The remembered name and colour, with a setter that also remembers the change. */
export function useLocalUser(): [LocalUser, (user: LocalUser) => void] {
  const [user, setUser] = useState(loadLocalUser);
  const update = (next: LocalUser): void => {
    saveLocalUser(next);
    setUser(next);
  };
  return [user, update];
}
