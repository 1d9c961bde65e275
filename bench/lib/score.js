// Pairs-based scoring of reported clusters against planted groups, for the benchmarks and the
// tuning script (bench/e2e.js, scripts/tune-defaults.mjs).
//
// Items are numbers (page ids, document indices). A cluster and a planted group are arrays of
// items; an item is in at most one cluster and at most one group. A pair of items is positive when
// both are in one planted group, reported when both are in one cluster:
//   tp = reported positive pairs, fp = reported - tp, fn = positive - tp,
//   precision = tp / reported (1 when nothing is reported), recall = tp / positive (1 when nothing
//   is planted), F1 = harmonic mean of the two (0 when both are 0). Figures are not rounded here.

/** Pairs among n items. */
export const pairCount = (n) => (n * (n - 1)) / 2;

/** Item -> index of its cluster. */
export function clusterIndex(clusters) {
  const clusterOf = new Map();
  clusters.forEach((c, i) => {
    for (const id of c) clusterOf.set(id, i);
  });
  return clusterOf;
}

/** Whether two items are in one cluster (never when neither is in any). */
export const together = (clusterOf, a, b) => {
  const ca = clusterOf.get(a);
  return ca !== undefined && ca === clusterOf.get(b);
};

/**
 * Groups from a label per item (labels[i] < 0: in no group), in order of first appearance, each
 * with its items in ascending order.
 */
export function groupsFromLabels(labels) {
  const byLabel = new Map();
  labels.forEach((g, i) => {
    if (g < 0) return;
    if (!byLabel.has(g)) byLabel.set(g, []);
    byLabel.get(g).push(i);
  });
  return [...byLabel.values()];
}

/** Every positive pair [a, b], group by group, a before b in the group's order. */
export function positivePairs(groups) {
  const out = [];
  for (const g of groups) for (let x = 0; x < g.length; x++) for (let y = x + 1; y < g.length; y++) out.push([g[x], g[y]]);
  return out;
}

/**
 * Precision, recall and F1 over pairs. Returns { clusterOf, positivePairs, reportedPairs, tp, fp,
 * fn, precision, recall, f1, unplantedClustered } (unplantedClustered: clustered items in no group).
 */
export function scorePairs(clusters, groups) {
  const clusterOf = clusterIndex(clusters);
  let reported = 0;
  for (const c of clusters) reported += pairCount(c.length);
  let positive = 0;
  let tp = 0;
  const planted = new Set();
  for (const g of groups) {
    positive += pairCount(g.length);
    for (let i = 0; i < g.length; i++) {
      planted.add(g[i]);
      for (let j = i + 1; j < g.length; j++) if (together(clusterOf, g[i], g[j])) tp++;
    }
  }
  let unplantedClustered = 0;
  for (const id of clusterOf.keys()) if (!planted.has(id)) unplantedClustered++;
  const precision = reported === 0 ? 1 : tp / reported;
  const recall = positive === 0 ? 1 : tp / positive;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { clusterOf, positivePairs: positive, reportedPairs: reported, tp, fp: reported - tp, fn: positive - tp, precision, recall, f1, unplantedClustered };
}

/**
 * Recall per copy type: for each item with a type (typeOf(item), null for an original), its pairs
 * with the other members of its group that `partner` accepts (default: all of them, other copies
 * included). Returns { [type]: { planted, found, recall } } with the keys of `types` first, in
 * their order (recall NaN where nothing was planted).
 */
export function recallByType(clusterOf, groups, typeOf, { types = [], partner = () => true } = {}) {
  const byType = Object.fromEntries(types.map((t) => [t, { planted: 0, found: 0 }]));
  for (const g of groups) {
    for (const c of g) {
      const type = typeOf(c);
      if (!type) continue;
      for (const o of g) {
        if (o === c || !partner(o)) continue;
        byType[type] ??= { planted: 0, found: 0 };
        byType[type].planted++;
        if (together(clusterOf, c, o)) byType[type].found++;
      }
    }
  }
  return Object.fromEntries(Object.entries(byType).map(([t, x]) => [t, { ...x, recall: x.planted ? x.found / x.planted : NaN }]));
}

/** Reported pairs that are not positive (false positives) for which when(a, b) holds. */
export function falsePairsWhere(clusters, groupOf, when) {
  let n = 0;
  for (const c of clusters) {
    for (let x = 0; x < c.length; x++) {
      for (let y = x + 1; y < c.length; y++) {
        const g = groupOf(c[x]);
        if (g !== undefined && g >= 0 && g === groupOf(c[y])) continue;
        if (when(c[x], c[y])) n++;
      }
    }
  }
  return n;
}
