import { ConfigError, loadConfig, type Config } from './config.js';
import { buildContainer, type Container } from './container.js';
import { buildApp } from './http/app.js';
import { DEMO_PASSWORD, seedDemo } from './modules/demo/demo.seed.js';
import { demoContributors } from './modules/demo/demo.contributors.js';
import { ROLE_LABELS } from './modules/users/roles.js';

/** Starts the web server (and, later, the worker) with graceful shutdown. */
export async function serve(config: Config): Promise<void> {
  const container = await buildContainer(config);
  if (config.demo) await seedAndPrintDemo(container);
  const app = await buildApp(container);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await app.close();
    await container.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  console.log(
    `\nGongkai 公开 已启动：门户 ${config.publicBaseUrl}/ ，管理控制台 ${config.publicBaseUrl}/admin ，API 文档 ${config.publicBaseUrl}/api/docs\n`,
  );
}

async function seedAndPrintDemo(container: Container): Promise<void> {
  const seeded = await seedDemo(container.ctx, demoContributors);
  const users = await container.ctx.db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .innerJoin('orgs', 'orgs.id', 'users.org_id')
    .select(['users.username', 'users.display_name', 'user_roles.role', 'orgs.name as org'])
    .where('users.username', 'in', [
      'office',
      'clerk',
      'reviewer',
      'leader',
      'principal',
      'supervisor',
      'sysadmin',
      'secadmin',
      'auditor',
      'jt-office',
      'hb-office',
      'qiye',
    ])
    .orderBy('users.created_at')
    .execute();
  if (users.length === 0) return;
  console.log(
    seeded ? '\n已载入演示机关“示例市应急管理局”。演示账号（仅供体验，生产环境不会创建）：' : '\n演示账号：',
  );
  console.log(`  密码（全部相同）：${DEMO_PASSWORD}`);
  for (const u of users)
    console.log(
      `  ${u.username.padEnd(11)} ${ROLE_LABELS[u.role].padEnd(6, '　')} ${u.display_name}（${u.org}）`,
    );
}

const isEntry = process.argv[1] && new URL(import.meta.url).pathname === process.argv[1];
if (isEntry) {
  try {
    await serve(loadConfig());
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78);
    }
    throw err;
  }
}
