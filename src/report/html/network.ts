/**
 * The outlet network of an HTML report: outlets as nodes, and an edge from each outlet to every
 * outlet that ran a copy of the same article later, as in the GEXF and GraphML formats (outlets
 * named by report/network.ts's outletOf; copies of one date add no edge). Drawn as inline SVG
 * when the report is written, on a circle in name order, so the same report gives the same
 * picture and the page needs no layout library.
 */
import { outletOf } from '../network.js';
import { escapeHtml } from './escape.js';

/** A copy as the network needs it. */
interface NetworkCopy {
  outlet: string | null;
  url: string | null;
  published: string | null;
}

interface OutletEdge {
  from: number;
  to: number;
  /** Pairs of copies of one article, the earlier at `from`, the later at `to`. */
  copies: number;
}

export interface OutletNetwork {
  /** Sorted by name (code units). */
  outlets: string[];
  /** Copies each outlet ran. */
  copies: number[];
  edges: OutletEdge[];
}

/** `groups`: the copies of each article. */
export function outletNetwork(groups: readonly (readonly NetworkCopy[])[]): OutletNetwork {
  const names = new Set<string>();
  for (const g of groups) for (const c of g) names.add(outletOf(c));
  const outlets = [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const id = new Map(outlets.map((o, i) => [o, i]));
  const copies = outlets.map(() => 0);
  const edges = new Map<number, OutletEdge>();
  for (const g of groups) {
    const ids = g.map((c) => id.get(outletOf(c))!);
    for (const i of ids) copies[i]!++;
    g.forEach((x, i) => {
      g.forEach((y, j) => {
        if (x.published === null || y.published === null || !(x.published < y.published) || ids[i] === ids[j]) return;
        const key = ids[i]! * outlets.length + ids[j]!;
        const edge = edges.get(key) ?? { from: ids[i]!, to: ids[j]!, copies: 0 };
        edge.copies++;
        edges.set(key, edge);
      });
    });
  }
  return { outlets, copies, edges: [...edges.values()].sort((a, b) => a.from - b.from || a.to - b.to) };
}

const SIZE = 640;
const CENTER = SIZE / 2;
const RING = 220;
const f1 = (x: number): string => x.toFixed(1);
const LABEL_CHARS = 28;

/** A label short enough to stay inside the picture; the node's tooltip has the whole name. */
function shortLabel(name: string): string {
  return name.length > LABEL_CHARS ? name.slice(0, LABEL_CHARS - 1) + '…' : name;
}

/** The network as an `<svg>` element; node `i` carries `data-outlet="i"` (an index into `outlets`). */
export function networkSvg(net: OutletNetwork): string {
  const n = net.outlets.length;
  const at = (i: number, r = RING): [number, number] => {
    const angle = (2 * Math.PI * i) / Math.max(n, 1) - Math.PI / 2;
    return [CENTER + r * Math.cos(angle), CENTER + r * Math.sin(angle)];
  };
  const radius = (i: number): number => 6 + 3 * Math.sqrt(net.copies[i]!);
  const out: string[] = [
    `<svg class="network" viewBox="0 0 ${SIZE} ${SIZE}" role="img" aria-labelledby="network-title" xmlns="http://www.w3.org/2000/svg">`,
    '<title id="network-title">Outlets (nodes) and the copies they share (edges, from the earlier outlet to the later)</title>',
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" class="arrow-head"/></marker></defs>',
  ];
  for (const e of net.edges) {
    const [x1, y1] = at(e.from);
    const [x2, y2] = at(e.to);
    // Stop at the target's rim so the arrow head shows; a pair drawn both ways bends apart.
    const len = Math.hypot(x2 - x1, y2 - y1) || 1;
    const [ux, uy] = [(x2 - x1) / len, (y2 - y1) / len];
    const [sx, sy] = [x1 + ux * radius(e.from), y1 + uy * radius(e.from)];
    const [tx, ty] = [x2 - ux * (radius(e.to) + 2), y2 - uy * (radius(e.to) + 2)];
    const [mx, my] = [(sx + tx) / 2 - uy * 18, (sy + ty) / 2 + ux * 18];
    const label = `${net.outlets[e.from]} → ${net.outlets[e.to]}: ${e.copies} ${e.copies === 1 ? 'copy' : 'copies'} ran later`;
    out.push(
      `<path class="edge" data-from="${e.from}" data-to="${e.to}" d="M${f1(sx)},${f1(sy)}Q${f1(mx)},${f1(my)} ${f1(tx)},${f1(ty)}"` +
        ` stroke-width="${f1(1 + Math.log2(e.copies))}" marker-end="url(#arrow)"><title>${escapeHtml(label)}</title></path>`,
    );
  }
  net.outlets.forEach((name, i) => {
    const [x, y] = at(i);
    const [lx, ly] = at(i, RING + radius(i) + 8);
    const anchor = Math.abs(lx - CENTER) < 1 ? 'middle' : lx > CENTER ? 'start' : 'end';
    out.push(
      `<g class="node" data-outlet="${i}" tabindex="0" role="button">` +
        `<title>${escapeHtml(`${name}: ${net.copies[i]} ${net.copies[i] === 1 ? 'copy' : 'copies'} (click to filter)`)}</title>` +
        `<circle cx="${f1(x)}" cy="${f1(y)}" r="${f1(radius(i))}"/>` +
        `<text x="${f1(lx)}" y="${f1(ly)}" text-anchor="${anchor}" dominant-baseline="middle">${escapeHtml(shortLabel(name))}</text></g>`,
    );
  });
  out.push('</svg>');
  return out.join('\n');
}
