// Pieces of a researcher's profile shared by the candidate page (/people/7) and the graph-only
// researcher page (/authors/1234): identity confidence, metrics, affiliation history, topics, papers,
// the co-author neighbourhood drawn with Cytoscape, and warm paths to own staff.

import {h, num} from '../dom.js';
import * as vendor from '../vendor.js';
import {citationText, normalisePaper, pick} from './explain.js';

export function card(title, body, extra) {
  return h('section.card', {dataset: {card: title.toLowerCase().replace(/[^a-z]+/g, '-')}},
      h('div.card-head', h('h2', title), extra || null), body);
}

export function identity(profile) {
  const id = profile && profile.identity;
  if (!id) return null;
  const c = Number(pick(id, 'confidence', 'score'));
  const pct = Number.isFinite(c) ? Math.round(c <= 1 ? c * 100 : c) : null;
  const level = pct === null ? 'unknown' : pct >= 85 ? 'high' : pct >= 60 ? 'medium' : 'low';
  const meter = h('span.meter-fill', {class: `meter-${level}`});
  if (pct !== null) meter.style.width = `${pct}%`;
  const reasons = [].concat(pick(id, 'reason', 'reasons', 'why') || []).filter(Boolean);
  // The source ids, so every profile can be traced back to its records.
  const ids = [['OpenAlex', profile.openalex_id], ['ORCID', profile.orcid], ['OpenReview', profile.openreview_id]]
      .filter(([, v]) => v);
  return h('div.identity',
      h('div.identity-row', h('span', 'Identity confidence'),
          h('b', pct === null ? '–' : `${pct}%`), h('span.meter', meter)),
      reasons.length ? h('ul.identity-why', reasons.map((r) => h('li', String(r)))) : null,
      ids.length ? h('div.muted.small', ids.map(([k, v]) => `${k}: ${v}`).join(' · ')) : null);
}

// [key, label, shown only when non-zero]; keys follow scoring::ToJson(AuthorMetrics) and PersonSummary.
const kMetrics = [
  ['score', 'Score'], ['citations', 'Citations'], ['h_index', 'h-index'], ['i10_index', 'i10-index'],
  ['i10', 'i10-index'], ['recent_citations', 'Citations, last 3 y'], ['works', 'Works'],
  ['top_venue_papers', 'Top-venue papers'], ['orals', 'Orals', true], ['spotlights', 'Spotlights', true],
  ['awards', 'Awards', true], ['mean_rating', 'Mean review rating', true], ['first_author', 'First-author'],
  ['last_author', 'Last-author'], ['rising', 'Rising'], ['pagerank_rank', 'Co-author PageRank rank'],
  ['pagerank', 'PageRank', true],
];

export function metrics(...sources) {
  const merged = {};
  for (const s of sources) {
    for (const [k, v] of Object.entries(s || {})) {
      if (typeof v === 'number' && Number.isFinite(v) && merged[k] === undefined) merged[k] = v;
    }
  }
  // Citation metrics the server could not compute (no paper with a count) come as null: "unknown".
  for (const s of sources) {
    for (const k of ['citations', 'h_index', 'i10_index', 'recent_citations']) {
      if (s && s[k] === null && merged[k] === undefined) merged[k] = null;
    }
  }
  const shown = kMetrics.filter(([k, , onlyIfSet]) => merged[k] !== undefined && (!onlyIfSet || merged[k]));
  const items = shown.filter(([k], i) => !(k === 'i10' && shown.some(([o]) => o === 'i10_index')));
  if (!items.length) return h('p.muted', 'No metrics yet.');
  const years = merged.first_year > 0 && merged.last_year > 0
      ? h('p.muted.small', `Publishing ${merged.first_year}–${merged.last_year}`) : null;
  return h('div', h('dl.metrics', items.map(([k, text]) => h('div.metric', h('dt', text), h('dd', merged[k] === null ? 'unknown' : num(merged[k]))))),
      years);
}

