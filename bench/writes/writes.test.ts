import { describe, expect, it } from 'vitest';
import { validateIdCard } from '../../server/platform/validation/id-card.js';
import { wrkScript } from '../lib/wrk.js';
import { residentId } from './writes.bench.js';

describe('benchmark inputs', () => {
  it('makes resident ID numbers the intake validation accepts, all different', () => {
    const ids = Array.from({ length: 500 }, (_, i) => residentId(i));
    for (const id of ids) expect(validateIdCard(id, { today: '2026-11-23' }).ok).toBe(true);
    expect(new Set(ids.slice(0, 20)).size).toBe(20);
  });

  it('writes a wrk script with random client addresses and the given paths', () => {
    const script = wrkScript(['/items/a', '/search?q=%E5%AE%89']);
    expect(script).toContain('"/items/a",');
    expect(script).toContain('X-Forwarded-For');
    expect(wrkScript()).toContain('local paths = nil');
  });
});
