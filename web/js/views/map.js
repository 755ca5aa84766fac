// Where the candidates are: a world map drawn offline (world-atlas country shapes through d3-geo, served
// from /vendor — no tile server, no CDN). One dot per city and stage, coloured by stage and sized by the
// summed strength of the people there; filters by stage, topic and organisation live in the URL. A click
// on a dot lists the people of that city. The counts show how many are located and from which evidence.

import * as api from '../api.js';
import {navigate} from '../app.js';
import {clear, errorBox, h, kStageColors, label, num, spinner, stageBadge} from '../dom.js';
import * as live from '../live.js';
import * as vendor from '../vendor.js';

const kSvg = 'http://www.w3.org/2000/svg';
const kWidth = 960;
const kHeight = 500;

function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(kSvg, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

export async function render(root, _params, query) {
  const filter = {stage: query.get('stage') || '', topic: query.get('topic') || '', org: query.get('org') || ''};
  const stageSel = h('select#map-stage', {name: 'stage'}, h('option', {value: ''}, 'Any stage'),
      api.session.stages.map((st) => h('option', {value: st, selected: st === filter.stage}, label(st))));
  const topicSel = h('select#map-topic', {name: 'topic'}, h('option', {value: ''}, 'Any topic'));
  const orgSel = h('select#map-org', {name: 'org'}, h('option', {value: ''}, 'Any organisation'));
  const apply = () => navigate('/map' + api.query({stage: stageSel.value, topic: topicSel.value, org: orgSel.value}));
  for (const sel of [stageSel, topicSel, orgSel]) sel.addEventListener('change', apply);
  const form = h('form.search-form#map-filters',
      h('div.field', h('label', {for: 'map-stage'}, 'Stage'), stageSel),
      h('div.field', h('label', {for: 'map-topic'}, 'Topic'), topicSel),
      h('div.field', h('label', {for: 'map-org'}, 'Organisation'), orgSel),
      h('div.field.field-button', h('a.btn.btn-ghost', {href: '/dinners'}, 'Plan a trip or dinner')));
  form.addEventListener('submit', (ev) => ev.preventDefault());

  const counts = h('p.muted#map-counts');
  const mapBox = h('div.map-box#map', spinner('Drawing the map…'));
  const legend = h('div.map-legend#map-legend');
  const cityList = h('div#map-city', h('p.muted', 'Click a dot to see who is there.'));
  root.append(h('section.page.page-wide',
      h('div.page-head', h('h1', 'Candidates by city'),
          h('p.muted', 'Every located candidate on the map: colour is the stage, size the strength of the people ' +
              'there. Locations come from the best evidence (institution, site table, e-mail) or are set by hand.')),
      form, counts,
      h('div.map-grid', h('section.card', mapBox, legend), h('section.card.map-side', h('h2', 'City'), cityList))));

  let geo;
  try {
    geo = await vendor.worldMap();
  } catch (e) {
    clear(mapBox).append(errorBox(`Map unavailable: ${e.message}`));
    return;
  }
  let dead = false;
  let selected = '';

  async function refresh() {
    let data;
    try {
      data = await api.get('/api/places/people' + api.query(filter));
    } catch (e) {
      if (!dead) clear(mapBox).append(errorBox(e));
      return;
    }
    if (dead) return;
    fillOptions(topicSel, data.filters.topics, filter.topic);
    fillOptions(orgSel, data.filters.orgs, filter.org);
    const c = data.counts;
    const sources = Object.entries(c.by_source).sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k.replace(/_/g, ' ')} ${num(v)}`).join(', ');
    counts.textContent = `${num(c.people)} candidates · ${num(c.with_city)} on the map (with a city) · ` +
        `${num(c.with_country)} with a country · by source: ${sources || 'none'}`;
    draw(data);
  }

  function draw(data) {
    const byId = new Map(data.people.map((p) => [p.id, p]));
    const {d3} = geo;
    const projection = d3.geoNaturalEarth1().fitSize([kWidth, kHeight], {type: 'Sphere'});
    const path = d3.geoPath(projection);
    const svg = s('svg', {viewBox: `0 0 ${kWidth} ${kHeight}`, role: 'img', id: 'map-svg',
      'aria-label': 'World map of candidates by city'});
    svg.append(s('path', {d: path({type: 'Sphere'}), class: 'map-sphere'}));
    svg.append(s('path', {d: path(d3.geoGraticule10()), class: 'map-graticule'}));
    const land = s('g', {class: 'map-countries'});
    for (const f of geo.countries.features) {
      land.append(s('path', {d: path(f) || '', class: 'map-country'}, s('title', f.properties.name || '')));
    }
    svg.append(land);

    // One dot per city and stage; several stages of one city sit on a small ring around it.
    const dots = [];
    let maxStrength = 0;
    for (const city of data.cities) {
      const groups = new Map();
      for (const id of city.people) {
        const p = byId.get(id);
        if (!p) continue;
        const g = groups.get(p.stage) || {stage: p.stage, count: 0, strength: 0};
        g.count += 1;
        g.strength += p.strength || 0;
        groups.set(p.stage, g);
      }
      const xy = projection([city.lon, city.lat]);
      if (!xy) continue;
      const list = [...groups.values()];
      list.forEach((g, i) => {
        const angle = (2 * Math.PI * i) / list.length;
        const off = list.length > 1 ? 4 : 0;
        dots.push({city, g, x: xy[0] + off * Math.cos(angle), y: xy[1] + off * Math.sin(angle)});
        maxStrength = Math.max(maxStrength, g.strength);
      });
    }
    const radius = (strength) => 2.5 + 11 * Math.sqrt(maxStrength > 0 ? strength / maxStrength : 0);
    dots.sort((a, b) => b.g.strength - a.g.strength);  // small dots on top of big ones
    const layer = s('g', {class: 'map-dots'});
    for (const d of dots) {
      const key = `${d.city.city}|${d.city.country}`;
      const dot = s('circle', {cx: d.x.toFixed(1), cy: d.y.toFixed(1), r: radius(d.g.strength).toFixed(1),
        fill: kStageColors[d.g.stage] || '#94a3b8', class: 'map-dot', 'data-city': key, 'data-stage': d.g.stage,
        tabindex: 0},
      s('title', `${d.city.city}, ${d.city.country}: ${d.g.count} ${label(d.g.stage).toLowerCase()} · ` +
          `strength ${num(d.g.strength)}`));
      const open = () => showCity(d.city, byId);
      dot.addEventListener('click', open);
      dot.addEventListener('keydown', (ev) => {
        if (ev.key === 'Enter') open();
      });
      layer.append(dot);
    }
    svg.append(layer);
    clear(mapBox).append(svg);
    mapBox.dataset.dots = String(dots.length);
    mapBox.dataset.cities = String(data.cities.length);

    const present = new Set(dots.map((d) => d.g.stage));
    clear(legend).append(...api.session.stages.filter((st) => present.has(st)).map((st) =>
      h('span.map-key', h('span.map-swatch', {class: `stage-bg-${st}`}), label(st))),
    h('span.muted', ' · dot size: strength of the people there'));
    for (const sw of legend.querySelectorAll('.map-swatch')) {
      sw.style.background = kStageColors[sw.className.replace(/.*stage-bg-/, '')] || '#94a3b8';
    }
    const again = data.cities.find((c) => `${c.city}|${c.country}` === selected);
    if (again) showCity(again, byId);
    else if (!data.cities.length) clear(cityList).append(h('p.muted', 'No candidate here has a located city.'));
  }

  function showCity(city, byId) {
    selected = `${city.city}|${city.country}`;
    const people = city.people.map((id) => byId.get(id)).filter(Boolean)
        .sort((a, b) => (b.strength || 0) - (a.strength || 0));
    clear(cityList).append(
        h('h3#map-city-name', `${city.city}, ${city.country}`),
        h('p.muted', `${people.length} candidate${people.length === 1 ? '' : 's'} · ${city.tz || 'zone unknown'}`),
        h('table.table', h('tbody', people.map((p) => h('tr',
            h('td', h('a', {href: `/people/${p.id}`}, p.name), h('div.muted', p.org || '')),
            h('td', stageBadge(p.stage)),
            h('td.num', num(p.strength)))))),
        h('a.btn.btn-ghost', {href: '/dinners' + api.query({city: city.city + ', ' + city.country})},
            `Plan a trip to ${city.city}`));
  }

  const unsubscribe = live.subscribe(() => refresh());
  await refresh();
  return () => {
    dead = true;
    unsubscribe();
  };
}

function fillOptions(select, values, current) {
  if (select.options.length > 1) return;
  for (const v of values) select.append(h('option', {value: v, selected: v === current}, v));
}
