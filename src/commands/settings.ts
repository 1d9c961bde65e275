import { availableParallelism } from 'node:os';
import type { PageOptions } from '../runtime/pages.js';

/** Everything a scan depends on. Defaults are measured: see README, "Choosing the defaults". */
export interface ScanOptions extends PageOptions {
  threshold: number;
  containment: number;
  shingleSize: number;
  numPerm: number;
  seed: number;
  minWords: number;
  all: boolean;
}

export const DEFAULT_SCAN_OPTIONS: ScanOptions = {
  threshold: 0.5,
  containment: 0.8,
  shingleSize: 5,
  numPerm: 128,
  seed: 0x72657072,
  minWords: 20,
  maxBytes: 10 * 1024 * 1024,
  dom: 'linkedom',
  templates: true,
  jobs: Math.max(1, Math.min(availableParallelism(), 8)),
  timeoutMs: 30_000,
  maxArchiveBytes: 2 * 1024 ** 3 - 1,
  all: false,
};
