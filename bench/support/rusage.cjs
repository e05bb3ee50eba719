// Preloaded (`node --require`) into a benchmarked CLI: when the process exits, writes its own
// resource usage (peak RSS, user and system CPU) to the file named by SDKGEN_BENCH_RUSAGE, so the
// parent can report them for a whole CLI run. Node-only CLIs, no child processes: this is all of it.
'use strict';
const { writeFileSync } = require('node:fs');

const file = process.env.SDKGEN_BENCH_RUSAGE;
if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ maxRssKb: usage.maxRSS, userUs: usage.userCPUTime, systemUs: usage.systemCPUTime }));
  });
}
