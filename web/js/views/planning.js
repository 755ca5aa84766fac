// Planning: what to offer whom under the budget, the GPU pools and the team slots (issue 12). The plan table
// (what each candidate gets, P(accept) with its explanation on the logit scale, expected talent), the curve of
// expected hires against the budget (Chart.js), the binding constraints with what one more dollar / GPU / slot
// is worth, the proven gap, and — for the CEO — "turn this plan into draft offers" (they then go through the
// normal approval chain and the ledger's checks). ceo and hr (read-only) see this page.

import * as api from '../api.js';
import {clear, errorBox, h, num, spinner, toast} from '../dom.js';
import * as vendor from '../vendor.js';

const dollars = (cents) => {
  const d = Number(cents || 0) / 100;
  if (Math.abs(d) >= 1e9) return `$${(d / 1e9).toFixed(2)}B`;
  if (Math.abs(d) >= 1e6) return `$${(d / 1e6).toFixed(1)}M`;
  if (Math.abs(d) >= 1e3) return `$${(d / 1e3).toFixed(0)}k`;
  return `$${d.toFixed(0)}`;
};
const pct = (p) => `${(100 * p).toFixed(1)}%`;
const amount = (unit, v) => (unit === 'minor' ? dollars(v) : num(Math.round(v * 10) / 10));

// What one more unit is worth, in units people think in (per $1M for money).
function marginal(r) {
  if (r.unit === 'minor') return `${(r.marginal_value * 1e8).toPrecision(3)} per $1M`;
  return `${r.marginal_value.toPrecision(3)} per ${r.unit}`;
}

export async function render(root) {
  const role = api.session.user && api.session.user.role;
  if (role !== 'ceo' && role !== 'hr') {
    root.append(h('section.page', h('h1', 'Planning'), h('p.muted', 'Budget plans are for the CEO and HR.')));
    return () => {};
  }
  const budget = h('input#plan-budget', {type: 'number', min: 0, step: 'any', placeholder: 'settings'});
  const firstYear = h('input#plan-first-year', {type: 'number', min: 0, step: 'any', placeholder: 'none'});
  const slots = h('input#plan-slots', {type: 'number', min: 0, step: 1, placeholder: 'settings'});
  const policy = h('select#plan-policy', h('option', {value: 'worst_case'}, 'worst case (all accept)'),
      h('option', {value: 'expected'}, 'expected use'));
  const run = h('button.btn.btn-primary#plan-run', {type: 'submit'}, 'Plan');
  const form = h('form.plan-form#plan-form',
      h('label', '4-year budget ($M) ', budget), h('label', 'First-year cash ($M) ', firstYear),
      h('label', 'Team slots ', slots), h('label', 'Commitment ', policy), run);
  const summary = h('div.kpis#plan-kpis');
  const notes = h('div#plan-notes');
  const table = h('div#plan-table', spinner('Planning…'));
  const resources = h('div#plan-resources');
  const chartBox = h('div.chart-box', h('canvas#plan-curve', {role: 'img', 'aria-label': 'Expected hires against budget'}));
  const explain = h('div#plan-explain', h('p.muted', 'Pick a candidate to see why P(accept) is what it is.'));
  const actions = h('div#plan-actions');
  const panel = (title, body, extra) => h('section.card', h('div.card-head', h('h2', title), extra || null), body);
  root.append(h('section.page.page-wide',
      h('div.page-head', h('h1', 'Planning'),
          h('p.muted', 'One option per candidate maximising expected talent Σ P(accept) × value under the budget, ' +
            'the free GPUs of the ledger per pool and date, and team slots — with the proven optimality gap.')),
      form, summary, notes, actions,
      panel('The plan', table),
      h('div.dash-grid',
          panel('Expected hires against budget', chartBox),
          panel('Constraints: binding, and what one more is worth', resources),
          panel('Why this P(accept)', explain))));

  let Chart = null;
  let chart = null;
  const chartReady = vendor.chartJs().then((c) => (Chart = c)).catch((e) => chartBox.append(errorBox(e)));
  let dead = false;
  let last = null;

  function body() {
    const b = {policy: policy.value, curve: 8, time_limit: 5};
    if (budget.value !== '') b.budget_4y_minor = Math.round(Number(budget.value) * 1e8);
    if (firstYear.value !== '') b.budget_first_year_minor = Math.round(Number(firstYear.value) * 1e8);
    if (slots.value !== '') b.team_slots = Math.round(Number(slots.value));
    return b;
  }

  async function refresh() {
    run.disabled = true;
    clear(table).append(spinner('Planning…'));
    let plan;
    try {
      plan = await api.post('/api/planning/plan', body());
    } catch (e) {
      if (!dead) {
        clear(table).append(errorBox(e));
        clear(summary);
        clear(resources);
        clear(actions);
      }
      return;
    } finally {
      run.disabled = false;
    }
    if (dead) return;
    last = plan;
    drawSummary(summary, plan);
    clear(notes);
    for (const n of plan.notes || []) notes.append(h('div.muted.plan-note', n));
    drawTable(table, plan, explain);
    drawResources(resources, plan);
    drawActions(actions, plan, body, refresh);
    await chartReady;
    if (chart) chart.destroy();
    chart = Chart && plan.curve.length ? curveChart(Chart, chartBox.querySelector('canvas'), plan) : null;
  }
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    refresh();
  });
  await refresh();
  return () => {
    dead = true;
    if (chart) chart.destroy();
    void last;
  };
}

