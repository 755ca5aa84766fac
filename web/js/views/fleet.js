// Fleet & compute: capacity vs promised over time for every GPU pool (Chart.js, stepped lines), compute per
// researcher, the promises with their "why", the ceo's capacity edits, and reports per manager against the
// flat-teams cap. Everything here is readable by every role; only the ceo sees the capacity form.

import * as api from '../api.js';
import {clear, errorBox, h, num, spinner, toast} from '../dom.js';
import * as live from '../live.js';
import * as vendor from '../vendor.js';

const eq = (milli) => num(Math.round(Number(milli || 0) / 1000));

export async function render(root) {
  const kpis = h('div.kpis#fleet-kpis', spinner());
  const banner = h('div#fleet-banner');
  const charts = h('div.dash-grid#fleet-charts');
  const caps = h('div#fleet-capacity');
  const promises = h('div#fleet-promises');
  const reports = h('div#team-reports');
  const isCeo = api.session.user && api.session.user.role === 'ceo';
  const form = isCeo ? capacityForm(() => refresh()) : null;
  const panel = (title, body, extra) => h('section.card', h('div.card-head', h('h2', title), extra || null), body);
  root.append(h('section.page.page-wide',
      h('div.page-head', h('h1', 'Fleet & compute'),
          h('p.muted', 'GPUs installed per site and type, what is promised against them, and who reports to whom.')),
      kpis, banner, charts,
      h('div.dash-grid',
          panel('Reports per manager', reports),
          panel('Capacity changes', h('div', form, caps)),
          panel('Compute promises', promises))));

  let Chart = null;
  const drawn = [];
  const chartReady = vendor.chartJs().then((c) => (Chart = c)).catch((e) => charts.append(errorBox(e)));
  let dead = false;

  async function refresh() {
    let fleet; let per; let prom; let team;
    try {
      [fleet, per, prom, team] = await Promise.all([api.get('/api/fleet'), api.get('/api/compute/per-researcher'),
        api.get('/api/compute/promises'), api.get('/api/teams/reports')]);
    } catch (e) {
      if (!dead) clear(kpis).append(errorBox(e));
      return;
    }
    if (dead) return;
    drawKpis(kpis, fleet, per);
    clear(banner);
    for (const s of fleet.shortfalls) banner.append(h('div.error-box.shortfall', `Over-committed: ${s.message}`));
    await chartReady;
    for (const c of drawn.splice(0)) c.destroy();
    clear(charts);
    for (const pool of fleet.pools) {
      const canvas = h('canvas', {id: `pool-${pool.id}`, role: 'img',
        'aria-label': `Capacity vs promised, ${pool.gpu_type} at ${pool.site}`});
      charts.append(panel(`${pool.site} · ${pool.gpu_type}`, h('div.chart-box', canvas),
          h('span.muted', `${num(pool.h100_eq_milli_per_gpu / 1000)} H100-eq per GPU`)));
      if (Chart) drawn.push(poolChart(Chart, canvas, pool));
    }
    if (!fleet.pools.length) charts.append(h('p.muted', 'No fleet yet: import one with superteam fleet import.'));
    drawCapacity(caps, fleet, isCeo, refresh);
    drawPromises(promises, prom.promises);
    drawReports(reports, team);
  }
  const unsubscribe = live.subscribe(() => refresh());
  await refresh();
  return () => {
    dead = true;
    unsubscribe();
    for (const c of drawn) c.destroy();
  };
}

function drawKpis(box, fleet, per) {
  const tile = (id, value, name, sub) => h('div.kpi', {id}, h('div.kpi-value', value), h('div.kpi-name', name),
      sub ? h('div.kpi-sub', sub) : null);
  clear(box).append(
      tile('kpi-per-researcher', eq(per.committed_per_researcher_milli), 'H100-eq per researcher',
          `committed, ${per.date}`),
      tile('kpi-capacity-per-researcher', eq(per.capacity_per_researcher_milli), 'Installed H100-eq per researcher'),
      tile('kpi-heads', num(per.heads), 'Research heads',
          `${per.research_staff} staff + ${per.accepted_candidates} accepted`),
      tile('kpi-installed', eq(per.capacity_h100_eq_milli), 'H100-eq installed'),
      tile('kpi-headroom', `${fleet.settings.headroom_permille / 10}%`, 'Kept for production'));
}

