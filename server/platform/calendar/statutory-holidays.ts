/**
 * The statutory public holidays of 《全国年节及纪念日放假办法》 (as amended by 国务院令第795号, in force
 * 2025-01-01): 元旦 1 day, 春节 4 days (农历除夕、正月初一至初三), 清明节 1 day (the 清明 solar term),
 * 劳动节 2 days (5月1日、2日), 端午节 1 day (农历五月初五), 中秋节 1 day (农历八月十五), 国庆节 3 days
 * (10月1日至3日). Lunar dates and 清明 come from tyme4ts. These are the days off every year has; the
 * State Council's yearly notice adds bridging days and 调休 working weekends, which cannot be predicted,
 * so a calendar built from these alone is an estimate ("预估") until the notice is entered.
 */
import { LunarDay, SolarTerm, type SolarDay } from 'tyme4ts';

export interface StatutoryHoliday {
  date: string;
  name: string;
}

const iso = (d: SolarDay): string =>
  `${d.getYear()}-${String(d.getMonth()).padStart(2, '0')}-${String(d.getDay()).padStart(2, '0')}`;

const cache = new Map<number, StatutoryHoliday[]>();

/** The statutory holidays falling in a Gregorian year, in date order. */
export function statutoryHolidays(year: number): StatutoryHoliday[] {
  const hit = cache.get(year);
  if (hit) return hit;
  const out: StatutoryHoliday[] = [{ date: `${year}-01-01`, name: '元旦' }];
  // 春节 of this Gregorian year: 除夕 is the day before 正月初一 (it may fall in January).
  const springFestival = LunarDay.fromYmd(year, 1, 1).getSolarDay();
  const springNames = ['除夕', '春节（正月初一）', '春节（正月初二）', '春节（正月初三）'];
  springNames.forEach((name, i) => out.push({ date: iso(springFestival.next(i - 1)), name }));
  out.push({ date: iso(SolarTerm.fromName(year, '清明').getJulianDay().getSolarDay()), name: '清明节' });
  out.push({ date: `${year}-05-01`, name: '劳动节' }, { date: `${year}-05-02`, name: '劳动节' });
  out.push({ date: iso(LunarDay.fromYmd(year, 5, 5).getSolarDay()), name: '端午节' });
  out.push({ date: iso(LunarDay.fromYmd(year, 8, 15).getSolarDay()), name: '中秋节' });
  for (const d of ['01', '02', '03']) out.push({ date: `${year}-10-${d}`, name: '国庆节' });
  // 除夕 of the next lunar year can fall on 12-31 only in theory; keep only this year's dates.
  const list = out.filter((h) => h.date.startsWith(`${year}-`)).sort((a, b) => a.date.localeCompare(b.date));
  cache.set(year, list);
  return list;
}

/** The statutory holiday on a date, if any. */
export function statutoryHolidayOn(date: string): StatutoryHoliday | undefined {
  return statutoryHolidays(Number(date.slice(0, 4))).find((h) => h.date === date);
}
