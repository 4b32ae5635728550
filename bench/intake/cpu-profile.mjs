// Preloaded into the server with NODE_OPTIONS=--import by bench/intake/run.ts --cpu-prof: the profiler
// starts on SIGUSR2 (after start-up and warm-up, so the profile shows the steady load only) and the
// profile is written to CPU_PROFILE_DIR/server-<pid>.cpuprofile when the process exits (SIGTERM).
import fs from 'node:fs';
import inspector from 'node:inspector';
import path from 'node:path';

const session = new inspector.Session();
session.connect();
let started = false;
process.on('SIGUSR2', () => {
  if (started) return;
  started = true;
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 250 });
  session.post('Profiler.start');
});
process.on('exit', () => {
  if (!started) return;
  session.post('Profiler.stop', (err, result) => {
    if (err) return;
    const file = path.join(process.env.CPU_PROFILE_DIR || '.', `server-${process.pid}.cpuprofile`);
    fs.writeFileSync(file, JSON.stringify(result.profile));
  });
});