// Stepped lines: installed, usable (after headroom), committed, committed + reserved; the last step is
// carried a year on so the final state is visible.
function poolChart(Chart, canvas, pool) {
  const steps = pool.timeline.slice();
  if (steps.length) {
    const last = steps[steps.length - 1];
    const d = new Date(last.date);
    d.setUTCFullYear(d.getUTCFullYear() + 1);
    steps.push({...last, date: d.toISOString().slice(0, 10)});
  }
  const line = (label, data, color, extra) => ({label, data, borderColor: color, backgroundColor: color,
    stepped: 'before', pointRadius: 0, borderWidth: 2, ...extra});
  return new Chart(canvas, {
    type: 'line',
    data: {labels: steps.map((s) => s.date), datasets: [
      line('Installed', steps.map((s) => s.capacity), '#94a3b8'),
      line('Usable (after headroom)', steps.map((s) => s.usable), '#0f766e', {borderDash: [6, 4]}),
      line('Committed', steps.map((s) => s.committed), '#4f46e5', {fill: 'origin',
        backgroundColor: 'rgba(79,70,229,.25)'}),
      line('Committed + reserved', steps.map((s) => s.committed + s.reserved), '#f59e0b', {fill: '-1',
        backgroundColor: 'rgba(245,158,11,.2)'}),
    ]},
    options: {responsive: true, maintainAspectRatio: false, animation: false,
      interaction: {mode: 'index', intersect: false},
      plugins: {legend: {position: 'bottom', labels: {boxWidth: 10, font: {size: 11}}}},
      scales: {y: {beginAtZero: true, ticks: {precision: 0}, title: {display: true, text: `${pool.gpu_type} GPUs`}}}},
  });
}

function capacityForm(done) {
  const f = {site: h('input', {name: 'site', placeholder: 'Site', required: true}),
    gpu_type: h('input', {name: 'gpu_type', placeholder: 'GPU type (H100)', required: true}),
    change: h('select', {name: 'change'}, h('option', {value: 'add'}, 'add'), h('option', {value: 'retire'}, 'retire')),
    gpus: h('input', {name: 'gpus', type: 'number', min: 1, placeholder: 'GPUs', required: true}),
    date: h('input', {name: 'date', type: 'date', required: true}),
    note: h('input', {name: 'note', placeholder: 'Note'})};
  const button = h('button.btn.btn-primary', {type: 'submit'}, 'Apply');
  const form = h('form.capacity-form#capacity-form', Object.values(f), button);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    button.disabled = true;
    try {
      await api.post('/api/fleet/capacity', {site: f.site.value.trim(), gpu_type: f.gpu_type.value.trim(),
        change: f.change.value, gpus: Number(f.gpus.value), date: f.date.value, note: f.note.value});
      toast('Capacity changed', 'ok');
      form.reset();
      done();
    } catch (e) {
      toast(e.message, 'error', 10000);
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

function drawCapacity(box, fleet, isCeo, refresh) {
  const pool = new Map(fleet.pools.map((p) => [p.id, p]));
  const rows = fleet.capacity.map((c) => h('tr',
      h('td', c.date), h('td', `${pool.get(c.pool_id).site} · ${pool.get(c.pool_id).gpu_type}`),
      h('td.num', (c.delta_gpus > 0 ? '+' : '') + c.delta_gpus.toLocaleString('en')), h('td', c.note),
      isCeo ? h('td', h('button.btn.btn-danger', {type: 'button', onclick: async () => {
        try {
          await api.request('DELETE', `/api/fleet/capacity/${c.id}`);
          refresh();
        } catch (e) {
          toast(e.message, 'error', 10000);
        }
      }}, 'Remove')) : null));
  clear(box).append(h('table.table', h('thead', h('tr', h('th', 'From'), h('th', 'Pool'), h('th', 'GPUs'),
      h('th', 'Note'), isCeo ? h('th', '') : null)), h('tbody', rows)));
}

function drawPromises(box, list) {
  if (!list.length) return clear(box).append(h('p.muted', 'No compute promised yet.'));
  clear(box).append(h('table.table#promises-table', h('thead', h('tr', h('th', 'Person'), h('th', 'State'),
      h('th', 'Why'))), h('tbody', list.map((p) => h('tr', {dataset: {offer: p.offer_id}},
      h('td', p.person_id ? h('a', {href: `/people/${p.person_id}`}, p.person_name || `#${p.person_id}`) : '—'),
      h('td', p.state), h('td', p.why))))));
}

function drawReports(box, team) {
  const cap = team.max_direct_reports;
  if (!team.managers.length) return clear(box).append(h('p.muted', `Nobody manages anyone yet (cap ${cap}).`));
  clear(box).append(h('p.muted', `Cap: ${cap} direct reports (staff + accepted offers).`),
      h('ol.reports#reports-list', team.managers.map((m) => h('li', {class: m.over_cap ? 'over-cap' : ''},
          h('strong', m.manager.name), ` — ${m.total} direct reports`,
          m.accepted_reports ? ` (${m.accepted_reports} from accepted offers)` : '',
          m.over_cap ? h('span.badge.badge-bad', ` over the cap by ${m.total - cap}`) : null))));
}
