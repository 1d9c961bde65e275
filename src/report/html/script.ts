/**
 * The HTML reports' page script, inlined as text. It reads the embedded JSON (model.ts) and builds
 * every element with createElement and textContent: data never passes through an HTML parser, so
 * a title that is markup shows as text. No template literals in it: it lives in one.
 */
export const REPORT_SCRIPT = `
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var SVG = 'http://www.w3.org/2000/svg';
  var DAY = 86400000;

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function svgEl(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    for (var k in attrs) e.setAttribute(k, String(attrs[k]));
    return e;
  }
  function n2(x) { return x === null ? '-' : x.toFixed(2); }
  function plural(n, one, many) { return n + ' ' + (n === 1 ? one : many); }
  function memberOf(g, key) {
    for (var i = 0; i < g.members.length; i++) if (g.members[i].key === key) return g.members[i];
    return null;
  }
  function nameOf(m) { return m.outlet || m.url || m.path; }

  document.title = data.title;
  document.getElementById('title').textContent = data.title;
  var facts = document.getElementById('facts');
  data.facts.forEach(function (f) { facts.appendChild(el('li', null, f)); });

  var outletSelect = document.getElementById('outlet');
  data.outlets.forEach(function (o, i) {
    var opt = el('option', null, o);
    opt.value = String(i);
    outletSelect.appendChild(opt);
  });

  function timeline(g) {
    var dated = g.members.filter(function (m) { return m.published !== null; });
    var wrap = el('div', 'timeline-wrap');
    if (dated.length > 0) {
      var times = dated.map(function (m) { return Date.parse(m.published); });
      var lo = Math.min.apply(null, times), hi = Math.max.apply(null, times);
      var svg = svgEl('svg', { 'class': 'timeline', viewBox: '0 0 1000 72', preserveAspectRatio: 'none', role: 'img' });
      var t = svgEl('title', {});
      t.textContent = 'Copies by published date';
      svg.appendChild(t);
      svg.appendChild(svgEl('line', { x1: 20, y1: 24, x2: 980, y2: 24 }));
      var seen = {};
      // Date labels take two rows; a label that would overlap both is left to the dot's tooltip.
      var rowEnds = [-Infinity, -Infinity];
      dated.forEach(function (m, i) {
        var x = hi === lo ? 500 : 20 + (960 * (times[i] - lo)) / (hi - lo);
        // Copies of one day stack, so each stays visible.
        var stack = seen[m.published] = (seen[m.published] || 0) + 1;
        var c = svgEl('circle', { cx: x.toFixed(1), cy: 24 - (stack - 1) * 10, r: m.key === g.earliest ? 8 : 6 });
        if (m.key === g.earliest) c.setAttribute('class', 'earliest');
        var tip = svgEl('title', {});
        tip.textContent = m.published + ' ' + nameOf(m) + (m.key === g.earliest ? ' (earliest)' : '');
        c.appendChild(tip);
        svg.appendChild(c);
        var row = x - rowEnds[0] > 110 ? 0 : x - rowEnds[1] > 110 ? 1 : -1;
        if (stack === 1 && row >= 0) {
          rowEnds[row] = x;
          var label = svgEl('text', { x: x.toFixed(1), y: 48 + row * 14, 'text-anchor': x < 80 ? 'start' : x > 920 ? 'end' : 'middle' });
          label.textContent = m.published + (m.key === g.earliest ? ' earliest' : '');
          svg.appendChild(label);
        }
      });
      wrap.appendChild(svg);
    }
    var undated = g.members.length - dated.length;
    if (undated > 0) wrap.appendChild(el('p', 'undated', plural(undated, 'copy has', 'copies have') + ' no date.'));
    return wrap;
  }

  function explainView(g, m, box) {
    box.textContent = '';
    var x = m.explain;
    var base = memberOf(g, x.base);
    var head = el('p', 'explain-head');
    head.appendChild(el('strong', null, nameOf(m)));
    var which = x.base === g.earliest ? 'the earliest copy, ' : x.base === g.representative ? 'the representative copy, ' : 'the page checked, ';
    head.appendChild(document.createTextNode(' against ' + which));
    head.appendChild(el('strong', null, base ? nameOf(base) : x.base));
    head.appendChild(document.createTextNode(': similarity ' + n2(x.jaccard) + ', containment ' + n2(x.containment) + '.'));
    box.appendChild(head);
    var legend = el('p', 'legend');
    legend.appendChild(el('span', 'shared', 'in both'));
    legend.appendChild(el('span', 'base', 'only in ' + (base ? nameOf(base) : 'the base copy')));
    legend.appendChild(el('span', 'copy', 'only in this copy'));
    box.appendChild(legend);
    if (x.segments.length === 0) box.appendChild(el('p', 'empty', 'No text to compare.'));
    x.segments.forEach(function (s) {
      var p = el('div', 'passage ' + s.kind);
      p.appendChild(el('span', 'label', (s.kind === 'shared' ? 'in both' : s.kind === 'base' ? 'only in the base copy' : 'only in this copy') + ', ' + plural(s.words, 'word', 'words')));
      if (s.changes && s.changes.length > 0) {
        s.changes.forEach(function (c) {
          var tag = c.kind === 'base' ? 'del' : c.kind === 'copy' ? 'ins' : 'span';
          p.appendChild(el(tag, null, c.text));
        });
      } else if (s.kind === 'shared' && s.text.length > LONG_PASSAGE) {
        // A long passage both copies have is shown by its ends; what differs is the news.
        var shortText = s.text.slice(0, 240) + ' … ' + s.text.slice(-160);
        var body = document.createTextNode(shortText);
        var more = el('button', 'more', 'show all');
        more.type = 'button';
        more.addEventListener('click', function () {
          var full = body.textContent === shortText;
          body.textContent = full ? s.text : shortText;
          more.textContent = full ? 'show less' : 'show all';
        });
        p.appendChild(body);
        p.appendChild(document.createTextNode(' '));
        p.appendChild(more);
      } else {
        p.appendChild(document.createTextNode(s.text));
      }
      box.appendChild(p);
    });
  }

  var LONG_PASSAGE = 600;
  var COLUMNS = ['', 'published', 'dateline', 'outlet', 'title', 'similarity', 'containment', 'words', 'path', ''];

  function groupView(g, index) {
    var section = el('article', 'group');
    section.id = 'group-' + index;
    var earliest = g.earliest !== null ? memberOf(g, g.earliest) : null;
    var h = el('h2', null, g.heading);
    var meta = [plural(g.members.length, 'copy', 'copies')];
    meta.push(earliest ? 'earliest ' + earliest.published + ', ' + nameOf(earliest) : 'no dated copy');
    if (g.dateSpanDays !== null && g.dateSpanDays > 0) meta.push('span ' + plural(g.dateSpanDays, 'day', 'days'));
    h.appendChild(el('span', 'meta', ' · ' + meta.join(' · ')));
    section.appendChild(h);
    section.appendChild(timeline(g));
    var table = el('table');
    var thead = el('thead');
    var hr = el('tr');
    COLUMNS.forEach(function (c) { hr.appendChild(el('th', null, c === 'similarity' ? 'similarity to ' + data.comparedWith : c)); });
    thead.appendChild(hr);
    table.appendChild(thead);
    var tbody = el('tbody');
    var box = el('div', 'explain');
    box.hidden = true;
    var open = null;
    g.members.forEach(function (m) {
      var tr = el('tr', m.key === g.earliest ? 'earliest' : null);
      var mark = (m.key === g.earliest ? '★' : '') + (m.key === g.representative ? 'R' : '');
      tr.appendChild(el('td', 'mark', mark));
      tr.appendChild(el('td', null, m.published || '-'));
      tr.appendChild(el('td', null, m.dateline || '-'));
      var outlet = el('td', 'outlet', m.outlet || '-');
      if (m.role) outlet.appendChild(el('span', 'badge', m.role));
      tr.appendChild(outlet);
      tr.appendChild(el('td', 'title', m.title || '-'));
      tr.appendChild(el('td', 'num', n2(m.similarity)));
      tr.appendChild(el('td', 'num', n2(m.containment)));
      tr.appendChild(el('td', 'num', m.words === null ? '-' : m.words));
      tr.appendChild(el('td', 'path', m.url && m.url !== m.path ? m.path + ' ' + m.url : m.path));
      var act = el('td');
      if (m.key === g.base) {
        act.appendChild(el('span', 'badge', 'base'));
      } else if (m.explain) {
        var b = el('button', 'explain-button', 'explain');
        b.type = 'button';
        b.setAttribute('aria-expanded', 'false');
        b.addEventListener('click', function () {
          if (open === b) {
            box.hidden = true;
            b.setAttribute('aria-expanded', 'false');
            open = null;
            return;
          }
          if (open) open.setAttribute('aria-expanded', 'false');
          explainView(g, m, box);
          box.hidden = false;
          b.setAttribute('aria-expanded', 'true');
          open = b;
        });
        act.appendChild(b);
      } else if (g.base !== null) {
        var none = el('span', 'badge', 'no text');
        none.title = data.noExplain;
        act.appendChild(none);
      }
      tr.appendChild(act);
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
    section.appendChild(table);
    section.appendChild(box);
    var text = [g.id, g.heading];
    g.members.forEach(function (m) { text.push(m.title || '', m.outlet || '', m.path, m.url || ''); });
    return { element: section, group: g, text: text.join('\\n').toLowerCase() };
  }

  var list = document.getElementById('groups');
  var views = data.groups.map(groupView);
  views.forEach(function (v) { list.appendChild(v.element); });
  if (views.length === 0) list.appendChild(el('p', 'empty', 'No copies found.'));

  var search = document.getElementById('search');
  var from = document.getElementById('from');
  var to = document.getElementById('to');
  var shown = document.getElementById('shown');
  var network = document.querySelector('svg.network');

  function applyFilters() {
    var q = search.value.trim().toLowerCase();
    var outlet = outletSelect.value === '' ? null : Number(outletSelect.value);
    var lo = from.value || null, hi = to.value || null;
    var count = 0;
    views.forEach(function (v) {
      var ok = q === '' || v.text.indexOf(q) >= 0;
      if (ok && outlet !== null) ok = v.group.members.some(function (m) { return m.outletIndex === outlet; });
      if (ok && (lo !== null || hi !== null)) {
        ok = v.group.members.some(function (m) {
          return m.published !== null && (lo === null || m.published >= lo) && (hi === null || m.published <= hi);
        });
      }
      v.element.hidden = !ok;
      if (ok) count++;
    });
    shown.textContent = count + ' of ' + plural(views.length, data.kind === 'scan' ? 'cluster' : 'finding', data.kind === 'scan' ? 'clusters' : 'findings') + ' shown';
    if (network) {
      var sel = outletSelect.value;
      network.classList.toggle('filtered', sel !== '');
      network.querySelectorAll('.node').forEach(function (n) { n.classList.toggle('selected', n.getAttribute('data-outlet') === sel); });
      network.querySelectorAll('.edge').forEach(function (e) {
        e.classList.toggle('touching', e.getAttribute('data-from') === sel || e.getAttribute('data-to') === sel);
      });
    }
  }
  [search, from, to].forEach(function (i) { i.addEventListener('input', applyFilters); });
  outletSelect.addEventListener('change', applyFilters);
  if (network) {
    network.querySelectorAll('.node').forEach(function (n) {
      function pick() {
        var i = n.getAttribute('data-outlet');
        outletSelect.value = outletSelect.value === i ? '' : i;
        applyFilters();
      }
      n.addEventListener('click', pick);
      n.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); pick(); } });
    });
  }
  applyFilters();

  var errors = document.getElementById('errors');
  if (data.errors.length > 0) {
    errors.appendChild(el('h2', null, plural(data.errors.length, 'page could not be used', 'pages could not be used')));
    var ul = el('ul', 'errors');
    data.errors.forEach(function (e) { ul.appendChild(el('li', null, e.path + ': ' + e.message)); });
    errors.appendChild(ul);
  }
})();
`;
