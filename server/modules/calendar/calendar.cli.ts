/**
 * `gongkai calendar add-workdays <date> <n>`. Uses the admin-entered schedules when a database is
 * configured (DATABASE_URL, or an existing SQLite file in DATA_DIR); otherwise the built-in data only.
 * Output and exit codes are runAddWorkdays' (0 ok, 2 bad arguments, 3 estimated).
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { ConfigError, loadConfig, type Config } from '../../config.js';
import { buildContainer } from '../../container.js';
import { runAddWorkdays, type CommandResult } from '../../platform/calendar/add-workdays-command.js';
import { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import { CliError, EXIT } from '../../cli/context.js';
import { loadWorkCalendar } from './calendar.service.js';

/** The configuration, or null when no database has been set up (nothing to read overrides from). */
function configuredDatabase(env: NodeJS.ProcessEnv): Config | null {
  let config: Config;
  try {
    // A placeholder secret: this read-only command must not create DATA_DIR/session-secret as a side effect.
    config = loadConfig({ ...env, SESSION_SECRET: env.SESSION_SECRET || 'calendar-cli-'.padEnd(32, '-') });
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(err.message, EXIT.config);
    throw err;
  }
  if (config.database.kind === 'postgres') return config;
  return config.database.file !== ':memory:' && existsSync(config.database.file) ? config : null;
}

/** The calendar the command should use: with overrides from the configured database, else built-in. */
export async function cliWorkCalendar(env: NodeJS.ProcessEnv = process.env): Promise<WorkCalendar> {
  const config = configuredDatabase(env);
  if (!config) return new WorkCalendar();
  // No migration from a calculator: an un-migrated database is an operator problem to report.
  const container = await buildContainer(config, { migrate: false });
  try {
    return await loadWorkCalendar(container.ctx);
  } catch {
    throw new CliError('无法读取数据库中的放假安排，请先运行 gongkai migrate', EXIT.failure);
  } finally {
    await container.close();
  }
}

function finish(result: CommandResult): void {
  if (result.stdout.length) console.log(result.stdout.join('\n'));
  if (result.exitCode !== 0) throw new CliError('', result.exitCode);
}

export function registerCalendarCommands(program: Command): void {
  const calendar = program.command('calendar').description('工作日历');
  calendar
    .command('add-workdays')
    .description(
      '计算某日之后第 n 个工作日（起算日不计入）；涉及尚未发布放假安排的年份时仍打印预估日期并以 3 退出。' +
        '已配置数据库时包含管理员录入的放假安排',
    )
    .argument('<date>', '起算日期 YYYY-MM-DD')
    .argument('<n>', '工作日数')
    .action(async (date: string, n: string) => {
      // Bad arguments need no database: answer them first.
      const pure = runAddWorkdays([date, n], new WorkCalendar([], { holidays: {}, workdays: {} }));
      if (pure.exitCode === EXIT.usage) return finish(pure);
      finish(runAddWorkdays([date, n], await cliWorkCalendar()));
    });
}
