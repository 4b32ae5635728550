import { DomainError } from './errors.js';

/**
 * What a pure rule (no I/O) throws when its input breaks it: a stable code, a Chinese message, and the
 * field at fault. Rules stay free of HTTP and database types; `rule()` turns the violation into a
 * DomainError at the use-case edge.
 */
export class RuleViolation extends Error {
  constructor(
    readonly code: string,
    readonly messageZh: string,
    readonly field?: string,
  ) {
    super(`${code}: ${messageZh}`);
  }
}

/** Runs a pure rule and turns its violation into a DomainError with the field named. */
export function rule<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof RuleViolation)
      throw new DomainError(err.code, err.messageZh, err.field ? { field: err.field } : undefined);
    throw err;
  }
}
