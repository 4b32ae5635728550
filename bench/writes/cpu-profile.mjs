// Preloaded with NODE_OPTIONS=--import (where --cpu-prof is not allowed): profiles the whole process
// and writes CPU_PROFILE_DIR/server-<pid>.cpuprofile on exit (SIGTERM → graceful shutdown → exit).
import fs from 'node:fs';
import inspector from 'node:inspector';
import path from 'node:path';

const session = new inspector.Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: 500 });
session.post('Profiler.start');
process.on('exit', () => {
  // The main-thread session answers synchronously, so this runs to the end inside the exit handler.
  session.post('Profiler.stop', (err, result) => {
    if (err) return;
    const file = path.join(process.env.CPU_PROFILE_DIR || '.', `server-${process.pid}.cpuprofile`);
    fs.writeFileSync(file, JSON.stringify(result.profile));
  });
});