// Affiliation history: accepts [{institution|name, year|from/to, country}] and collapses consecutive years
// at the same place into one span.
export function history(profile) {
  const raw = pick(profile, 'history', 'institutions', 'affiliations', 'affiliation_history') || [];
  if (!Array.isArray(raw) || !raw.length) return h('p.muted', 'No affiliation history in the graph.');
  const rows = raw.map((r) => typeof r === 'string' ? {name: r} : {
    name: pick(r, 'institution', 'name', 'org', 'display_name') || '?',
    from: pick(r, 'from', 'start', 'first_year', 'year'),
    to: pick(r, 'to', 'end', 'last_year', 'year'),
    country: pick(r, 'country', 'country_code'),
    works: pick(r, 'works'),
  });
  rows.sort((a, b) => (Number(b.to) || 0) - (Number(a.to) || 0));
  const spans = [];
  for (const r of rows) {
    const last = spans[spans.length - 1];
    // Years without papers leave gaps; the same place on both sides of a gap is one stay.
    if (last && last.name === r.name) {
      last.from = Math.min(Number(last.from), Number(r.from));
      if (r.works !== undefined) last.works = (Number(last.works) || 0) + Number(r.works);
    } else {
      spans.push({...r});
    }
  }
  return h('ol.timeline.timeline-compact', spans.map((s) => h('li',
      h('span.tl-when', s.from && s.to && s.from !== s.to ? `${s.from}–${s.to}` : String(s.to ?? s.from ?? '')),
      h('span.tl-what', s.name, s.country ? h('span.muted', ` · ${s.country}`) : null,
          s.works ? h('span.muted', ` · ${s.works} work${s.works === 1 ? '' : 's'}`) : null))));
}

export function topics(profile, fallback) {
  const raw = pick(profile, 'topics', 'top_topics') || fallback || [];
  if (!raw.length) return h('p.muted', 'No topics.');
  const list = raw.map((t) => typeof t === 'string' ? {name: t}
      : {name: pick(t, 'name', 'topic', 'display_name'), weight: pick(t, 'weight', 'score', 'share', 'count')});
  const max = Math.max(...list.map((t) => Number(t.weight) || 0), 1e-9);
  return h('ul.topics', list.slice(0, 12).map((t) => {
    const fill = h('span.topic-fill');
    if (t.weight !== undefined) fill.style.width = `${Math.max(4, Math.round(100 * t.weight / max))}%`;
    return h('li', h('span.topic-name', t.name), t.weight !== undefined ? h('span.topic-bar', fill) : null);
  }));
}

export function papers(list, shown = 10) {
  const rows = (list || []).map(normalisePaper);
  if (!rows.length) return h('p.muted', 'No papers linked.');
  rows.sort((a, b) => (Number(b.citations) || 0) - (Number(a.citations) || 0));
  const table = paperTable(rows.slice(0, shown));
  if (rows.length <= shown) return table;
  const more = h('button.btn.btn-more', {type: 'button'}, `Show all ${rows.length} papers`);
  more.addEventListener('click', () => {
    table.replaceWith(paperTable(rows));
    more.remove();
  });
  return h('div', table, more);
}

function paperTable(rows) {
  return h('table.table.papers',
      h('thead', h('tr', h('th', 'Paper'), h('th', 'Venue'), h('th.num', 'Year'), h('th.num', 'Citations'))),
      h('tbody', rows.map((p) => h('tr',
          h('td', p.title || p.id || 'Untitled', p.status ? h('span.tag', p.status) : null),
          h('td', p.venue || ''), h('td.num', p.year ?? ''), h('td.num', {title: p.citationsSource || ''}, citationText(p, num))))));
}

export function warmPaths(list) {
  if (!list || !list.length) return h('p.muted', 'No co-author path to our own staff within reach.');
  return h('ol.paths', list.map((p) => {
    const hops = typeof p.hops === 'number' ? p.hops : Math.max(0, (p.path || []).length - 1);
    // Each hop is a shared paper: name it, so the introduction has something to start from.
    const via = (p.steps || []).map((s) => s.shared && s.shared[0]
      ? `${s.from} & ${s.to}: “${s.shared[0].title}”${s.shared[0].year ? ` (${s.shared[0].year})` : ''}` +
        (s.shared_works > 1 ? ` +${s.shared_works - 1} more` : '') : null).filter(Boolean);
    return h('li.path',
        h('div.path-head', p.staff_person_id ? h('a', {href: `/people/${p.staff_person_id}`}, p.staff_name || 'Staff')
            : h('b', p.staff_name || 'Staff'), h('span.muted', ` · ${hops} hop${hops === 1 ? '' : 's'}`)),
        h('div.path-chain', (p.path || []).map((step, i) => [
          i ? h('span.path-arrow', '→') : null,
          h('span.path-step', step.name || `#${step.author_id}`)])),
        via.length ? h('ul.path-via', via.map((v) => h('li', v))) : null);
  }));
}

