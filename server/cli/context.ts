import { ConfigError, loadConfig } from '../config.js';
import { buildContainer, type Container } from '../container.js';

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, failure: 1, usage: 2, estimated: 3, config: 78 } as const;

/** A failure to report in Chinese with a chosen exit code (no stack trace for expected problems). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
  ) {
    super(message);
  }
}

/** Opens the configured database (migrated) for one command and always closes it. */
export async function withContainer<T>(work: (c: Container) => Promise<T>): Promise<T> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(err.message, EXIT.config);
    throw err;
  }
  const container = await buildContainer(config);
  try {
    return await work(container);
  } finally {
    await container.close();
  }
}
