// Scoring of reported clusters against planted groups, for the benchmarks, the tuning script and
// the labelled evaluation (bench/e2e.js, scripts/tune-defaults.mjs, scripts/eval-reprints.mjs):
// pairs-based precision and recall (below), B-cubed, recall per category of pair, the overlap of
// unrelated pairs (the precision margin) and descriptions of false clusters.
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

/**
 * B-cubed precision, recall and F1 over `items`: for each item, C = its cluster (itself alone when
 * in none) and G = its group (itself alone when in none); precision = mean of |C ∩ G| / |C|,
 * recall = mean of |C ∩ G| / |G|, F1 their harmonic mean (Bagga and Baldwin 1998; Amigó et al.
 * 2009). Every item counts, so singletons that stay alone raise both figures.
 */
export function bcubed(clusters, groups, items) {
  const clusterOf = clusterIndex(clusters);
  const groupOf = clusterIndex(groups);
  // |C ∩ G| per (cluster, group) cell.
  const cell = new Map();
  for (const id of items) {
    const c = clusterOf.get(id);
    const g = groupOf.get(id);
    if (c === undefined || g === undefined) continue;
    const k = `${c},${g}`;
    cell.set(k, (cell.get(k) ?? 0) + 1);
  }
  let p = 0;
  let r = 0;
  let n = 0;
  for (const id of items) {
    const c = clusterOf.get(id);
    const g = groupOf.get(id);
    const both = c === undefined || g === undefined ? 1 : cell.get(`${c},${g}`);
    p += both / (c === undefined ? 1 : clusters[c].length);
    r += both / (g === undefined ? 1 : groups[g].length);
    n++;
  }
  const precision = n ? p / n : 1;
  const recall = n ? r / n : 1;
  return { items: n, precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}

/**
 * Recall per category of positive pair: categoriesOf(a, b) names the categories a pair belongs to
 * (any number). Returns { [category]: { planted, found, recall } }, categories sorted by name.
 */
export function recallByCategory(clusterOf, groups, categoriesOf) {
  const out = new Map();
  for (const [a, b] of positivePairs(groups)) {
    const found = together(clusterOf, a, b);
    for (const c of categoriesOf(a, b)) {
      const x = out.get(c) ?? { planted: 0, found: 0 };
      x.planted++;
      if (found) x.found++;
      out.set(c, x);
    }
  }
  return Object.fromEntries([...out.entries()].sort((x, y) => (x[0] < y[0] ? -1 : 1)).map(([c, x]) => [c, { ...x, recall: x.found / x.planted }]));
}

/**
 * Exact overlap of every pair of items that share at least one shingle. `sets[i]` is item i's
 * sorted distinct shingle array (or null). Returns a Map from a*n+b (a < b) to the intersection
 * size; pairs sharing nothing are absent. Shingles on more than `maxPosting` items are skipped
 * (and counted in `skipped`): they are furniture no extraction removed, and would make this
 * quadratic.
 */
export function sharedShingles(sets, maxPosting = 5000) {
  const n = sets.length;
  const postings = new Map();
  sets.forEach((s, i) => {
    if (!s) return;
    for (const h of s) {
      const list = postings.get(h);
      if (list) list.push(i);
      else postings.set(h, [i]);
    }
  });
  const inter = new Map();
  let skipped = 0;
  for (const list of postings.values()) {
    if (list.length < 2) continue;
    if (list.length > maxPosting) {
      skipped++;
      continue;
    }
    for (let x = 0; x < list.length; x++) {
      const base = list[x] * n;
      for (let y = x + 1; y < list.length; y++) {
        const k = base + list[y];
        inter.set(k, (inter.get(k) ?? 0) + 1);
      }
    }
  }
  return { inter, skipped, n };
}

/** Jaccard and containment (share of the smaller set in the larger) from an intersection size. */
export function overlapOf(sizeA, sizeB, inter) {
  if (sizeA === 0 || sizeB === 0) return { jaccard: 0, containment: 0 };
  return { jaccard: inter / (sizeA + sizeB - inter), containment: inter / Math.min(sizeA, sizeB) };
}

/**
 * The precision margin: the highest Jaccard and containment of any pair of items in no common
 * group, per kind of pair. kindsOf(a, b) names the kinds of an unrelated pair (e.g. same outlet,
 * same topic); every pair also counts in 'all'. Returns { [kind]: { pairs (sharing any shingle),
 * maxJaccard, maxContainment, top: the `top` pairs by containment [{a, b, jaccard, containment,
 * shared}] } }.
 */
export function unrelatedMargin(sets, shared, related, kindsOf, { top = 10 } = {}) {
  const out = new Map();
  const { inter, n } = shared;
  for (const [k, i] of inter) {
    const a = Math.floor(k / n);
    const b = k % n;
    if (related(a, b)) continue;
    const o = overlapOf(sets[a].length, sets[b].length, i);
    for (const kind of ['all', ...kindsOf(a, b)]) {
      const x = out.get(kind) ?? { pairs: 0, maxJaccard: 0, maxContainment: 0, top: [] };
      x.pairs++;
      if (o.jaccard > x.maxJaccard) x.maxJaccard = o.jaccard;
      if (o.containment > x.maxContainment) x.maxContainment = o.containment;
      if (x.top.length < top || o.containment > x.top[x.top.length - 1].containment) {
        x.top.push({ a, b, jaccard: o.jaccard, containment: o.containment, shared: i });
        x.top.sort((p, q) => q.containment - p.containment || q.jaccard - p.jaccard || p.a - q.a || p.b - q.b);
        if (x.top.length > top) x.top.pop();
      }
      out.set(kind, x);
    }
  }
  return Object.fromEntries(out);
}

/**
 * Clusters that hold pairs of items in no common group, worst first (most false pairs): for each,
 * { index, size, falsePairs, groups (distinct groups among members, an ungrouped item its own),
 * largestGroup (members of its largest group), sharedBy: the most common value of attr(item)
 * among members and how many share it }.
 */
export function falseClusters(clusters, groupOf, attr = () => null) {
  const out = [];
  clusters.forEach((c, index) => {
    const byGroup = new Map();
    c.forEach((id, i) => {
      const g = groupOf(id);
      const key = g === undefined || g < 0 ? `single:${i}` : `g:${g}`;
      byGroup.set(key, (byGroup.get(key) ?? 0) + 1);
    });
    let truePairs = 0;
    for (const m of byGroup.values()) truePairs += pairCount(m);
    const falsePairs = pairCount(c.length) - truePairs;
    if (falsePairs === 0) return;
    const values = new Map();
    for (const id of c) {
      const v = attr(id);
      if (v !== null && v !== undefined) values.set(v, (values.get(v) ?? 0) + 1);
    }
    const [value, count] = [...values.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0] ?? [null, 0];
    out.push({ index, size: c.length, falsePairs, groups: byGroup.size, largestGroup: Math.max(...byGroup.values()), sharedBy: { value, count } });
  });
  return out.sort((x, y) => y.falsePairs - x.falsePairs || y.size - x.size || x.index - y.index);
}
