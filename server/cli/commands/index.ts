import type { Command } from 'commander';
import { modules } from '../../modules/index.js';

/** Commands contributed by domain modules (each through its module's `cli`). */
export function registerExtraCommands(program: Command): void {
  // `calendar add-workdays` is contributed by calendarModule.cli (server/modules/calendar/calendar.cli.ts).
  // `report check|generate` are contributed by annualReportModule.cli (server/modules/annual-report/annual-report.cli.ts).
  for (const m of modules) m.cli?.(program);
}
