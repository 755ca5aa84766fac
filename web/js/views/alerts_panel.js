// The alerts panel (dashboard and /watch): the signed-in user's alerts from the talent graph, each with links
// to its evidence (the paper, the profile, the person in the pipeline). The live feed carries an "alerts"
// activity when a new graph version was diffed; the panel then refetches (GET /api/alerts).

import * as api from '../api.js';
import {clear, errorBox, h} from '../dom.js';
import * as live from '../live.js';

const kKindLabels = {
  new_paper: 'New paper',
  affiliation: 'New affiliation',
  rival_coauthor: 'Co-author at a rival',
  staff_rival_coauthor: 'Staff × rival lab',
  search_newcomer: 'New in a saved search',
};

export function alertItem(a) {
  const links = a.links || {};
  const ev = a.evidence || {};
  const evidence = [];
  if (links.paper) evidence.push(h('a', {href: links.paper, target: links.paper.startsWith('http') ? '_blank' : null,
    rel: 'noopener'}, ev.work_title ? `“${ev.work_title}”${ev.year ? ` (${ev.year})` : ''}` : 'the paper'));
  if (links.profile) evidence.push(h('a', {href: links.profile}, 'profile'));
  if (links.other_profile) evidence.push(h('a', {href: links.other_profile}, ev.other_name || 'co-author'));
  if (links.person) evidence.push(h('a', {href: links.person}, 'in the pipeline'));
  const parts = [];
  evidence.forEach((e, i) => parts.push(i ? ' · ' : '', e));
  return h('li.alert-item', {dataset: {alertId: a.id, kind: a.kind}, class: a.read ? 'read' : 'unread'},
      h('span.badge.alert-kind', kKindLabels[a.kind] || a.kind),
      h('div.alert-title', a.title),
      h('div.alert-evidence.muted', parts));
}

// Fills `box` with the newest `limit` alerts and keeps it live; returns the cleanup function.
export function panelInto(box, {limit = 8, onData = null} = {}) {
  let dead = false;
  const list = h('ol.alerts#alerts-list');
  const head = h('div.alerts-head.muted#alerts-unread');
  clear(box).append(head, list);
  async function refresh() {
    let data;
    try {
      data = await api.get(`/api/alerts${api.query({limit})}`);
    } catch (e) {
      if (!dead) clear(box).append(errorBox(e));
      return;
    }
    if (dead) return;
    head.textContent = data.unread ? `${data.unread} unread` : 'All read';
    clear(list);
    for (const a of data.alerts) list.append(alertItem(a));
    if (!data.alerts.length) list.append(h('li.muted.alerts-empty', 'No alerts yet: they arrive when a new graph version is ingested.'));
    box.dataset.loaded = String(Number(box.dataset.loaded || 0) + 1);
    if (onData) onData(data);
  }
  const unsubscribe = live.subscribe((a) => {
    if (a.kind === 'alerts') refresh();
  });
  refresh();
  return () => {
    dead = true;
    unsubscribe();
  };
}