function drawSummary(box, plan) {
  const tile = (id, value, name, sub) => h('div.kpi', {id}, h('div.kpi-value', value), h('div.kpi-name', name),
      sub ? h('div.kpi-sub', sub) : null);
  const gap = plan.gap === null ? 'no bound' : plan.proven_optimal ? 'proven optimal' : `gap ${(plan.gap * 100).toFixed(3)}%`;
  clear(box).append(
      tile('kpi-talent', num(plan.objective), 'Expected talent', `bound ${num(plan.bound)} · ${gap}`),
      tile('kpi-hires', num(plan.expected_hires), 'Expected hires', `${plan.offers} offers`),
      tile('kpi-policy', plan.policy === 'worst_case' ? 'worst case' : 'expected', 'Commitment',
          plan.policy === 'worst_case' ? 'fits even if every offer is accepted' : 'fits on average'),
      tile('kpi-time', `${plan.stats.seconds.toFixed(2)} s`, 'Solved in', plan.stats.stopped_by));
}

function drawTable(box, plan, explain) {
  const rows = plan.candidates.map((c) => {
    const tr = h('tr', {dataset: {person: c.person_id, key: c.key || ''}, class: c.option === null ? 'plan-none' : ''},
        h('td', h('a', {href: `/people/${c.person_id}`}, c.name)),
        h('td', c.stage),
        h('td.num', {title: `value from ${c.value_source}`}, num(c.value)),
        h('td', c.option === null ? h('span.muted', 'no offer') : c.label,
            c.required ? h('span.badge', ' offer out') : null),
        h('td.num', c.option === null ? '' : pct(c.p_accept)),
        h('td.num', c.option === null ? '' : num(c.expected_value)),
        h('td.num', c.option === null ? '' : dollars(c.four_year_value)),
        h('td.num', c.option === null ? '' : num(c.guaranteed_gpus)),
        h('td.num', c.option === null ? '' : num(c.team_size)));
    tr.addEventListener('click', () => drawExplanation(explain, c));
    return tr;
  });
  clear(box).append(h('table.table.plan-table#plan-rows',
      h('thead', h('tr', h('th', 'Candidate'), h('th', 'Stage'), h('th', 'Value'), h('th', 'Gets'),
          h('th', 'P(accept)'), h('th', 'Expected'), h('th', '4-year value'), h('th', 'GPUs'), h('th', 'Team'))),
      h('tbody', rows)));
  const first = plan.candidates.find((c) => c.option !== null);
  if (first) drawExplanation(explain, first);
}

const kFeatureNames = {money: 'Money vs current package', compute: 'GPUs vs current lab', team: 'Team size',
  direct_reports: 'Direct reports', relocation: 'Relocation', warm_path: 'Warm path', ceo_outreach: 'CEO reached out',
  mission_clarity: 'Mission clarity', reorganisations: 'Reorganisations'};

