// Deals: acqui-hires and investments. The list of deals; one deal's people with their strength and topics
// in the talent graph; and, for the CEO, talent per dollar beside hiring the same people one by one (a
// Chart.js bar chart) with the assumptions behind both numbers. HR sees the deals and their people; the
// server leaves prices, stakes, retention and talent per dollar out of HR's answers, so the page shows
// what it is given. Every read is audited by the server.

import * as api from '../api.js';
import {clear, errorBox, h, num, spinner, toast} from '../dom.js';
import * as vendor from '../vendor.js';
import {navigate} from '../app.js';

const kKinds = ['acquisition', 'stake', 'investment', 'fund_stake', 'licence'];
const kMoves = {idea: ['proposed', 'negotiating', 'dead'], proposed: ['negotiating', 'dead'],
  negotiating: ['signed', 'proposed', 'dead'], signed: ['closed', 'dead'], closed: [], dead: ['idea']};
const kind = (k) => k.replace('_', ' ');
const perM = (x) => (x ? (x < 0.1 ? x.toPrecision(2) : x.toFixed(2)) : '–');
const times = (r) => (r ? `${r < 0.1 ? r.toPrecision(2) : r.toFixed(2)}×` : '–');

// Whole currency units typed by the CEO ("14,300,000,000") → integer minor units; null when not a number.
function toMinor(text) {
  const digits = String(text || '').replace(/[,_\s$€£]/g, '');
  if (!/^\d{1,13}$/.test(digits)) return null;
  return Number(digits) * 100;
}

export async function render(root, params) {
  const isCeo = api.session.user && api.session.user.role === 'ceo';
  const id = params && params[0] ? Number(params[0]) : null;
  const list = h('div#deals-list', spinner());
  const detail = h('div#deal-detail');
  root.append(h('section.page.page-wide',
      h('div.page-head', h('h1', 'Deals'),
          h('p.muted', 'Acqui-hires and investments judged by the talent they bring per dollar, beside hiring ' +
              'the same people one by one.')),
      h('div.deals-grid',
          h('section.card', h('div.card-head', h('h2', 'All deals')), list,
              isCeo ? newDealForm((d) => navigate(`/deals/${d.id}`)) : null),
          detail)));
  let chart = null;
  let dead = false;
  try {
    const data = await api.get('/api/deals');
    if (dead) return;
    drawList(list, data.deals, isCeo, id);
  } catch (e) {
    clear(list).append(errorBox(e));
    return;
  }
  if (id) {
    clear(detail).append(spinner());
    const show = async () => {
      try {
        const deal = await api.get(`/api/deals/${id}`);
        if (dead) return;
        if (chart) chart.destroy();
        chart = await drawDeal(detail, deal, isCeo, show);
      } catch (e) {
        clear(detail).append(errorBox(e));
      }
    };
    await show();
  } else {
    detail.append(h('section.card', h('p.muted', 'Pick a deal to see its people and what they cost.')));
  }
  return () => {
    dead = true;
    if (chart) chart.destroy();
  };
}

function drawList(box, deals, isCeo, current) {
  if (!deals.length) {
    clear(box).append(h('p.muted', 'No deals yet.'));
    return;
  }
  const head = ['Organisation', 'Kind', 'Status', 'People'];
  if (isCeo) head.push('Price', 'Stake', 'Talent per $1M', 'vs one by one');
  const rows = deals.map((d) => {
    const cells = [h('td', h('a', {href: `/deals/${d.id}`}, d.org)), h('td', kind(d.kind)),
      h('td', h('span.badge', d.status)), h('td', num(d.people_count))];
    if (isCeo) {
      const t = d.talent;
      cells.push(h('td.num', d.price ? d.price.text : '–'), h('td.num', d.stake_bp ? d.stake : '–'),
          h('td.num', t ? perM(t.deal_talent_per_musd) : '–'),
          h('td.num', t ? times(t.ratio) : '–'));
    }
    return h('tr', {class: d.id === current ? 'selected' : null, dataset: {deal: d.id}}, cells);
  });
  clear(box).append(h('table.table#deals-table', h('thead', h('tr', head.map((c) => h('th', c)))),
      h('tbody', rows)));
}

