/**
 * `gongkai backup <dir>` and `gongkai restore <dir> --data-dir <empty dir>` (issue 14, item 4).
 *
 * Backup: a consistent online copy while the server keeps writing — SQLite through its online backup
 * API (better-sqlite3 `backup()`: pages copied in steps, restarted when a writer changes one, the result
 * is one committed state), PostgreSQL through `pg_dump --format=custom` (one snapshot) when pg_dump is on
 * PATH; the attachments under DATA_DIR/files (with FILE_STORAGE=database they are inside the database
 * copy), the signed audit checkpoints, and a manifest with the sha256 of every file. Key material
 * (DATA_DIR/keys) is copied only with --include-keys: a backup that holds both the ciphertexts and
 * their key is as readable as the live system, so keys belong on a separate medium (docs/operations/keys.md).
 *
 * Restore: checks every file against the manifest, refuses a non-empty target, and brings back the
 * SQLite file, attachments, checkpoints (and keys when present) into the new data directory; for
 * PostgreSQL it runs pg_restore into the (empty) database named by --database-url.
 */
import { createHash } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  createReadStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import type { Command } from 'commander';
import { loadConfig, type Config } from '../../config.js';
import { CliError, EXIT } from '../context.js';

export interface ManifestEntry {
  path: string;
  size: number;
  sha256: string;
}

export interface Manifest {
  format: 'gongkai-backup-v1';
  createdAt: string;
  dialect: 'sqlite' | 'postgres';
  database: string;
  includesKeys: boolean;
  files: ManifestEntry[];
}

async function sha256Of(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

function listFiles(root: string, rel = ''): string[] {
  const dir = path.join(root, rel);
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const r = path.join(rel, e.name);
    if (e.isDirectory()) out.push(...listFiles(root, r));
    else if (e.isFile() && !e.name.endsWith('.tmp')) out.push(r);
  }
  return out;
}

function copyTree(from: string, to: string, keep: (file: string) => boolean = () => true): string[] {
  const files = listFiles(from).filter(keep);
  for (const f of files) {
    mkdirSync(path.dirname(path.join(to, f)), { recursive: true });
    copyFileSync(path.join(from, f), path.join(to, f));
  }
  return files;
}

function isEmptyDir(dir: string): boolean {
  return !existsSync(dir) || (statSync(dir).isDirectory() && readdirSync(dir).length === 0);
}

const hasCommand = (cmd: string) => spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0;

/**
 * Runs pg_dump / pg_restore without blocking the event loop: a server process that calls backup() keeps
 * answering (and writing) while the dump runs, which is what "online" means.
 */
function run(cmd: string, args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stderr: stderr.trim() }));
  });
}

