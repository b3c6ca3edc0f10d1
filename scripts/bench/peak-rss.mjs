// Preloaded into each measured process (node --import): at exit, writes the process's peak resident set size in
// KiB to BENCH_RSS_FILE, so the benchmark reads every process's memory the same way on any OS.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const file = process.env.BENCH_RSS_FILE;
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS));
});