// Draws the co-author neighbourhood; returns a cleanup that destroys the Cytoscape instance.
export function neighbourhood(container, nb, onOpenPerson) {
  const nodes = (nb && nb.nodes) || [];
  if (!nodes.length) {
    container.append(h('p.muted', 'No co-authors in the graph.'));
    return () => {};
  }
  const canvas = h('div.graph#coauthor-graph', {role: 'img',
    'aria-label': `Co-author graph with ${nodes.length} people`});
  const legend = h('div.graph-legend',
      h('span.lg.lg-center', 'this person'), h('span.lg.lg-staff', 'our staff (click to open)'),
      h('span.lg.lg-other', 'co-author (size: works)'));
  container.append(canvas, legend);
  let cy = null;
  let dead = false;
  vendor.cytoscape().then((cytoscape) => {
    if (dead) return;
    const maxW = Math.max(...((nb.edges || []).map((e) => Number(e.weight) || 1)), 1);
    // An ego network reads best as rings: the person in the middle, the strongest co-authors closest.
    // Ring 3 is the centre; the co-authors split into thirds by the weight of their tie to the person.
    const center = nodes.find((n) => n.center);
    const tie = new Map();
    for (const e of nb.edges || []) {
      if (center && e.source === center.id) tie.set(e.target, Number(e.weight) || 0);
      if (center && e.target === center.id) tie.set(e.source, Number(e.weight) || 0);
    }
    const order = nodes.filter((n) => !n.center).sort((a, b) => (tie.get(b.id) || 0) - (tie.get(a.id) || 0));
    const ring = new Map(order.map((n, i) => [n.id, i < 6 ? 2 : i < 14 ? 1 : 0]));
    cy = cytoscape({
      container: canvas,
      elements: [
        ...nodes.map((n) => ({data: {id: String(n.id), label: n.name || String(n.id), org: n.org || '',
          size: 12 + Math.min(14, 2.5 * Math.sqrt(Number(n.works) || 1)),
          ring: n.center ? 3 : ring.get(n.id) || 0,
          person: n.person_id ?? n.staff_person_id ?? null},
        classes: n.center ? 'center' : n.staff_person_id ? 'staff' : n.person_id ? 'person' : 'other'})),
        ...(nb.edges || []).filter((e) => e.source !== e.target).map((e, i) => ({data: {id: `e${i}`,
          source: String(e.source), target: String(e.target), w: 1 + 5 * (Number(e.weight) || 1) / maxW}})),
      ],
      style: [
        {selector: 'node', style: {'label': 'data(label)', 'font-size': 10, 'color': '#334155',
          'text-background-color': '#fafbff', 'text-background-opacity': 0.85, 'text-background-padding': 1,
          'text-valign': 'bottom', 'text-margin-y': 3, 'width': 'data(size)', 'height': 'data(size)',
          'background-color': '#94a3b8', 'text-wrap': 'ellipsis', 'text-max-width': 110}},
        {selector: 'node.person', style: {'background-color': '#0ea5e9'}},
        {selector: 'node.staff', style: {'background-color': '#16a34a', 'shape': 'round-rectangle'}},
        {selector: 'node.center', style: {'background-color': '#4f46e5', 'width': 28, 'height': 28,
          'font-weight': 'bold', 'font-size': 12, 'color': '#1e1b4b'}},
        {selector: 'edge', style: {'width': 'data(w)', 'line-color': '#cbd5e1', 'curve-style': 'haystack',
          'opacity': 0.7}},
        {selector: 'node:active, node.hover', style: {'z-index': 10, 'font-weight': 'bold'}},
        {selector: 'node:selected', style: {'border-width': 3, 'border-color': '#f59e0b'}},
      ],
      layout: {name: 'concentric', concentric: (node) => node.data('ring'),
        levelWidth: () => 1, minNodeSpacing: 46, avoidOverlap: true, animate: false,
        padding: 24, startAngle: -Math.PI / 2},
      minZoom: 0.3, maxZoom: 3,
    });
    cy.on('tap', 'node', (ev) => {
      const pid = ev.target.data('person');
      if (pid && onOpenPerson) onOpenPerson(pid);
    });
    canvas.cy = cy;  // for tests and the console
    canvas.dataset.ready = 'true';
  }).catch((e) => {
    canvas.replaceWith(h('p.error-box', `The graph cannot be drawn: ${e.message}`));
  });
  return () => {
    dead = true;
    if (cy) cy.destroy();
  };
}
