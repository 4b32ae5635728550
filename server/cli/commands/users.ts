import type { Command } from 'commander';
import { systemActor } from '../../platform/actor.js';
import { DomainError } from '../../platform/errors.js';
import * as orgRepo from '../../modules/orgs/orgs.repository.js';
import * as userRepo from '../../modules/users/users.repository.js';
import { createUser, resetPassword, setUserDisabled } from '../../modules/users/users.service.js';
import { isRole, ROLES } from '../../modules/users/roles.js';
import { CliError, EXIT, withContainer } from '../context.js';

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('用户管理');
  user
    .command('add')
    .description('新建用户并打印初始密码（首次登录须修改）')
    .requiredOption('--username <name>', '登录名')
    .requiredOption('--name <displayName>', '姓名')
    .requiredOption('--agency <code>', '所属机关代码')
    .requiredOption('--role <role...>', `角色：${ROLES.join(', ')}`)
    .option('--division <code>', '所在科室代码')
    .action(
      async (opts: { username: string; name: string; agency: string; role: string[]; division?: string }) => {
        const bad = opts.role.find((r) => !isRole(r));
        if (bad) throw new CliError(`未知角色：${bad}（可选：${ROLES.join(', ')}）`, EXIT.usage);
        await withContainer(async (c) => {
          const org = await orgRepo.findByCode(c.ctx.db, opts.agency);
          if (!org) throw new CliError(`机关代码不存在：${opts.agency}`, EXIT.usage);
          const division = opts.division ? await orgRepo.findByCode(c.ctx.db, opts.division) : undefined;
          if (opts.division && !division) throw new CliError(`科室代码不存在：${opts.division}`, EXIT.usage);
          const { user: created, initialPassword } = await createUser(c.ctx, systemActor('命令行'), {
            username: opts.username,
            displayName: opts.name,
            orgId: org.id,
            divisionId: division?.id ?? null,
            roles: opts.role,
          });
          console.log(`已创建用户 ${created.username}（${created.displayName}）`);
          console.log(`初始密码：${initialPassword}`);
        });
      },
    );
  user
    .command('reset-password')
    .description('重置用户密码并打印新的初始密码')
    .argument('<username>', '登录名')
    .action(async (username: string) => {
      await withContainer(async (c) => {
        const found = await userRepo.findByUsername(c.ctx.db, username);
        if (!found) throw new CliError(`用户不存在：${username}`, EXIT.usage);
        const { initialPassword } = await resetPassword(c.ctx, systemActor('命令行'), found.id);
        console.log(`已重置 ${username} 的密码，新的初始密码：${initialPassword}`);
      });
    });
  // 三员分立: system accounts (系统管理员、安全管理员、安全审计员) are disabled and enabled here, by the operator.
  for (const [name, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const)
    user
      .command(name)
      .description(disabled ? '停用账号（含系统角色账号）' : '启用账号（含系统角色账号）')
      .argument('<username>', '登录名')
      .action(async (username: string) => {
        await withContainer(async (c) => {
          const found = await userRepo.findByUsername(c.ctx.db, username);
          if (!found) throw new CliError(`用户不存在：${username}`, EXIT.usage);
          await setUserDisabled(c.ctx, systemActor('命令行'), found.id, disabled);
          console.log(`已${disabled ? '停用' : '启用'} ${username}`);
        });
      });
}

export { DomainError };
