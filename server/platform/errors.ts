/**
 * Domain errors carry a stable machine-readable code and a Chinese message for users.
 * They are mapped to HTTP (RFC 9457 problem+json) in one place: server/http/plugins/errors.ts.
 */
export type ErrorKind =
  'invalid' | 'not_found' | 'conflict' | 'forbidden' | 'unauthenticated' | 'locked' | 'too_many';

/** A failure described in the domain's words, with a stable code. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly messageZh: string,
    readonly details?: Record<string, unknown>,
    readonly kind: ErrorKind = 'invalid',
  ) {
    super(`${code}: ${messageZh}`);
    this.name = 'DomainError';
  }
}

/** Shorthand for a failed validation naming the field. */
export function invalidField(field: string, code: string, messageZh: string): DomainError {
  return new DomainError(code, messageZh, { field }, 'invalid');
}

/** Shorthand for a missing record. */
export function notFound(what: string, messageZh = '记录不存在'): DomainError {
  return new DomainError('not_found', messageZh, { what }, 'not_found');
}

/** Shorthand for an action the actor may not take. */
export function forbidden(messageZh = '无权执行此操作'): DomainError {
  return new DomainError('forbidden', messageZh, undefined, 'forbidden');
}

/** Shorthand for a state conflict (wrong workflow state, duplicate). */
export function conflict(code: string, messageZh: string, details?: Record<string, unknown>): DomainError {
  return new DomainError(code, messageZh, details, 'conflict');
}
