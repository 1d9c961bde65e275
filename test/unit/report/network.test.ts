/** The outlet network: who ran a copy first, how often, and how long the others took. */
import { describe, expect, it } from 'vitest';
import { daysBetween, outletNetwork, outletOf, UNKNOWN_OUTLET } from '../../../src/report/network.js';
import { cluster, member, report } from './scan-report-builders.js';

const copy = (path: string, outlet: string | null, published: string | null, url: string | null = null) =>
  member(path, { outlet, published, url });

describe('outletNetwork', () => {
  it('draws an edge from the earlier outlet to the later one, with the days between', () => {
    const net = outletNetwork(
      report([cluster('c1', [copy('late.txt', 'Arab Press', '2026-02-03'), copy('early.txt', 'London Daily', '2025-05-31')])]),
    );
    expect(net.edges).toEqual([{ source: 'London Daily', target: 'Arab Press', copies: 1, medianLagDays: 248 }]);
  });

  it('weighs an edge by the pairs of copies and takes the lower middle lag of an even count', () => {
    const net = outletNetwork(
      report([
        cluster('c1', [copy('a1', 'A', '2025-01-01'), copy('b1', 'B', '2025-01-03')]), // 2 days
        cluster('c2', [copy('a2', 'A', '2025-01-01'), copy('b2', 'B', '2025-01-11')]), // 10 days
        cluster('c3', [copy('a3', 'A', '2025-01-01'), copy('b3', 'B', '2025-01-06')]), // 5 days
      ]),
    );
    expect(net.edges).toEqual([{ source: 'A', target: 'B', copies: 3, medianLagDays: 5 }]);

    const even = outletNetwork(
      report([
        cluster('c1', [copy('a1', 'A', '2025-01-01'), copy('b1', 'B', '2025-01-02')]), // 1 day
        cluster('c2', [copy('a2', 'A', '2025-01-01'), copy('b2', 'B', '2025-01-11')]), // 10 days
      ]),
    );
    expect(even.edges).toEqual([{ source: 'A', target: 'B', copies: 2, medianLagDays: 1 }]);
  });

  it('counts each later copy of an outlet that ran the article twice', () => {
    const net = outletNetwork(
      report([cluster('c1', [copy('a', 'A', '2025-01-01'), copy('b1', 'B', '2025-01-02'), copy('b2', 'B', '2025-01-04')])]),
    );
    expect(net.edges).toEqual([{ source: 'A', target: 'B', copies: 2, medianLagDays: 1 }]);
    expect(net.nodes.find((n) => n.outlet === 'B')).toEqual({ outlet: 'B', pages: 2, clusters: 1, timesFirst: 0 });
  });

  it('draws both directions when outlets take turns being first', () => {
    const net = outletNetwork(
      report([
        cluster('c1', [copy('a1', 'A', '2025-01-01'), copy('b1', 'B', '2025-01-02')]),
        cluster('c2', [copy('a2', 'A', '2025-03-09'), copy('b2', 'B', '2025-03-02')]),
      ]),
    );
    expect(net.edges).toEqual([
      { source: 'A', target: 'B', copies: 1, medianLagDays: 1 },
      { source: 'B', target: 'A', copies: 1, medianLagDays: 7 },
    ]);
  });

  it('draws no edge for copies of the same day, an undated copy, or two copies of one outlet', () => {
    const net = outletNetwork(
      report([
        cluster('c1', [copy('a', 'A', '2025-01-01'), copy('b', 'B', '2025-01-01'), copy('c', 'C', null)]),
        cluster('c2', [copy('a1', 'A', '2025-01-01'), copy('a2', 'A', '2025-02-01')]),
      ]),
    );
    expect(net.edges).toEqual([]);
    // The copies still count for their outlets.
    expect(net.nodes).toEqual([
      { outlet: 'A', pages: 3, clusters: 2, timesFirst: 2 },
      { outlet: 'B', pages: 1, clusters: 1, timesFirst: 0 },
      { outlet: 'C', pages: 1, clusters: 1, timesFirst: 0 },
    ]);
  });

  it('credits the first copy to the outlet holding the cluster\'s earliest path', () => {
    const net = outletNetwork(
      report([
        cluster('c1', [copy('x1', 'X', '2025-01-01'), copy('y1', 'Y', '2025-01-05')]),
        cluster('c2', [copy('x2', 'X', '2025-02-01'), copy('y2', 'Y', '2025-01-05'), copy('z2', 'Z', '2025-01-20')]),
      ]),
    );
    expect(net.nodes.map((n) => [n.outlet, n.timesFirst])).toEqual([
      ['X', 1],
      ['Y', 1],
      ['Z', 0],
    ]);
    expect(net.edges).toEqual([
      { source: 'X', target: 'Y', copies: 1, medianLagDays: 4 },
      { source: 'Y', target: 'X', copies: 1, medianLagDays: 27 },
      { source: 'Y', target: 'Z', copies: 1, medianLagDays: 15 },
      { source: 'Z', target: 'X', copies: 1, medianLagDays: 12 },
    ]);
  });

  it('leaves out a page alone (listed by --all): it was not republished', () => {
    const net = outletNetwork(report([cluster('c1', [copy('solo', 'Solo', '2025-01-01')])]));
    expect(net).toEqual({ nodes: [], edges: [] });
  });

  it('sorts nodes and edges by code units, whatever the order of clusters', () => {
    const clusters = [
      cluster('c1', [copy('1', 'Éclair', '2025-01-01'), copy('2', 'zeta', '2025-01-02'), copy('3', 'Zeta', '2025-01-03')]),
      cluster('c2', [copy('4', 'Alpha', '2025-01-01'), copy('5', 'Éclair', '2025-01-02')]),
    ];
    const net = outletNetwork(report(clusters));
    expect(net.nodes.map((n) => n.outlet)).toEqual(['Alpha', 'Zeta', 'zeta', 'Éclair']);
    expect(net.edges.map((e) => `${e.source}→${e.target}`)).toEqual(['Alpha→Éclair', 'zeta→Zeta', 'Éclair→Zeta', 'Éclair→zeta']);
    expect(outletNetwork(report([...clusters].reverse()))).toEqual(net);
  });
});

describe('outletOf', () => {
  it('takes the outlet, else the URL host without www., else a stand-in', () => {
    expect(outletOf({ outlet: 'Arab Press', url: 'https://www.arabpress.example/a' })).toBe('Arab Press');
    expect(outletOf({ outlet: null, url: 'https://www.arabpress.example/a' })).toBe('arabpress.example');
    expect(outletOf({ outlet: '', url: 'http://News.Example:8080/x' })).toBe('news.example');
    expect(outletOf({ outlet: null, url: 'not a url' })).toBe(UNKNOWN_OUTLET);
    expect(outletOf({ outlet: null, url: null })).toBe(UNKNOWN_OUTLET);
  });
});

describe('daysBetween', () => {
  it('counts whole calendar days, across a leap day', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-05-31', '2026-02-03')).toBe(248);
    expect(daysBetween('2026-02-03', '2025-05-31')).toBe(-248);
  });
});
