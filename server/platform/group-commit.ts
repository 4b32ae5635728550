/**
 * Group commit for SQLite: concurrent `inTransaction` calls share one real transaction, so one fsync
 * covers many of them. With `synchronous = FULL` every COMMIT waits for the disk (≈ 330 commits/s on
 * the benchmark machine); sharing it is what makes ≥ 1,000 durable submissions/s possible
 * (docs/perf/writes.md).
 *
 * - Calls are queued. The batch starts after one turn of the event loop (or `windowMs`), so requests
 *   that arrived together — and the reads they do before their transaction — are in the queue; the
 *   single connection is not held while waiting.
 * - Works run one after another, each inside its own SAVEPOINT. A work that throws is rolled back to its
 *   savepoint and only its caller gets the error; the others are unaffected.
 * - The batch commits once the queue is empty (or after `maxWorks` works / `maxBatchMs`). Every caller's
 *   promise settles only after COMMIT returned: "inTransaction resolved" still means "on disk". If
 *   COMMIT fails, every caller whose work had succeeded in that batch gets the error.
 * - Each work runs in its caller's own async context (it resumes its own awaiting function), so
 *   AsyncLocalStorage values seen inside the work are the caller's.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { setImmediate, setTimeout } from 'node:timers';
import type {
  ControlledTransaction,
  Kysely,
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';

export interface GroupCommitOptions {
  /** How long the first queued call waits for others before the batch starts: 0 = one event-loop turn (setImmediate). */
  windowMs: number;
  /** Most works in one batch (the rest start the next batch right after the commit). */
  maxWorks: number;
  /** A batch takes no new work after this long (other queries wait for the connection meanwhile). */
  maxBatchMs: number;
  /**
   * Fail `inTransaction(ctx)` on the root handle from inside a work at once instead of letting it wait
   * for itself forever (with every other write behind it). Uses AsyncLocalStorage, whose promise hooks
   * cost ~2.5 % of the server's time on Node 20 under write load (docs/perf/writes.md).
   */
  guardNestedCalls: boolean;
}

export const DEFAULT_GROUP_COMMIT: GroupCommitOptions = {
  windowMs: 0,
  maxWorks: 200,
  maxBatchMs: 100,
  guardNestedCalls: true,
};

export interface GroupCommitStats {
  batches: number;
  works: number;
  failedWorks: number;
  failedBatches: number;
  largestBatch: number;
}

/** How a work went; `lost`: SQLite ended the whole transaction, with `error`. */
type Outcome = { ok: true } | { ok: false; lost: false } | { ok: false; lost: true; error: unknown };

/** One queued call: the committer hands it the transaction, it reports how its work went. */
class Turn<DB> {
  start!: (trx: ControlledTransaction<DB>) => void;
  cannotStart!: (error: unknown) => void;
  readonly started = new Promise<ControlledTransaction<DB>>((resolve, reject) => {
    this.start = resolve;
    this.cannotStart = reject;
  });
  finish!: (outcome: Outcome) => void;
  readonly finished = new Promise<Outcome>((resolve) => (this.finish = resolve));
  settle!: (failure?: { error: unknown }) => void;
  /** Resolves after COMMIT, rejects with the error that lost the batch. */
  readonly committed = new Promise<void>((resolve, reject) => {
    this.settle = (failure) =>
      failure
        ? reject(
            failure.error instanceof Error
              ? failure.error
              : new Error('事务已被数据库结束', { cause: failure.error }),
          )
        : resolve();
  });
}

interface WorkState {
  done: boolean;
}

/** Set while a work runs: inTransaction on the root handle from inside it would wait for itself. */
const currentWork = new AsyncLocalStorage<WorkState>();

/** Makes a finished work's transaction handle unusable (its later queries would land in someone else's work). */
class FinishedWorkGuard implements KyselyPlugin {
  constructor(private readonly state: WorkState) {}
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (this.state.done) throw new Error('query on the transaction of a work that has already finished');
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

const SAVEPOINT = 'gk_work';

export class GroupCommitter<DB> {
  private readonly queue: Turn<DB>[] = [];
  private scheduled = false;
  private running = false;
  readonly stats: GroupCommitStats = {
    batches: 0,
    works: 0,
    failedWorks: 0,
    failedBatches: 0,
    largestBatch: 0,
  };

