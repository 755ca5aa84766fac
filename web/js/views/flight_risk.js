// /flight-risk (ceo, hr): own staff by flight risk × strength, with every piece of the score, its weight and
// its evidence; pieces the system cannot know yet (no rival offer, equity or raise on file) say so.

import * as api from '../api.js';
import {clear, errorBox, h, spinner} from '../dom.js';

const pct = (x) => `${Math.round(Number(x || 0) * 100)}%`;

export async function render(root) {
  const body = h('div#flight-risk', spinner());
  root.append(h('section.page.page-wide',
      h('div.page-head', h('h1', 'Flight risk'),
          h('p.muted', 'Who might leave, from the evidence we have: moves of co-authors and colleagues to rival labs, ' +
            'rising visibility, offers, vesting, raises and managers. Weights are in Settings (flight_risk).')),
      h('section.card', body)));
  let data;
  try {
    data = await api.get('/api/flight-risk');
  } catch (e) {
    clear(body).append(errorBox(e));
    return;
  }
  const rows = [];
  for (const s of data.staff) {
    const pieces = h('table.table.risk-pieces', {hidden: true},
        h('thead', h('tr', h('th', 'Piece'), h('th.num', 'Weight'), h('th.num', 'Points'), h('th', 'Evidence'))),
        h('tbody', s.pieces.map((p) => h('tr', {class: p.known ? '' : 'unknown', dataset: {piece: p.key}},
            h('td', p.label), h('td.num', p.weight.toFixed(2)), h('td.num', p.points.toFixed(2)),
            h('td', p.known ? p.evidence : `unknown — ${p.evidence}`)))));
    const toggle = h('button.btn.small', {type: 'button', onclick: () => (pieces.hidden = !pieces.hidden)}, 'Why');
    rows.push(h('tr', {dataset: {staffId: s.staff_id}},
        h('td', s.author_id !== null ? h('a', {href: `/authors/${s.author_id}`}, s.name) : s.name,
            h('div.muted', [s.title, s.team].filter(Boolean).join(' · '))),
        h('td.num.risk', pct(s.risk)),
        h('td.num', s.strength ? s.strength.toFixed(1) : '—'),
        h('td', toggle, pieces)));
  }
  clear(body).append(
      h('p.muted', data.graph_loaded ? `Graph as of ${data.as_of_year}. Sorted by risk × strength.` :
        'No talent graph loaded: the graph pieces are unknown.'),
      rows.length ? h('table.table#risk-table', h('thead', h('tr', h('th', 'Staff'), h('th.num', 'Risk'),
          h('th.num', 'Strength'), h('th', 'Pieces'))), h('tbody', rows)) : h('p.muted', 'No staff on file.'));
}
