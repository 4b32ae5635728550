/**
 * The typed in-process event bus. One bus per container (server/container.ts builds it and hands it to
 * every module's `wire(c)`); nothing subscribes at import time, so two apps in one process (tests) never
 * see each other's listeners.
 *
 * Modules declare their events by augmenting `DomainEvents` (payload types) and, when handlers answer
 * something the publisher collects, `DomainEventResults`:
 *
 * ```ts
 * declare module '../../platform/events.js' {
 *   interface DomainEvents { 'catalog.itemPublished': PublishedItemEvent }
 *   interface DomainEventResults { 'calendar.changed': CalendarChangeReport }
 * }
 * ```
 *
 * Delivery: `publish` awaits the handlers one after another in subscription order. When the payload
 * carries a transaction ctx (`{ ...ctx, db: trx }`), handlers run inside the publisher's transaction; a
 * handler that throws rejects `publish` (so the publisher's transaction rolls back — nothing half-done).
 * Events published after a commit (e.g. `org.changed`) carry no transaction.
 */

/** Event name → payload. Augmented by modules (declaration merging); the platform declares its own here. */
export interface DomainEvents {
  /** An organisation was created, changed or retired (published after the commit). */
  'org.changed': { orgId: string; change: 'created' | 'updated' | 'retired' };
}

/** Event name → what a handler may answer (collected by `publish`). Augmented by modules. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface DomainEventResults {}

export type EventName = Extract<keyof DomainEvents, string>;
export type EventResult<K extends EventName> = K extends keyof DomainEventResults
  ? DomainEventResults[K]
  : never;
export type EventHandler<K extends EventName> = (
  payload: DomainEvents[K],
) => Promise<EventResult<K> | void> | EventResult<K> | void;

export interface EventBus {
  /**
   * Subscribes `handler` to `event` under a subscriber name (usually the module's name). Subscribing the
   * same name again replaces the handler. Returns an unsubscribe function.
   */
  subscribe<K extends EventName>(event: K, subscriber: string, handler: EventHandler<K>): () => void;
  /** Delivers to every subscriber in order; resolves with the answers handlers gave (by subscriber). */
  publish<K extends EventName>(
    event: K,
    payload: DomainEvents[K],
  ): Promise<{ subscriber: string; result: EventResult<K> }[]>;
  /** Subscriber names of an event, in delivery order (diagnostics, tests). */
  subscribers(event: EventName): string[];
}

export function createEventBus(): EventBus {
  const handlers = new Map<string, Map<string, (payload: unknown) => unknown>>();
  return {
    subscribe(event, subscriber, handler) {
      let byName = handlers.get(event);
      if (!byName) handlers.set(event, (byName = new Map<string, (payload: unknown) => unknown>()));
      const h = handler as (payload: unknown) => unknown;
      byName.set(subscriber, h);
      return () => {
        if (byName.get(subscriber) === h) byName.delete(subscriber);
      };
    },
    async publish<K extends EventName>(event: K, payload: DomainEvents[K]) {
      const results: { subscriber: string; result: EventResult<K> }[] = [];
      for (const [subscriber, handler] of [...(handlers.get(event) ?? [])]) {
        const result = (await handler(payload)) as EventResult<K> | undefined;
        if (result !== undefined) results.push({ subscriber, result });
      }
      return results;
    },
    subscribers(event) {
      return [...(handlers.get(event)?.keys() ?? [])];
    },
  };
}
