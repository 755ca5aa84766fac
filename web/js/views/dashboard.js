// Live dashboard: funnel by stage, by organisation and by topic (Chart.js), movement this week and who
// owns what. Every activity from the live feed (/api/events) is shown at once in the feed and triggers a
// debounced refetch of /api/dashboard; the charts update in place, without a page reload.

import * as api from '../api.js';
import {ago, clear, debounce, errorBox, h, kStageColors, label, num, spinner} from '../dom.js';
import * as live from '../live.js';
import * as vendor from '../vendor.js';
import {eventList} from './dinners.js';
import * as outreach from './outreach.js';
import {panelInto as alertsPanelInto} from './alerts_panel.js';

const kTopN = 10;

export async function render(root) {
  const kpis = h('div.kpis#kpis');
  const updated = h('span.muted#dash-updated');
  const canvases = {
    funnel: h('canvas#chart-funnel', {'aria-label': 'Funnel by stage', role: 'img'}),
    org: h('canvas#chart-org', {'aria-label': 'People by organisation and stage', role: 'img'}),
    topic: h('canvas#chart-topic', {'aria-label': 'People by topic', role: 'img'}),
    moves: h('canvas#chart-moves', {'aria-label': 'Moves this week by stage', role: 'img'}),
    owners: h('canvas#chart-owners', {'aria-label': 'People per owner and stage', role: 'img'}),
  };
  const feed = h('ol.feed#feed');
  const weekNote = h('span.muted#week-note');
  const panel = (title, body, extra) => h('section.card', h('div.card-head', h('h2', title), extra || null), body);
  const chartBox = (c, cls) => h('div.chart-box', {class: cls || ''}, c);
  const owners = h('div#owners', chartBox(canvases.owners, 'chart-owners'));
  const outreachBox = h('div#outreach-stats');
  const eventsBox = h('div#dash-events');
  const alertsBox = h('div#dash-alerts');

  const page = h('section.page.page-wide',
      h('div.page-head.page-head-row', h('div', h('h1', 'Dashboard'),
          h('p.muted', 'The whole hunt at a glance, updated live as the team works.')), updated),
      kpis,
      h('div.dash-grid',
          panel('Funnel by stage', chartBox(canvases.funnel)),
          panel('Movement this week', chartBox(canvases.moves, 'chart-short'), weekNote),
          panel('By organisation', chartBox(canvases.org, 'chart-tall')),
          panel('By topic', chartBox(canvases.topic, 'chart-tall')),
          panel('Who owns what', owners),
          panel('Outreach this week', outreachBox),
          panel('Dinners and events', eventsBox, h('a', {href: '/dinners'}, 'Plan')),
          panel('Alerts from the talent graph', alertsBox, h('a.muted', {href: '/watch'}, 'all alerts')),
          panel('Live activity', feed)));
  root.append(page);
  kpis.append(spinner());

  // Fetch the library and the numbers at the same time; the numbers alone already fill the tiles.
  let Chart = null;
  const chartReady = vendor.chartJs().then((c) => (Chart = c)).catch((e) => {
    kpis.after(errorBox(`Charts unavailable: ${e.message}`));
  });
  const charts = {};
  let data = null;
  let version = 0;
  let dead = false;

  async function refresh() {
    try {
      data = await api.get('/api/dashboard');
      outreach.statsInto(outreachBox);
      dinnersInto(eventsBox);
    } catch (e) {
      if (!dead) clear(kpis).append(errorBox(e));
      return;
    }
    if (dead) return;
    version += 1;
    page.dataset.version = String(version);
    drawKpis(kpis, data);
    const mw = data.movement_week || {};
    weekNote.textContent = mw.since ? `since ${new Date(mw.since).toLocaleDateString('en-GB')}` : '';
    // Recent activity is top-level in the server's answer (docs/API.md first placed it in movement_week).
    const recent = data.recent || mw.recent || [];
    if (feed.childElementCount === 0) for (const a of recent.slice(0, 30)) feed.append(feedItem(a));
    if (!feed.childElementCount) feed.append(h('li.muted.feed-empty', 'No activity yet.'));
    if (Chart) drawCharts(Chart, charts, canvases, data);
    updated.textContent = `Updated ${new Date().toLocaleTimeString('en-GB')}`;
  }

  const refreshSoon = debounce(refresh, 300);
  const unsubscribe = live.subscribe((a) => {
    if (feed.querySelector(`[data-activity-id="${Number(a.id)}"]`)) return;
    const empty = feed.querySelector('.feed-empty');
    if (empty) empty.remove();
    const item = feedItem(a);
    item.classList.add('fresh');
    feed.prepend(item);
    while (feed.childElementCount > 40) feed.lastChild.remove();
    refreshSoon();
  });
  const stopAlerts = alertsPanelInto(alertsBox);
  await Promise.all([refresh(), chartReady]);
  if (Chart && data && !dead && !charts.funnel) drawCharts(Chart, charts, canvases, data);
  return () => {
    dead = true;
    unsubscribe();
    stopAlerts();
    for (const c of Object.values(charts)) c.destroy();
  };
}

// The coming dinners (and the last week's), one line each: "dinner in Palo Alto on 12 March: 8 invited, 5 yes".
async function dinnersInto(box) {
  let data;
  try {
    data = await api.get('/api/calendar/events');
  } catch (e) {
    clear(box).append(errorBox(e));
    return;
  }
  const since = Date.now() / 1000 - 7 * 86400;
  const events = data.events.filter((e) => e.ends_at >= since).slice(0, 8);
  clear(box).append(events.length ? eventList(events) : h('p.muted', 'No dinners planned.'));
}

