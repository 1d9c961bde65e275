/** `reprint scan --format csv|gexf|graphml` on the Kazakhstan seeds, in-process. */
import graphology from 'graphology';
import type { Attributes } from 'graphology-types';

// graphology's types declare an ES default export for what Node loads as the module's default: the mixed Graph class.
const Graph = graphology as unknown as typeof import('graphology').default;
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { beforeAll, describe, expect, it } from 'vitest';
import { runMain, type MainResult } from './run.js';

const scan = (format: string, ...more: string[]): Promise<MainResult> => runMain(['scan', 'fixtures/kazakhstan', '--format', format, ...more]);

describe('--format csv', () => {
  let run: MainResult;
  beforeAll(async () => {
    run = await scan('csv');
  });

  it('writes a header and one row per copy of the statement, and nothing on stderr', () => {
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1)).toHaveLength(4);
    expect(lines[0]).toBe('cluster_id,cluster_size,path,url,outlet,title,dateline,published,words,similarity,containment,earliest,lag_days');
  });

  it('names London Daily first, Arab Press 248 days later, and the bare copy without date or outlet', () => {
    const rows = run.stdout.trimEnd().split('\n').slice(1);
    // The datelines hold commas, so they are quoted.
    expect(rows[0]).toMatch(
      /^[0-9a-f]{12},3,fixtures\/kazakhstan\/london-daily-2025-05-31\.txt,,London Daily,What really happened in Kazakhstan,"Saturday, May 31, 2025",2025-05-31,\d+,[\d.]+,[\d.]+,yes,0$/,
    );
    expect(rows[1]).toMatch(/,fixtures\/kazakhstan\/arab-press-2026-02-03\.txt,,Arab Press,.*,"Tuesday, Feb 03, 2026",2026-02-03,\d+,[\d.]+,[\d.]+,no,248$/);
    expect(rows[2]).toMatch(/,fixtures\/kazakhstan\/official-statement-bare\.txt,,,,,,\d+,[\d.]+,[\d.]+,no,$/);
    expect(new Set(rows.map((r) => r.slice(0, 12))).size).toBe(1);
  });

  it('writes the same bytes on every run', async () => {
    expect((await scan('csv')).stdout).toBe(run.stdout);
  });
});

describe.each([
  { format: 'gexf', parse: parseGexf },
  { format: 'graphml', parse: parseGraphml },
])('--format $format', ({ format, parse }) => {
  let run: MainResult;
  beforeAll(async () => {
    run = await scan(format);
  });

  it('has one edge, from London Daily (earliest) to Arab Press, 248 days on; the bare copy is an unknown outlet', () => {
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const graph = parse(Graph, run.stdout);
    const label = (node: string): unknown => graph.getNodeAttribute(node, 'label');
    expect(graph.type).toBe('directed');
    expect(graph.mapNodes((_n: string, a: Attributes) => [a.label, a.pages, a.clusters, a.timesFirst])).toEqual([
      ['(unknown)', 1, 1, 0],
      ['Arab Press', 1, 1, 0],
      ['London Daily', 1, 1, 1],
    ]);
    expect(graph.mapEdges((_e: string, a: Attributes, s: string, t: string) => [label(s), label(t), a.weight, a.medianLagDays])).toEqual([['London Daily', 'Arab Press', 1, 248]]);
  });

  it('writes the same bytes on every run', async () => {
    expect((await scan(format)).stdout).toBe(run.stdout);
  });
});
