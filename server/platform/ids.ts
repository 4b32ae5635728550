import { v7 } from 'uuid';
import { randomBytes, createHash } from 'node:crypto';

/** Time-ordered UUIDv7: unique across processes, index-friendly. */
export function newId(): string {
  return v7();
}

/** A URL-safe random token (session cookies, query codes). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Hex sha256 of a string. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
