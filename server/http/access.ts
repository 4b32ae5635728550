import type { Permission } from '../modules/users/roles.js';

/**
 * Every route declares who may call it in `config.access`; a route without one is refused (deny by
 * default) and fails the route-inventory test.
 */
export type Access =
  { public: true } | { authenticated: true; allowPendingPasswordChange?: boolean } | { anyOf: Permission[] };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}

export const PUBLIC: Access = { public: true };
export const SIGNED_IN: Access = { authenticated: true };
/** Shorthand: any of these permissions. */
export const needs = (...anyOf: Permission[]): Access => ({ anyOf });
