// bench/lib/measure.js — one process run under /usr/bin/time (else bash's `times`): the figures
// the floor and HTML benches compare (CPU seconds of whole processes, peak RSS).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

export const TIME_BIN = '/usr/bin/time';

/** How measure() reads CPU, for a result's record. */
export const CPU_METHOD = existsSync(TIME_BIN)
  ? `${TIME_BIN} -f '%e %U %S %M' (user+sys CPU s of the whole process; max RSS KiB)`
  : "bash 'times' (user+sys CPU s of the child)";

/** The commit a result was measured at (marked when the checkout has changes), or null outside git. */
export function gitCommit(cwd) {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd, encoding: 'utf8' }).trim();
    return dirty ? `${commit} (with uncommitted changes)` : commit;
  } catch {
    return null; // not a git checkout
  }
}

/** Runs argv as a whole process; resolves { exit, wallS, cpuS, userS, sysS, peakRssKiB, stdout, stderr }. */
export async function measure(argv, cwd) {
  let cmd;
  let args;
  let timeFile = null;
  if (existsSync(TIME_BIN)) {
    timeFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'reprint-bench-time-')), 'time');
    cmd = TIME_BIN;
    args = ['-f', '%e %U %S %M', '-o', timeFile, ...argv];
  } else {
    // bash's `times`: the second line is the user and system time of the shell's children
    cmd = 'bash';
    args = ['-c', '"$@"; rc=$?; times >&2; exit $rc', 'bash', ...argv];
  }
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    let stderr = '';
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-8000)));
    child.on('close', (code) => {
      const wallS = (performance.now() - t0) / 1000;
      let userS = NaN;
      let sysS = NaN;
      let peakRssKiB = null;
      if (timeFile) {
        const line = existsSync(timeFile) ? readFileSync(timeFile, 'utf8').trim().split('\n').pop() : '';
        const m = /^([\d.]+) ([\d.]+) ([\d.]+) (\d+)$/.exec(line);
        if (m) [userS, sysS, peakRssKiB] = [Number(m[2]), Number(m[3]), Number(m[4])];
        rmSync(path.dirname(timeFile), { recursive: true, force: true });
      } else {
        const lines = stderr.trim().split('\n');
        const m = /^(\d+)m([\d.]+)s (\d+)m([\d.]+)s$/.exec(lines.pop() ?? '');
        if (m) [userS, sysS] = [Number(m[1]) * 60 + Number(m[2]), Number(m[3]) * 60 + Number(m[4])];
        stderr = lines.slice(0, -1).join('\n');
      }
      resolve({ exit: code, wallS, userS, sysS, cpuS: userS + sysS, peakRssKiB, stdout: Buffer.concat(out).toString('utf8'), stderr: stderr.trim() });
    });
  });
}
