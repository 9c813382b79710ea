import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id with the library's defaults (memory-hard, ~50 ms here): slow enough to make offline
 * guessing expensive, fast enough for a login. The hash string carries its own parameters and salt.
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Verified against when the username does not exist, so a login for an unknown name costs the same
// time as a wrong password and response timing does not reveal which usernames exist.
let dummyHash: Promise<string> | null = null;

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (passwordHash === null) {
    dummyHash ??= hash('warden-dummy-password-for-timing');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed stored hash never authenticates
  }
}

export const MIN_PASSWORD_LENGTH = 8;
