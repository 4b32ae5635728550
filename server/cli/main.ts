import { gongkaiVersion } from './version.js';

const argv = process.argv.slice(2);
// `gongkai --version` answers without loading the command tree (and with it every module).
if (argv.length === 1 && ['-v', '-V', '--version'].includes(argv[0]!)) {
  console.log(gongkaiVersion());
  process.exit(0);
}
const { EXIT } = await import('./context.js');
const { runCli } = await import('./program.js');
const code = await runCli(argv);
// `serve` keeps the process alive; every other command ends here.
if (!(argv[0] === 'serve' && code === EXIT.ok)) process.exit(code);
