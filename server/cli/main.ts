import { EXIT } from './context.js';
import { runCli } from './program.js';

const code = await runCli(process.argv.slice(2));
// `serve` keeps the process alive; every other command ends here.
if (!(process.argv[2] === 'serve' && code === EXIT.ok)) process.exit(code);
