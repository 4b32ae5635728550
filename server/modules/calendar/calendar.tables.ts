/**
 * Tables of the calendar module (Kysely row types).
 *
 * The working-day calendar is one national calendar (国务院办公厅's yearly holiday notice applies to every
 * agency), so unlike business rows these rows carry no `org_id`: they are platform-wide and editable by
 * anyone holding `calendar.manage`.
 */
export interface CalendarYearsTable {
  /** The year the 国办 notice is for (primary key). */
  year: number;
  /** JSON array of `YYYY-MM-DD`: days off (放假), including weekend days inside a holiday block. */
  holidays: string;
  /** JSON array of `YYYY-MM-DD`: 调休 working weekends (上班的周六、周日). */
  adjusted_workdays: string;
  /** JSON object date → holiday name (春节 …); `{}` when none given. */
  holiday_names: string;
  /** Where the schedule comes from, e.g. 《国务院办公厅关于2027年部分节假日安排的通知》（国办发明电〔2026〕X号）. */
  source: string;
  /** Free remark by the admin (why it was corrected …). */
  note: string | null;
  updated_by: string | null;
  updated_by_name: string;
  created_at: string;
  updated_at: string;
}

/**
 * One row (id = 1) whose `revision` grows with every schedule change, in the same transaction. Each
 * process caches its WorkCalendar per revision, so a change made by another process (web vs worker,
 * several web instances) is picked up on the next read.
 */
export interface CalendarStateTable {
  id: number;
  revision: number;
}

export interface CalendarTables {
  calendar_years: CalendarYearsTable;
  calendar_state: CalendarStateTable;
}

/** The tables this module owns: only its repository builds queries on them; other modules call its exported functions. */
export const OWNED_TABLES = [
  'calendar_years',
  'calendar_state',
] as const satisfies readonly (keyof CalendarTables)[];