async function drawDeal(box, deal, isCeo, refresh) {
  const terms = deal.price ? `${deal.price.text}${deal.stake_bp && deal.kind !== 'acquisition' ?
    ` for ${deal.stake}` : ''}` : null;
  const head = h('div.card-head', h('h2#deal-title', `${deal.org} · ${kind(deal.kind)}`),
      h('span.badge#deal-status', deal.status));
  const facts = h('p.muted', terms ? h('strong#deal-terms', terms) : null, terms ? ' · ' : null,
      `version ${deal.version}, by ${deal.created_by}`, deal.notes ? h('span', ` · ${deal.notes}`) : null);
  const talent = h('div#deal-talent');
  const people = h('div#deal-people');
  const sections = [h('section.card', head, facts, isCeo ? statusForm(deal, refresh) : null)];
  if (deal.talent) sections.push(h('section.card', h('div.card-head', h('h2', 'Talent per dollar')), talent));
  else if (deal.talent_error) sections.push(h('section.card', h('div.error-box', deal.talent_error)));
  sections.push(h('section.card', h('div.card-head', h('h2', `People it brings (${deal.people.length})`)),
      people, isCeo ? addPersonForm(deal, refresh) : null));
  clear(box).append(...sections);
  drawPeople(people, deal, isCeo);
  if (!deal.talent) return null;
  return drawTalent(talent, deal.talent);
}

function drawPeople(box, deal, isCeo) {
  if (!deal.people.length) {
    clear(box).append(h('p.muted', 'Nobody yet: add the people this deal is meant to bring.'));
    return;
  }
  const head = ['Name', 'Role', 'Strength', 'Topics', 'P(comes)'];
  if (isCeo) head.push('Retention', 'One by one: offer', 'P(accept)', 'Cost');
  const rows = deal.people.map((p) => {
    const link = p.person_id ? `/people/${p.person_id}` : (p.author_id >= 0 ? `/authors/${p.author_id}` : null);
    const cells = [h('td', link ? h('a', {href: link}, p.name) : p.name, p.stage ? h('span.muted', ` · ${p.stage}`) : null),
      h('td', p.role), h('td.num', p.strength === null ? 'not in graph' : num(p.strength)),
      h('td', p.topics.join(', ')), h('td.num', `${Math.round(p.p_join * 100)}%`)];
    if (isCeo) {
      const o = p.one_by_one;
      cells.push(h('td.num', p.retention ? p.retention.text : '–'), h('td.num', o ? o.offer_4y.text : '–'),
          h('td.num', o ? `${(o.p_accept * 100).toFixed(0)}%` : '–'), h('td.num', o ? o.cost.text : '–'));
    }
    return h('tr', cells);
  });
  clear(box).append(h('table.table#deal-people-table', h('thead', h('tr', head.map((c) => h('th', c)))),
      h('tbody', rows)));
}

async function drawTalent(box, t) {
  const tile = (id, value, name, sub) => h('div.kpi', {id}, h('div.kpi-value', value), h('div.kpi-name', name),
      sub ? h('div.kpi-sub', sub) : null);
  const canvas = h('canvas#talent-chart', {role: 'img', 'aria-label': 'Talent per $1M: the deal vs one by one'});
  clear(box).append(
      h('div.kpis',
          tile('kpi-deal-tpd', perM(t.deal_talent_per_musd), 'Talent per $1M, deal',
              `${num(t.expected_talent)} expected talent for ${t.deal_cost_usd.text}`),
          tile('kpi-one-tpd', perM(t.one_by_one_talent_per_musd), 'Talent per $1M, one by one',
              `${num(t.one_by_one_talent)} talent for ${t.one_by_one_cost_usd.text}`),
          tile('kpi-ratio', times(t.ratio), 'Deal vs one by one',
              t.ratio >= 1 ? 'the deal buys more talent per dollar' : 'hiring one by one buys more per dollar'),
          tile('kpi-people', num(t.expected_people), 'People expected to come',
              t.unknown_value ? `${t.unknown_value} not in the talent graph (count 0)` : null),
          tile('kpi-cost', t.deal_cost.text, 'Deal cost', 'price + expected retention')),
      h('div.chart-box', canvas),
      h('details#deal-assumptions', {open: true}, h('summary', 'Assumptions'),
          h('ul', t.assumptions.map((a) => h('li', a)))));
  const Chart = await vendor.chartJs();
  return new Chart(canvas, {
    type: 'bar',
    data: {labels: ['This deal', 'Hiring one by one'],
      datasets: [{label: 'Talent per $1M', data: [t.deal_talent_per_musd, t.one_by_one_talent_per_musd],
        backgroundColor: ['#4f46e5', '#94a3b8']}]},
    options: {responsive: true, maintainAspectRatio: false, animation: false, indexAxis: 'y',
      plugins: {legend: {display: false}},
      scales: {x: {beginAtZero: true, title: {display: true, text: 'graph strength per $1M'}}}},
  });
}

