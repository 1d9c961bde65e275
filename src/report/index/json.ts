import type { IndexReport } from './types.js';

export function formatIndexJson(report: IndexReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}