function drawExplanation(box, c) {
  if (!c.explanation) return clear(box).append(h('p.muted', `${c.name}: no offer in this plan.`));
  const e = c.explanation;
  const parts = Object.entries(e.features).filter(([, f]) => f.contribution !== 0);
  clear(box).append(h('div#explain-person', h('strong', c.name), ` — ${c.label}`),
      h('table.table#explain-table', h('thead', h('tr', h('th', 'Factor'), h('th', 'Value'), h('th', 'Contribution'))),
          h('tbody', h('tr', h('td', 'Baseline'), h('td', ''), h('td.num.contrib', e.intercept.toFixed(2))),
              parts.map(([k, f]) => h('tr', h('td', kFeatureNames[k] || k), h('td.num', f.value.toFixed(2)),
                  h('td.num.contrib', {class: f.contribution > 0 ? 'pos' : 'neg'},
                      (f.contribution > 0 ? '+' : '') + f.contribution.toFixed(2)))),
              h('tr', h('th', 'Logit (sum)'), h('td', ''), h('th.num', e.logit.toFixed(2))))),
      h('p.muted', `P(accept) = 1 / (1 + e^−logit) = ${pct(c.p_accept)}. Contributions are on the logit scale and ` +
        'sum exactly to the logit (docs/planning.md lists each weight\'s source).'));
}

function drawResources(box, plan) {
  clear(box).append(h('table.table#plan-resources-table',
      h('thead', h('tr', h('th', 'Constraint'), h('th', 'Capacity'), h('th', 'Used'), h('th', 'If all accept'),
          h('th', 'Binding'), h('th', 'One more is worth'))),
      h('tbody', plan.resources.map((r) => h('tr', {class: r.binding ? 'binding' : ''},
          h('td', r.name), h('td.num', amount(r.unit, r.capacity)), h('td.num', amount(r.unit, r.used)),
          h('td.num', amount(r.unit, r.committed)), h('td', r.binding ? h('span.badge.badge-bad', 'binding') : 'no'),
          h('td.num', marginal(r)))))),
  h('p.muted', 'Marginal values are the LP duals: expected talent gained per extra unit of each constraint.'));
}

function drawActions(box, plan, body, refresh) {
  clear(box);
  if (!plan.may_make_offers) {
    box.append(h('p.muted', 'Read-only: the CEO turns plans into draft offers.'));
    return;
  }
  const choices = {};
  for (const c of plan.candidates) if (c.option !== null && c.kind === 'tier') choices[c.person_id] = c.key;
  const n = Object.keys(choices).length;
  const button = h('button.btn.btn-primary#plan-make-offers', {type: 'button', disabled: n === 0},
      `Turn this plan into ${n} draft offer${n === 1 ? '' : 's'}`);
  const result = h('div#plan-offers-result');
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const r = await api.post('/api/planning/offers', {...body(), choices});
      toast(`${r.created} draft offers created${r.failed ? `, ${r.failed} failed` : ''}`, r.failed ? 'error' : 'ok');
      clear(result).append(h('ul', r.draft_offers.map((d) => h('li', {dataset: {outcome: d.outcome}},
          h('a', {href: `/people/${d.person_id}`}, d.name), `: ${d.outcome}`,
          d.offer_id ? ` (offer ${d.offer_id})` : '', d.error ? ` — ${d.error}` : ''))),
      h('p.muted', 'They now wait in the approval chain (Approvals page); the ledger checks compute at approval.'));
      await refresh();
    } catch (e) {
      toast(e.message, 'error', 10000);
      button.disabled = false;
    }
  });
  box.append(button, result);
}

function curveChart(Chart, canvas, plan) {
  const pts = plan.curve.filter((p) => p.expected_hires !== undefined);
  return new Chart(canvas, {
    type: 'line',
    data: {labels: pts.map((p) => dollars(p.budget)), datasets: [
      {label: 'Expected hires', data: pts.map((p) => p.expected_hires), borderColor: '#4f46e5',
        backgroundColor: '#4f46e5', yAxisID: 'y'},
      {label: 'Expected talent', data: pts.map((p) => p.expected_talent), borderColor: '#0f766e',
        backgroundColor: '#0f766e', borderDash: [6, 4], yAxisID: 'y1'},
    ]},
    options: {responsive: true, maintainAspectRatio: false, animation: false,
      plugins: {legend: {position: 'bottom'}},
      scales: {x: {title: {display: true, text: `${plan.curve_resource || 'budget'}`}},
        y: {beginAtZero: true, title: {display: true, text: 'hires'}},
        y1: {beginAtZero: true, position: 'right', grid: {drawOnChartArea: false}, title: {display: true, text: 'talent'}}}},
  });
}
