import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { json, mockFetch, PERMS } from '../../test/helpers';
import { ItemsPage } from './ItemsPage';
import { COLUMNS, item, WithAuth } from './testFixtures';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('item list', () => {
  it('filters by year and asks the server for that year', async () => {
    const published = item({ id: 'p1', status: 'published', publishedOn: '2025-06-01', working: null });
    const { calls } = mockFetch({
      'GET /api/catalog/columns': () => json(200, { columns: COLUMNS }),
      'GET /api/catalog/items': (c) => {
        const year = new URL(c.url, 'http://x').searchParams.get('year');
        const items = year === '2025' ? [published] : [item(), published];
        return json(200, { items, total: items.length, page: 1, pageSize: 20 });
      },
    });
    render(
      <WithAuth perms={PERMS.clerk}>
        <ItemsPage />
      </WithAuth>,
    );
    expect(await screen.findByText('共 2 条')).toBeTruthy();
    fireEvent.mouseDown(screen.getByLabelText('年份'));
    fireEvent.click(await screen.findByTitle('2025年'));
    expect(await screen.findByText('共 1 条')).toBeTruthy();
    await waitFor(() => {
      const last = calls.filter((c) => c.url.startsWith('/api/catalog/items')).at(-1)!;
      expect(new URL(last.url, 'http://x').searchParams.get('year')).toBe('2025');
    });
    // The year list runs from this year back to 2008 (the 条例 took effect).
    expect(screen.getByTitle(`${new Date().getFullYear()}年`)).toBeTruthy();
  });
});
