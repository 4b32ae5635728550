import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LocalDiskStorage } from './storage.js';

describe('LocalDiskStorage', () => {
  const store = new LocalDiskStorage(mkdtempSync(path.join(tmpdir(), 'gk-store-')));
  it('stores, reads, hashes and deletes', async () => {
    const f = await store.put('catalog/org1', Buffer.from('你好'));
    expect(f.key).toMatch(/^catalog\/org1\/[0-9a-f-]{36}$/);
    expect(f.sizeBytes).toBe(6);
    expect(f.sha256).toHaveLength(64);
    expect((await store.get(f.key)).toString()).toBe('你好');
    expect(await store.exists(f.key)).toBe(true);
    await store.delete(f.key);
    expect(await store.exists(f.key)).toBe(false);
  });
  it('refuses keys and prefixes that escape the root', async () => {
    await expect(store.get('../etc/passwd')).rejects.toThrow(/Invalid storage key/);
    await expect(store.get('catalog/../../x')).rejects.toThrow(/Invalid storage key/);
    await expect(store.put('../x', Buffer.from('a'))).rejects.toThrow(/Invalid storage prefix/);
  });
});
