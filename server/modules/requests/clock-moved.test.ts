import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { buildCase, buildOrg, buildRequestEvent } from '../../../test/factories.js';
import { requestCasesClockMoved } from '../../../migrations/20261210_0370_request_cases_clock_moved.js';
import { CLOCK_EVENT_TYPES, movesClock } from './clock-events.js';
import { insertEvents } from './requests.repository.js';

/** Event types a case can have: every clock event and some that only record the handling. */
const TYPES = [...CLOCK_EVENT_TYPES, 'submitted', 'assigned', 'letter_issued', 'signed_off', 'archived'];

/**
 * `request_cases.clock_moved` (migration 20261210_0370): set by the events' insert and, for the history
 * before it, by the migration's backfill — both exactly when a case has an event of
 * CLOCK_CHANGING_EVENT_TYPES (the supervision facts and statistics read events of flagged cases only).
 */
describeEachDialect('request_cases.clock_moved', (getDb, dialect) => {
  it('is set by insertEvents and by the migration backfill for exactly the cases with a clock-changing event', async () => {
    const db = getDb().db;
    const org = buildOrg({ code: 'cm' });
    await db.insertInto('orgs').values(org).execute();
    // One case per event type (a receipt first, as every real case has), and one with nothing after it.
    const cases = [...TYPES, null].map(() => buildCase({ org_id: org.id }));
    await db.insertInto('request_cases').values(cases).execute();
    const events = cases.map((c, i) => [
      buildRequestEvent(c, 1, { type: 'received', date: '2026-03-02', channel: 'in_person' }),
      ...(TYPES[i] ? [buildRequestEvent(c, 2, { type: TYPES[i], date: '2026-03-03' })] : []),
    ]);
    const expected = cases.map((_, i) => (TYPES[i] && movesClock(TYPES[i]) ? 1 : 0));
    const flags = async () => {
      const rows = await db
        .selectFrom('request_cases')
        .select(['id', 'clock_moved'])
        .where('org_id', '=', org.id)
        .execute();
      const byId = new Map(rows.map((r) => [r.id, r.clock_moved]));
      return cases.map((c) => byId.get(c.id));
    };

    // Written through the repository: one statement with several cases' events, as a bulk intake does.
    await insertEvents(db, events.flat());
    expect(await flags()).toEqual(expected);
    expect(expected.filter((f) => f === 1)).toHaveLength(14);

    // The history before the flag: reverting the migration drops it, re-applying it backfills.
    const migration = requestCasesClockMoved(dialect);
    await migration.down!(db);
    await migration.up(db);
    expect(await flags()).toEqual(expected);
  });
});