/** Makes a backup of the configured installation into `dir` (which must be empty or absent). */
export async function backup(
  config: Config,
  dir: string,
  options: { includeKeys?: boolean } = {},
): Promise<Manifest> {
  if (!isEmptyDir(dir)) throw new CliError(`备份目录不是空目录：${dir}（请指定新的或空的目录）`, EXIT.usage);
  mkdirSync(dir, { recursive: true });
  // Checkpoints before the database: the chain only grows, so every copied checkpoint names a row the
  // snapshot holds. (Copied after, one the worker writes meanwhile could name a row the copy lacks, and
  // the restored `audit verify` would fail with checkpoint_mismatch.) Files are copied after, for the
  // opposite reason: every file a copied row refers to exists by then.
  copyTree(config.hardening.checkpointsDir, path.join(dir, 'audit-checkpoints'));
  let database: string;
  if (config.database.kind === 'sqlite') {
    if (config.database.file === ':memory:') throw new CliError('内存数据库无法备份', EXIT.usage);
    database = 'gongkai.db';
    const source = new SqliteDatabase(config.database.file, { fileMustExist: true });
    try {
      // After the first step, the rest is copied in one step inside one read transaction: a consistent
      // state that concurrent writers (WAL) cannot force to restart.
      await source.backup(path.join(dir, database), { progress: () => 1 << 30 });
    } finally {
      source.close();
    }
  } else {
    if (!hasCommand('pg_dump'))
      throw new CliError(
        '未找到 pg_dump：PostgreSQL 的备份需要与服务器主版本一致的 pg_dump（apt-get install postgresql-client）。请安装后重试，或按 docs/operations/backup-restore.md 用数据库自身的备份方案',
        EXIT.failure,
      );
    database = 'database.dump';
    const r = await run('pg_dump', [
      '--format=custom',
      '--no-owner',
      '--file',
      path.join(dir, database),
      config.database.url,
    ]);
    if (r.status !== 0) throw new CliError(`pg_dump 失败：${r.stderr}`, EXIT.failure);
  }
  copyTree(path.join(config.dataDir, 'files'), path.join(dir, 'files'));
  if (options.includeKeys) {
    copyTree(config.hardening.keysDir, path.join(dir, 'keys'));
    const secret = path.join(config.dataDir, 'session-secret');
    if (existsSync(secret)) copyFileSync(secret, path.join(dir, 'keys', 'session-secret'));
  }
  const files: ManifestEntry[] = [];
  for (const f of listFiles(dir).sort()) {
    if (f === 'manifest.json') continue;
    const full = path.join(dir, f);
    files.push({
      path: f.split(path.sep).join('/'),
      size: statSync(full).size,
      sha256: await sha256Of(full),
    });
  }
  const manifest: Manifest = {
    format: 'gongkai-backup-v1',
    createdAt: new Date().toISOString(),
    dialect: config.database.kind,
    database,
    includesKeys: Boolean(options.includeKeys),
    files,
  };
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

/** Checks a backup against its manifest; returns the manifest or throws naming the first bad file. */
export async function verifyBackup(dir: string): Promise<Manifest> {
  const file = path.join(dir, 'manifest.json');
  if (!existsSync(file))
    throw new CliError(`不是公开系统的备份目录（缺少 manifest.json）：${dir}`, EXIT.usage);
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  if (manifest.format !== 'gongkai-backup-v1') throw new CliError('无法识别的备份格式', EXIT.usage);
  for (const e of manifest.files) {
    const full = path.join(dir, e.path);
    if (!existsSync(full)) throw new CliError(`备份不完整：缺少 ${e.path}`, EXIT.failure);
    if ((await sha256Of(full)) !== e.sha256)
      throw new CliError(`备份已损坏：${e.path} 的校验值不符`, EXIT.failure);
  }
  return manifest;
}

/** Restores a verified backup into an empty data directory (and, for PostgreSQL, an empty database). */
export async function restore(
  dir: string,
  dataDir: string,
  options: { databaseUrl?: string } = {},
): Promise<Manifest> {
  if (!isEmptyDir(dataDir))
    throw new CliError(`目标数据目录不是空目录：${dataDir}（恢复不会覆盖现有数据）`, EXIT.usage);
  const manifest = await verifyBackup(dir);
  mkdirSync(dataDir, { recursive: true });
  if (manifest.dialect === 'sqlite')
    copyFileSync(path.join(dir, manifest.database), path.join(dataDir, 'gongkai.db'));
  else {
    if (!options.databaseUrl)
      throw new CliError('PostgreSQL 备份的恢复需要 --database-url（一个空数据库）', EXIT.usage);
    if (!hasCommand('pg_restore'))
      throw new CliError('未找到 pg_restore（apt-get install postgresql-client）', EXIT.failure);
    const r = await run('pg_restore', [
      '--no-owner',
      '--exit-on-error',
      '--dbname',
      options.databaseUrl,
      path.join(dir, manifest.database),
    ]);
    if (r.status !== 0) throw new CliError(`pg_restore 失败：${r.stderr}`, EXIT.failure);
  }
  copyTree(path.join(dir, 'files'), path.join(dataDir, 'files'));
  copyTree(path.join(dir, 'audit-checkpoints'), path.join(dataDir, 'audit-checkpoints'));
  if (manifest.includesKeys) {
    // The session secret travels in keys/ but lives at DATA_DIR/session-secret.
    copyTree(path.join(dir, 'keys'), path.join(dataDir, 'keys'), (f) => f !== 'session-secret');
    if (existsSync(path.join(dir, 'keys', 'session-secret')))
      copyFileSync(path.join(dir, 'keys', 'session-secret'), path.join(dataDir, 'session-secret'));
  }
  return manifest;
}

export function registerBackupCommands(program: Command): void {
  program
    .command('backup <dir>')
    .description('在线备份数据库、附件和审计检查点到空目录（附 sha256 清单）；密钥默认不备份')
    .option('--include-keys', '同时备份密钥（备份将能解密身份证号，须与数据分开保管）')
    .action(async (dir: string, opts: { includeKeys?: boolean }) => {
      const m = await backup(loadConfig(), path.resolve(dir), { includeKeys: opts.includeKeys });
      console.log(
        `已备份到 ${path.resolve(dir)}：数据库 ${m.database}，共 ${m.files.length} 个文件${m.includesKeys ? '（含密钥）' : '（不含密钥：请另行备份 DATA_DIR/keys）'}`,
      );
    });
  program
    .command('restore <dir>')
    .description('校验备份并恢复到空的数据目录（PostgreSQL 另需 --database-url 指向空数据库）')
    .requiredOption('--data-dir <dir>', '空的目标数据目录')
    .option('--database-url <url>', 'PostgreSQL 备份恢复到的空数据库')
    .action(async (dir: string, opts: { dataDir: string; databaseUrl?: string }) => {
      const m = await restore(path.resolve(dir), path.resolve(opts.dataDir), {
        databaseUrl: opts.databaseUrl,
      });
      console.log(
        `已恢复到 ${path.resolve(opts.dataDir)}（${m.files.length} 个文件校验一致）。${m.includesKeys ? '' : '备份不含密钥：启动前请把原 DATA_DIR/keys 放回（或设置 DATA_KEY/AUDIT_KEY）。'}然后运行 gongkai audit verify。`,
      );
    });
}