function newDealForm(done) {
  const f = {org: h('input', {name: 'org', placeholder: 'Organisation (as in the talent graph)', required: true}),
    kind: h('select', {name: 'kind'}, kKinds.map((k) => h('option', {value: k}, kind(k)))),
    price: h('input', {name: 'price', placeholder: 'Price in USD (whole dollars)', inputmode: 'numeric'}),
    stake: h('input', {name: 'stake', type: 'number', min: 0, max: 100, step: '0.01', placeholder: 'Stake %'}),
    notes: h('input', {name: 'notes', placeholder: 'Notes'})};
  const button = h('button.btn.btn-primary', {type: 'submit'}, 'Record deal');
  const form = h('form.deal-form#deal-form', h('h3', 'New deal'), Object.values(f), button);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const price = f.price.value.trim() ? toMinor(f.price.value) : 0;
    if (price === null) return toast('Price: whole dollars, digits only', 'error');
    const body = {org: f.org.value.trim(), kind: f.kind.value, price_minor: price, notes: f.notes.value};
    if (f.stake.value !== '') body.stake_bp = Math.round(Number(f.stake.value) * 100);
    button.disabled = true;
    try {
      const d = await api.post('/api/deals', body);
      toast('Deal recorded', 'ok');
      done(d);
    } catch (e) {
      toast(e.message, 'error', 10000);
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

function statusForm(deal, refresh) {
  const moves = kMoves[deal.status] || [];
  if (!moves.length) return null;
  const select = h('select', {name: 'status'}, moves.map((s) => h('option', {value: s}, s)));
  const button = h('button.btn', {type: 'submit'}, 'Move');
  const form = h('form.inline-form#deal-status-form', h('span.muted', 'Move to '), select, button);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await api.patch(`/api/deals/${deal.id}`, {version: deal.version, status: select.value});
      refresh();
    } catch (e) {
      toast(e.message, 'error', 10000);
    }
  });
  return form;
}

function addPersonForm(deal, refresh) {
  const pick = h('select', {name: 'author'}, h('option', {value: ''}, 'Loading the organisation’s researchers…'));
  const f = {role: h('input', {name: 'role', placeholder: 'Role with us (Chief AI Officer)'}),
    p_join: h('input', {name: 'p_join', type: 'number', min: 0, max: 100, step: 1, value: 70,
      title: 'P(comes with the deal), %'}),
    retention: h('input', {name: 'retention', placeholder: 'Retention (whole dollars)', inputmode: 'numeric'}),
    name: h('input', {name: 'name', placeholder: '…or a name not in the graph'})};
  const button = h('button.btn.btn-primary', {type: 'submit'}, 'Add person');
  const form = h('form.deal-form#deal-person-form', h('h3', 'Add a person'), pick, Object.values(f), button);
  // encodeURIComponent, not URLSearchParams: a space must travel as %20 (the server reads '+' as '+').
  api.get(`/api/deals/researchers?org=${encodeURIComponent(deal.org)}&top=100`).then((r) => {
    const taken = new Set(deal.people.map((p) => p.author_id));
    clear(pick).append(h('option', {value: ''}, `${r.researchers.length} researchers at ${r.org}`),
        ...r.researchers.filter((a) => !taken.has(a.author_id)).map((a) => h('option', {value: a.author_id},
            `${a.name} — strength ${num(a.strength)}${a.topics.length ? ` · ${a.topics[0]}` : ''}`)));
  }).catch((e) => clear(pick).append(h('option', {value: ''}, `No researchers listed: ${e.message}`)));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const retention = f.retention.value.trim() ? toMinor(f.retention.value) : 0;
    if (retention === null) return toast('Retention: whole dollars, digits only', 'error');
    const body = {version: deal.version, role: f.role.value.trim(), p_join: Number(f.p_join.value) / 100,
      retention_minor: retention};
    if (pick.value) body.author_id = Number(pick.value);
    if (f.name.value.trim()) body.name = f.name.value.trim();
    button.disabled = true;
    try {
      await api.post(`/api/deals/${deal.id}/people`, body);
      toast('Added', 'ok');
      refresh();
    } catch (e) {
      toast(e.message, 'error', 10000);
    } finally {
      button.disabled = false;
    }
  });
  return form;
}
