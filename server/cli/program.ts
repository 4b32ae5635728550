import { Command, CommanderError, Help, type Argument, type Option } from 'commander';
import { DomainError } from '../platform/errors.js';
import { CliError, EXIT } from './context.js';
import { registerOpsCommands } from './commands/ops.js';
import { registerInitCommands } from './commands/init.js';
import { registerUserCommands } from './commands/users.js';
import { registerBackupCommands } from './commands/backup.js';
import { registerKeyCommands } from './commands/keys.js';
import { registerExtraCommands } from './commands/index.js';
import { gongkaiVersion } from './version.js';

/** Builds the `gongkai` command tree (exported for tests). */
export function buildProgram(): Command {
  const program = new Command('gongkai').description('公开 Gongkai —— 政府信息公开平台命令行').exitOverride();
  // The help frame in Chinese, like every message a person reads (inherited by every sub-command).
  program
    .version(gongkaiVersion(), '-v, --version', '显示版本号')
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [command]', '显示某个命令的帮助')
    .configureHelp(CHINESE_HELP)
    .configureOutput({ outputError: (str, write) => write(chineseError(str)) });
  registerOpsCommands(program);
  registerInitCommands(program);
  registerUserCommands(program);
  registerBackupCommands(program);
  registerKeyCommands(program);
  registerExtraCommands(program);
  for (const cmd of program.commands) cmd.exitOverride();
  return program;
}

const TITLES: Record<string, string> = {
  'Usage:': '用法：',
  'Options:': '选项：',
  'Commands:': '命令：',
  'Arguments:': '参数：',
  'Global Options:': '全局选项：',
};
const EXTRAS: [RegExp, string][] = [
  [/\bdefault: /g, '默认：'],
  [/\bchoices: /g, '可选值：'],
  [/\bpreset: /g, '预设：'],
  [/\benv: /g, '环境变量：'],
];
/** `(default: 1, env: X)` → `（默认：1，环境变量：X）` */
function chineseExtras(text: string): string {
  return text.replace(/\(([^()]*: [^()]*)\)$/, (_m, inner: string) => {
    let out = inner;
    for (const [re, zh] of EXTRAS) out = out.replace(re, zh);
    return `（${out.replace(/, /g, '，')}）`;
  });
}
const base = new Help();
const CHINESE_HELP = {
  styleTitle: (title: string) => TITLES[title] ?? title,
  commandUsage: (cmd: Command) =>
    base.commandUsage(cmd).replace('[options]', '[选项]').replace('[command]', '[命令]'),
  subcommandTerm: (cmd: Command) =>
    base.subcommandTerm(cmd).replace('[options]', '[选项]').replace('[command]', '[命令]'),
  optionDescription: (option: Option) => chineseExtras(base.optionDescription(option)),
  argumentDescription: (argument: Argument) => chineseExtras(base.argumentDescription(argument)),
};

/** Commander's own error lines, in Chinese (arguments and names stay as typed). */
export function chineseError(line: string): string {
  return line
    .replace(/^error: unknown option '(.*)'/m, "错误：未知选项 '$1'")
    .replace(/^error: unknown command '(.*)'/m, "错误：未知命令 '$1'")
    .replace(/^error: missing required argument '(.*)'/m, "错误：缺少必需的参数 '$1'")
    .replace(/^error: option '(.*)' argument missing/m, "错误：选项 '$1' 缺少取值")
    .replace(/^error: required option '(.*)' not specified/m, "错误：必须指定选项 '$1'")
    .replace(
      /^error: too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)\./m,
      '错误：参数过多（应为 $2 个，实际 $3 个）。',
    )
    .replace(/^\(Did you mean (.*)\?\)$/m, '（是否要输入 $1？）');
}

/** Runs the CLI; bad arguments exit 2, domain errors 1, with Chinese messages and no stack traces. */
export async function runCli(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (
        err.code === 'commander.helpDisplayed' ||
        err.code === 'commander.version' ||
        err.code === 'commander.help'
      )
        return EXIT.ok;
      return EXIT.usage;
    }
    if (err instanceof CliError) {
      console.error(err.message);
      return err.exitCode;
    }
    if (err instanceof DomainError) {
      console.error(`错误：${err.messageZh}（${err.code}）`);
      return EXIT.failure;
    }
    console.error(err);
    return EXIT.failure;
  }
}