  constructor(
    private readonly db: Kysely<DB>,
    public options: GroupCommitOptions = DEFAULT_GROUP_COMMIT,
  ) {}

  async run<T>(work: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
    const outer = currentWork.getStore();
    if (outer && !outer.done)
      throw new Error(
        'inTransaction called with the root database inside another transaction: pass { ...ctx, db: trx }',
      );
    const turn = new Turn<DB>();
    this.queue.push(turn);
    this.schedule();
    const trx = await turn.started;
    const state: WorkState = { done: false };
    let result: T;
    let sp: ControlledTransaction<DB, [typeof SAVEPOINT]> | undefined;
    try {
      sp = await trx.savepoint(SAVEPOINT).execute();
      const handle = trx.withPlugin(new FinishedWorkGuard(state));
      result = this.options.guardNestedCalls
        ? await currentWork.run(state, () => work(handle))
        : await work(handle);
      state.done = true;
      await sp.releaseSavepoint(SAVEPOINT).execute();
    } catch (error) {
      state.done = true;
      try {
        if (!sp) throw error;
        await sp.rollbackToSavepoint(SAVEPOINT).execute();
        await sp.releaseSavepoint(SAVEPOINT).execute();
        turn.finish({ ok: false, lost: false });
      } catch (lost) {
        // SQLite ended the whole transaction (I/O error, disk full …): the batch is gone.
        turn.finish({ ok: false, lost: true, error: lost });
      }
      throw error;
    }
    turn.finish({ ok: true });
    await turn.committed;
    return result;
  }

  private schedule(): void {
    if (this.scheduled || this.running) return;
    this.scheduled = true;
    const go = () => {
      this.scheduled = false;
      void this.drain();
    };
    if (this.options.windowMs > 0) setTimeout(go, this.options.windowMs);
    else setImmediate(go);
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) await this.batch();
    } finally {
      this.running = false;
    }
  }

  private async batch(): Promise<void> {
    let trx: ControlledTransaction<DB>;
    try {
      trx = await this.db.startTransaction().execute();
    } catch (error) {
      // Without a transaction nothing ran: every waiting caller gets the error.
      this.stats.failedBatches++;
      for (const turn of this.queue.splice(0)) turn.cannotStart(error);
      return;
    }
    this.stats.batches++;
    const succeeded: Turn<DB>[] = [];
    const started = performance.now();
    let lost: { error: unknown } | undefined;
    let taken = 0;
    while (
      this.queue.length > 0 &&
      taken < this.options.maxWorks &&
      performance.now() - started < this.options.maxBatchMs
    ) {
      const turn = this.queue.shift()!;
      taken++;
      turn.start(trx);
      const outcome = await turn.finished;
      if (outcome.ok) {
        succeeded.push(turn);
      } else {
        this.stats.failedWorks++;
        if (outcome.lost) {
          lost = { error: outcome.error };
          break;
        }
      }
    }
    this.stats.works += taken;
    this.stats.largestBatch = Math.max(this.stats.largestBatch, taken);
    if (lost === undefined) {
      try {
        await trx.commit().execute();
      } catch (error) {
        lost = { error };
      }
    }
    if (lost !== undefined) {
      this.stats.failedBatches++;
      if (!trx.isRolledBack && !trx.isCommitted)
        await trx
          .rollback()
          .execute()
          .catch(() => undefined);
      for (const turn of succeeded) turn.settle(lost);
      return;
    }
    for (const turn of succeeded) turn.settle();
  }
}

const committers = new WeakMap<object, unknown>();

/** The committer of a root Kysely instance (one per database handle). */
export function groupCommitter<DB>(db: Kysely<DB>): GroupCommitter<DB> {
  let committer = committers.get(db) as GroupCommitter<DB> | undefined;
  if (!committer) {
    committer = new GroupCommitter(db);
    committers.set(db, committer);
  }
  return committer;
}
