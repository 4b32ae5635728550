import type { Command } from 'commander';
import { createInterface } from 'node:readline/promises';
import { systemActor } from '../../platform/actor.js';
import { createOrg } from '../../modules/orgs/orgs.service.js';
import { createUser } from '../../modules/users/users.service.js';
import * as orgRepo from '../../modules/orgs/orgs.repository.js';
import { seedDemo } from '../../modules/demo/demo.seed.js';
import { demoContributors } from '../../modules/demo/demo.contributors.js';
import { CliError, EXIT, withContainer } from '../context.js';

interface InitOptions {
  agencyName?: string;
  agencyCode?: string;
  creditCode?: string;
  governmentName?: string;
  adminUsername?: string;
  adminName?: string;
}

async function ask(
  opts: InitOptions,
): Promise<Required<Omit<InitOptions, 'governmentName' | 'creditCode'>> & InitOptions> {
  const missing = (['agencyName', 'agencyCode', 'adminUsername', 'adminName'] as const).filter(
    (k) => !opts[k],
  );
  if (missing.length === 0) return opts as never;
  if (!process.stdin.isTTY)
    throw new CliError(
      `缺少参数：${missing.map((m) => '--' + m.replace(/[A-Z]/g, (x) => '-' + x.toLowerCase())).join(' ')}`,
      EXIT.usage,
    );
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const labels = {
    agencyName: '机关全称（如 某某市应急管理局）',
    agencyCode: '机关代码（小写字母数字，用于网址）',
    adminUsername: '政务公开办管理员登录名',
    adminName: '管理员姓名',
  };
  try {
    for (const k of missing) opts[k] = (await rl.question(`${labels[k]}：`)).trim();
    if (!opts.creditCode)
      opts.creditCode = (await rl.question('统一社会信用代码（可留空）：')).trim() || undefined;
  } finally {
    rl.close();
  }
  return opts as never;
}

export function registerInitCommands(program: Command): void {
  program
    .command('init')
    .description('在空数据库中创建第一个机关及其政务公开办管理员（参数缺省时交互询问）')
    .option('--agency-name <name>', '机关全称')
    .option('--agency-code <code>', '机关代码')
    .option('--credit-code <code>', '统一社会信用代码')
    .option('--government-name <name>', '上级人民政府名称（可选）')
    .option('--admin-username <name>', '管理员登录名')
    .option('--admin-name <name>', '管理员姓名')
    .action(async (raw: InitOptions) => {
      const opts = await ask({ ...raw });
      await withContainer(async (c) => {
        if ((await orgRepo.count(c.ctx.db)) > 0)
          throw new CliError('数据库中已有机关，init 只用于全新部署', EXIT.failure);
        const actor = systemActor('初始化');
        const government = opts.governmentName
          ? await createOrg(c.ctx, actor, {
              parentId: null,
              kind: 'government',
              code: `${opts.agencyCode}-gov`,
              name: opts.governmentName,
            })
          : null;
        const agency = await createOrg(c.ctx, actor, {
          parentId: government?.id ?? null,
          kind: 'department',
          code: opts.agencyCode,
          name: opts.agencyName,
          creditCode: opts.creditCode ?? null,
          isDefault: true,
        });
        const { initialPassword } = await createUser(c.ctx, actor, {
          username: opts.adminUsername,
          displayName: opts.adminName,
          orgId: agency.id,
          roles: ['office'],
        });
        console.log(`已创建机关“${agency.name}”（代码 ${agency.code}）及管理员 ${opts.adminUsername}`);
        console.log(`初始密码：${initialPassword}（首次登录须修改）`);
      });
    });

  program
    .command('seed')
    .description('载入演示数据')
    .option('--demo', '载入演示机关“示例市应急管理局”')
    .action(async (opts: { demo?: boolean }) => {
      if (!opts.demo) throw new CliError('请指定要载入的数据，例如 --demo', EXIT.usage);
      if (process.env.NODE_ENV === 'production')
        throw new CliError('生产环境（NODE_ENV=production）不载入演示数据', EXIT.failure);
      await withContainer(async (c) => {
        const logins = await seedDemo(c.ctx, demoContributors);
        if (!logins) throw new CliError('数据库非空，未载入演示数据', EXIT.failure);
        console.log(`已载入演示数据，${logins.length} 个演示账号，密码见 README。`);
      });
    });
}
