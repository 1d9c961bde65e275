import type { CheckReport } from './types.js';

/** The whole report as one JSON document (schema/check.schema.json). */
export function formatCheckJson(report: CheckReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}
