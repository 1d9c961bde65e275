#!/usr/bin/env node
import { main } from '../dist/cli/main.js';
import { removeScratchOnExit } from '../dist/cli/signals.js';

removeScratchOnExit();
process.exitCode = await main({
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
});