function drawKpis(box, d) {
  const count = (stage) => ((d.funnel || []).find((f) => f.stage === stage) || {}).count || 0;
  const total = d.total ?? (d.funnel || []).reduce((s, f) => s + (f.count || 0), 0);
  const mw = d.movement_week || {};
  const moves = (mw.moves || []).reduce((s, m) => s + (m.count || 0), 0);
  const tile = (id, value, name, sub) => h('div.kpi', {id}, h('div.kpi-value', num(value)), h('div.kpi-name', name),
      sub ? h('div.kpi-sub', sub) : null);
  clear(box).append(
      tile('kpi-total', total, 'In the pipeline'),
      tile('kpi-added', mw.added || 0, 'Added this week'),
      tile('kpi-moves', moves, 'Stage moves this week'),
      tile('kpi-offer', count('offer'), 'Offers out'),
      tile('kpi-joined', count('joined') + count('accepted'), 'Accepted or joined'));
}

// The owner is a User object in the server's answer (null for unowned people); older shapes gave a name.
function ownerName(o) {
  if (o.user && typeof o.user === 'object') return o.user.display_name || o.user.username;
  return o.user || 'Unowned';
}

function feedItem(a) {
  return h('li.feed-item', {dataset: {activityId: a.id}},
      h('span.feed-who', a.actor || 'system'),
      h('span.feed-what', a.person_id && a.person_name ? h('a', {href: `/people/${a.person_id}`}, a.person_name)
          : a.person_name || '', ' ', a.summary || a.kind),
      h('span.feed-when.muted', {title: a.at}, ago(a.at)));
}

function drawCharts(Chart, charts, canvases, d) {
  const stages = api.session.stages;
  const color = (s) => kStageColors[s] || '#94a3b8';
  const funnel = stages.map((s) => ((d.funnel || []).find((f) => f.stage === s) || {}).count || 0);
  setChart(Chart, charts, 'funnel', canvases.funnel, {
    type: 'bar',
    data: {labels: stages.map(label), datasets: [{label: 'People', data: funnel,
      backgroundColor: stages.map(color), borderRadius: 4}]},
    options: barOptions({horizontal: true}),
  });

  const moves = stages.map((s) => ((d.movement_week && d.movement_week.moves || []).find((m) => m.stage === s)
      || {}).count || 0);
  canvases.moves.parentElement.classList.toggle('chart-empty', moves.every((m) => m === 0));
  setChart(Chart, charts, 'moves', canvases.moves, {
    type: 'bar',
    data: {labels: stages.map(label), datasets: [{label: 'Moved into', data: moves,
      backgroundColor: stages.map(color), borderRadius: 4}]},
    options: barOptions({}),
  });

  const orgs = [...(d.by_org || [])].sort((a, b) => b.count - a.count).slice(0, kTopN);
  setChart(Chart, charts, 'org', canvases.org, {
    type: 'bar',
    data: {labels: orgs.map((o) => o.org || 'Unknown'),
      datasets: stages.map((s) => ({label: label(s), data: orgs.map((o) => (o.by_stage || {})[s] || 0),
        backgroundColor: color(s)})).filter((ds) => ds.data.some((v) => v > 0))},
    options: barOptions({horizontal: true, stacked: true, legend: true}),
  });

  const owners = [...(d.owners || [])].sort((a, b) => b.count - a.count);
  setChart(Chart, charts, 'owners', canvases.owners, {
    type: 'bar',
    data: {labels: owners.map(ownerName),
      datasets: stages.map((s) => ({label: label(s), data: owners.map((o) => (o.by_stage || {})[s] || 0),
        backgroundColor: color(s)})).filter((ds) => ds.data.some((v) => v > 0))},
    options: barOptions({horizontal: true, stacked: true, legend: true}),
  });

  const topics = [...(d.by_topic || [])].sort((a, b) => b.count - a.count).slice(0, kTopN);
  setChart(Chart, charts, 'topic', canvases.topic, {
    type: 'bar',
    data: {labels: topics.map((t) => t.topic), datasets: [{label: 'People', data: topics.map((t) => t.count),
      backgroundColor: '#818cf8', borderRadius: 4}]},
    options: barOptions({horizontal: true}),
  });
}

// Updates a chart in place when it exists (no flicker, no re-layout), creates it otherwise.
function setChart(Chart, charts, key, canvas, config) {
  const existing = charts[key];
  if (existing) {
    existing.data.labels = config.data.labels;
    existing.data.datasets = config.data.datasets;
    existing.update();
    return;
  }
  charts[key] = new Chart(canvas, config);
}

function barOptions({horizontal = false, stacked = false, legend = false}) {
  const valueAxis = {beginAtZero: true, stacked, ticks: {precision: 0}, grid: {color: '#eef2f7'}};
  const labelAxis = {stacked, grid: {display: false}, ticks: {autoSkip: false,
    callback(v) {
      const s = this.getLabelForValue(v);
      return s && s.length > 26 ? s.slice(0, 25) + '…' : s;
    }}};
  return {
    indexAxis: horizontal ? 'y' : 'x',
    responsive: true,
    maintainAspectRatio: false,
    animation: {duration: 250},
    plugins: {legend: {display: legend, position: 'bottom', labels: {boxWidth: 10, font: {size: 11}}},
      tooltip: {mode: 'index', intersect: false}},
    scales: horizontal ? {x: valueAxis, y: labelAxis} : {x: labelAxis, y: valueAxis},
  };
}

