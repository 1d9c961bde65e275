import type { ExtractReport } from './types.js';

export function formatExtractJson(report: ExtractReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}
