/**
 * The process's signal handlers, installed by the bin only (library code installs none): on
 * Ctrl-C, a kill or a hang-up, scratch folders go before the process exits with the usual code.
 */
import { removeLiveScratch } from '../runtime/scratch.js';

export function removeScratchOnExit(): void {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.once(signal, () => {
      removeLiveScratch();
      process.exit(code);
    });
  }
  process.once('exit', removeLiveScratch);
}
