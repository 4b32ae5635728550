import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { buildContainer } from '../container.js';
import { openDatabase } from '../db/database.js';
import type { GongkaiModule } from '../modules/module.js';
import { createEventBus } from './events.js';
import { createProviderRegistry } from './providers.js';

declare module './events.js' {
  interface DomainEvents {
    'test.pinged': { n: number };
  }
  interface DomainEventResults {
    'test.pinged': string;
  }
}
declare module './providers.js' {
  interface Providers {
    'test.greeter': { greet(name: string): string };
  }
}

describe('event bus', () => {
  it('delivers in subscription order, collects answers, replaces a subscriber by name, unsubscribes', async () => {
    const bus = createEventBus();
    const seen: string[] = [];
    bus.subscribe('test.pinged', 'a', ({ n }) => void seen.push(`a${n}`));
    const offB = bus.subscribe('test.pinged', 'b', async ({ n }) => `b${n}`);
    bus.subscribe('test.pinged', 'a', ({ n }) => {
      seen.push(`a'${n}`);
      return `a${n}`;
    });
    expect(await bus.publish('test.pinged', { n: 1 })).toEqual([
      { subscriber: 'a', result: 'a1' },
      { subscriber: 'b', result: 'b1' },
    ]);
    expect(seen).toEqual(["a'1"]);
    offB();
    expect(bus.subscribers('test.pinged')).toEqual(['a']);
  });

  it('rejects publish when a handler throws (the publisher rolls back)', async () => {
    const bus = createEventBus();
    bus.subscribe('test.pinged', 'x', () => {
      throw new Error('refused');
    });
    await expect(bus.publish('test.pinged', { n: 1 })).rejects.toThrow('refused');
  });

  it('providers: get throws for a missing key, provide replaces', () => {
    const p = createProviderRegistry();
    expect(() => p.get('test.greeter')).toThrow(/no provider/);
    p.provide('test.greeter', { greet: (n) => `你好，${n}` });
    expect(p.get('test.greeter').greet('张三')).toBe('你好，张三');
    expect(p.keys()).toEqual(['test.greeter']);
  });
});

describe('container wiring', () => {
  const config = loadConfig({
    DATA_DIR: '/tmp/gongkai-test',
    SESSION_SECRET: 'test-secret-test-secret-test-secret-1234',
    LOG_LEVEL: 'silent',
    DATABASE_URL: 'sqlite::memory:',
  });
  const greeterModule: GongkaiModule = {
    name: 'greeter',
    wire(c) {
      c.providers.provide('test.greeter', { greet: (n) => `hello ${n}` });
      c.events.subscribe('org.changed', 'greeter', () => undefined);
    },
  };

  it('wires each container separately and applies test replacements after the modules', async () => {
    const one = await buildContainer(config, {
      database: openDatabase({ kind: 'sqlite', file: ':memory:' }),
      migrate: false,
      modules: [greeterModule],
    });
    const two = await buildContainer(config, {
      database: openDatabase({ kind: 'sqlite', file: ':memory:' }),
      migrate: false,
      modules: [greeterModule],
      providers: { 'test.greeter': { greet: (n) => `fake ${n}` } },
    });
    expect(one.providers.get('test.greeter').greet('a')).toBe('hello a');
    expect(two.providers.get('test.greeter').greet('a')).toBe('fake a');
    expect(one.ctx.events).toBe(one.events);
    expect(one.ctx.providers).toBe(one.providers);
    expect(one.events).not.toBe(two.events);
    expect(one.events.subscribers('org.changed')).toEqual(['greeter']);
    await one.close();
    await two.close();
  });
});
