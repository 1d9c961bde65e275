#!/usr/bin/env node
import { processArguments } from '../dist/cli/argv.js';
import { main } from '../dist/cli/main.js';
import { removeScratchOnExit } from '../dist/cli/signals.js';
import { tuneTiering } from '../dist/runtime/tiering.js';

tuneTiering();
removeScratchOnExit();
process.exitCode = await main({
  argv: processArguments(),
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: () => process.stdin,
});
