/**
 * E-mail comparison key: ASCII letters lower-cased, every other character kept exactly.
 *
 * Why not `toLowerCase()`: it folds non-ASCII too, so `Kim@…` written with U+212A KELVIN SIGN becomes
 * `kim@…` and a look-alike account would match the spec's member. IBM Cloud treats addresses
 * case-insensitively in ASCII; anything beyond that is compared exactly (and lint warns about non-ASCII
 * addresses, QG143). Not for display: show the address as written.
 */
export function foldEmail(email: string): string {
  return email.replace(/[A-Z]+/g, (s) => s.toLowerCase());
}

/** True when the address holds any character outside ASCII (compared exactly, see `foldEmail`). */
export function isNonAsciiEmail(email: string): boolean {
  for (let i = 0; i < email.length; i++) if (email.charCodeAt(i) > 0x7f) return true;
  return false;
}
