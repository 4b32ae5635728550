import { Command, CommanderError } from 'commander';
import { DomainError } from '../platform/errors.js';
import { CliError, EXIT } from './context.js';
import { registerOpsCommands } from './commands/ops.js';
import { registerInitCommands } from './commands/init.js';
import { registerUserCommands } from './commands/users.js';
import { registerExtraCommands } from './commands/index.js';

/** Builds the `gongkai` command tree (exported for tests). */
export function buildProgram(): Command {
  const program = new Command('gongkai').description('公开 Gongkai —— 政府信息公开平台命令行').exitOverride();
  program.configureOutput({ outputError: (str, write) => write(str) });
  registerOpsCommands(program);
  registerInitCommands(program);
  registerUserCommands(program);
  registerExtraCommands(program);
  for (const cmd of program.commands) cmd.exitOverride();
  return program;
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
