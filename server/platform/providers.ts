/**
 * Swappable implementations ("providers"): a module provides an implementation under a key in its
 * `wire(c)`; other code reads it through the container (`c.providers.get('key')`) or, in services, through
 * `ctx.providers`. Tests swap one by passing `buildContainer(config, { providers: { key: fake } })`, which
 * is applied after the modules are wired. Nothing is provided at import time.
 *
 * Keys and their types are declared by augmenting `Providers`:
 *
 * ```ts
 * declare module '../../platform/providers.js' {
 *   interface Providers { 'annualReport.sources': ReportSources }
 * }
 * ```
 */

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface Providers {}

export type ProviderKey = Extract<keyof Providers, string>;

export interface ProviderRegistry {
  /** Provides (or replaces) the implementation of `key`. */
  provide<K extends ProviderKey>(key: K, implementation: Providers[K]): void;
  /** The implementation of `key`; throws when nothing provides it (a wiring mistake, not a user error). */
  get<K extends ProviderKey>(key: K): Providers[K];
  /** The implementation of `key`, or undefined. */
  find<K extends ProviderKey>(key: K): Providers[K] | undefined;
  keys(): ProviderKey[];
}

export function createProviderRegistry(): ProviderRegistry {
  const map = new Map<string, unknown>();
  return {
    provide(key, implementation) {
      map.set(key, implementation);
    },
    get(key) {
      if (!map.has(key)) throw new Error(`no provider for "${key}" (is its module wired in container.ts?)`);
      return map.get(key) as Providers[typeof key];
    },
    find(key) {
      return map.get(key) as Providers[typeof key] | undefined;
    },
    keys() {
      return [...map.keys()] as ProviderKey[];
    },
  };
}
