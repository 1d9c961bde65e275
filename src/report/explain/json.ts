import type { ExplainReport } from './types.js';

export function formatExplainJson(report: ExplainReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}
