/**
 * The worker's job for letters issued without their file (an intake's 受理回执 and other letters not
 * sent at once): renders each from the snapshot stored when it was issued (`render_input`: template,
 * values, number, date) and stores the .docx, so registering a case stays a few inserts while the file
 * is ready by the time someone downloads it. A download before the worker got to it renders it then
 * (letterBytes); both give the same file, and whichever stores first wins (the update only fills an
 * empty letter).
 *
 * Runs from the module's `worker` hook (`gongkai worker`, or the server unless ROLE=web). One run renders
 * letters oldest first for at most `budgetMs`, yielding to the event loop after each, so a server that
 * also runs the worker keeps answering requests while a backlog drains.
 */
import { setImmediate } from 'node:timers/promises';
import { inTransaction, type Ctx } from '../../platform/context.js';
import type { LetterRenderInput } from './case-writes.js';
import { buildLetterDocx } from './letters.js';
import * as repo from './requests.repository.js';

export async function renderPendingLetters(
  ctx: Ctx,
  opts: { budgetMs?: number; batch?: number } = {},
): Promise<number> {
  const budgetMs = opts.budgetMs ?? 1_000;
  const batch = opts.batch ?? 50;
  const deadline = performance.now() + budgetMs;
  let rendered = 0;
  for (;;) {
    const pending = await repo.unrenderedLetters(ctx.db, batch);
    for (const letter of pending) {
      const built = await buildLetterDocx(JSON.parse(letter.render_input!) as LetterRenderInput);
      await inTransaction(ctx, (trx) =>
        repo.storeLetterContent(
          trx,
          letter.id,
          built.bytes.toString('base64'),
          built.bytes.length,
          built.sha256,
        ),
      );
      rendered++;
      await setImmediate();
      if (performance.now() > deadline) return rendered;
    }
    if (pending.length < batch) return rendered;
  }
}
