// The CLI with a store hook that stops an add once everything is written and nothing committed:
// it says so on stderr and blocks (an open transaction stays open, a stage stays uncommitted)
// until the test SIGKILLs it. Used by killAtFault in test/helpers.ts; needs the build (dist/).
import { main } from '../../dist/cli/main.js';

process.exitCode = await main({
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  storeHooks: {
    beforeCommit() {
      process.stderr.write('reprint: fault pause-before-commit: waiting to be killed\n');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
    },
  },
});
