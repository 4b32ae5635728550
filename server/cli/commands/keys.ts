import type { Command } from 'commander';
import { rotateInteractionKeys } from '../../modules/interaction/index.js';
import { rotatePiiKeys } from '../../modules/requests/index.js';
import { withContainer } from '../context.js';

/** `gongkai keys rotate`: a new data key version, every ID number re-encrypted under it (issue 14, item 5). */
export function registerKeyCommands(program: Command): void {
  const keys = program.command('keys').description('密钥管理（密钥保存在数据库之外：KEYS_DIR 或 DATA_KEY）');
  keys
    .command('rotate')
    .description(
      '生成新版本数据密钥，分批（每批一个事务）用它重新加密全部身份证明号码和互动交流来信人身份；旧版本密钥保留以核验查询码。中断后用 --resume 继续',
    )
    .option('--resume', '不生成新密钥，继续上次中断的轮换（把尚未改用当前版本的记录重新加密）')
    .option('--batch-size <n>', '每批记录数', (v) => Number(v), 500)
    .action(async (opts: { resume?: boolean; batchSize: number }) => {
      await withContainer(async (c) => {
        const r = await rotatePiiKeys(c.ctx, {
          resume: opts.resume,
          batchSize: opts.batchSize,
          onBatch: (done) => process.stderr.write(`已处理 ${done} 条\r`),
        });
        console.log(
          `数据密钥当前版本 v${r.version}：重新加密 ${r.reencrypted} 条，已是当前版本 ${r.alreadyCurrent} 条` +
            (r.unreadable.length ? `，无法解密 ${r.unreadable.length} 条（保持原样，见审计日志）` : '') +
            (r.legacyMoved ? '；数据库中的旧密钥已移入 KEYS_DIR/data-key-v0.key 并从数据库删除' : ''),
        );
        // The correspondents' identities of 互动交流 go under the same new version.
        const i = await rotateInteractionKeys(c.ctx, {
          batchSize: opts.batchSize,
          onBatch: (done) => process.stderr.write(`互动交流已处理 ${done} 条\r`),
        });
        console.log(
          `互动交流：重新加密 ${i.reencrypted} 条，已是当前版本 ${i.alreadyCurrent} 条` +
            (i.unreadable.length ? `，无法解密 ${i.unreadable.length} 条（保持原样，见审计日志）` : '') +
            (i.legacyMoved ? '；数据库中的旧密钥已移入 KEYS_DIR/interaction-legacy.key 并从数据库删除' : ''),
        );
      });
    });
}
