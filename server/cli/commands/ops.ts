import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { migrateToLatest } from '../../db/migrate.js';
import { serve } from '../../main.js';
import { verifyAuditChain } from '../../modules/audit/audit.service.js';
import { listCheckpoints, writeCheckpoint } from '../../modules/audit/audit.checkpoints.js';
import { sealLegacyRows } from '../../modules/audit/audit.seal.js';
import { chinaDateTime, SEAL_REFUSALS } from '../../modules/audit/audit.rules.js';
import { checkpointsDir } from '../../platform/keys/keys.js';
import { systemActor } from '../../platform/actor.js';
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

  audit
    .command('checkpoint')
    .description('立即为审计日志链头签名，写出一个检查点文件')
    .action(async () => {
      await withContainer(async (c) => {
        const dir = checkpointsDir();
        if (!dir) throw new CliError('未配置密钥目录（DATA_DIR），无法写出检查点', EXIT.config);
        const cp = await writeCheckpoint(c.ctx.db, c.ctx.clock.now(), dir);
        if (!cp) {
          console.log('审计日志为空，没有可签名的链头');
          return;
        }
        console.log(
          `已写出检查点：第 ${cp.seq} 条，${dir}/checkpoint-${String(cp.seq).padStart(12, '0')}.json`,
        );
      });
    });

  audit
    .command('checkpoints')
    .description('列出签名检查点及其状态（有效 / 与链不符 / 签名无效）')
    .action(async () => {
      await withContainer(async (c) => {
        const all = await listCheckpoints(c.ctx.db);
        if (all.length === 0) {
          console.log(`没有检查点（目录：${checkpointsDir() ?? '未配置'}）`);
          return;
        }
        const words = { valid: '有效', chain_mismatch: '与链不符', bad_signature: '签名无效' } as const;
        for (const cp of all)
          console.log(
            [`第 ${cp.seq} 条`, chinaDateTime(cp.at), words[cp.status], cp.file, cp.problem ?? '']
              .join('\t')
              .trimEnd(),
          );
        const bad = all.filter((cp) => !cp.valid).length;
        if (bad) throw new CliError(`${bad} 个检查点无效或与审计日志不符`, EXIT.failure);
      });
    });

  audit
    .command('seal-legacy')
    .description('为密钥校验码启用前的早期审计记录补签校验码（仅限完整无断裂的早期记录）')
    .action(async () => {
      await withContainer(async (c) => {
        const plan = await sealLegacyRows(c.ctx.db, c.ctx.clock, systemActor('审计记录补签'));
        if (plan.kind === 'nothing') {
          console.log('没有需要补签的早期记录（每条记录都已有密钥校验码）');
          return;
        }
        if (plan.kind === 'refuse')
          throw new CliError(`拒绝补签：第 ${plan.seq} 条 —— ${SEAL_REFUSALS[plan.reason]}`, EXIT.failure);
        console.log(
          `已为第 ${plan.seqs[0]}–${plan.seqs[plan.seqs.length - 1]} 条共 ${plan.seqs.length} 条早期记录补签密钥校验码，并记入审计日志`,
        );
      });
    });
}
