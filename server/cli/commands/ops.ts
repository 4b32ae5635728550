import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { migrateToLatest } from '../../db/migrate.js';
import { serve } from '../../main.js';
import { verifyAuditChain } from '../../modules/audit/audit.service.js';
import { CliError, EXIT, withContainer } from '../context.js';

export function registerOpsCommands(program: Command): void {
  program
    .command('serve')
    .description('启动门户、控制台与 API')
    .action(async () => {
      await serve(loadConfig());
    });

  program
    .command('migrate')
    .description('将数据库结构升级到最新版本')
    .action(async () => {
      // buildContainer already migrates; report what this run applied.
      await withContainer(async (c) => {
        const applied = await migrateToLatest(c.database);
        console.log(applied.length ? `已应用：${applied.join(', ')}` : '数据库结构已是最新');
      });
    });

  const audit = program.command('audit').description('审计日志');
  audit
    .command('verify')
    .description('校验审计日志哈希链，报告第一处断裂')
    .action(async () => {
      await withContainer(async (c) => {
        const r = await verifyAuditChain(c.ctx.db);
        if (r.ok) {
          console.log(`审计日志完整：共校验 ${r.checked} 条记录`);
          return;
        }
        const reason = {
          prev_hash_mismatch: '上一条哈希不符（记录被删除或插入）',
          hash_mismatch: '内容与哈希不符（记录被篡改）',
          gap: '序号不连续或链头不符（记录被删除）',
          mac_missing: '缺少密钥校验码（记录在数据库中被改写或插入）',
          mac_mismatch: '密钥校验码不符（哈希链被重新计算过，记录被篡改）',
          checkpoint_mismatch: '与已签名的检查点不符（检查点之前的记录被改写）',
        }[r.firstBreak!.reason];
        throw new CliError(
          `审计日志被破坏：第 ${r.firstBreak!.seq} 条 —— ${reason}（此前 ${r.checked} 条完好）`,
          EXIT.failure,
        );
      });
    });
}
