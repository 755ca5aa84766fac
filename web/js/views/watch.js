// /watch: the user's alerts (mark all read), the people and saved searches they follow, and forms to follow a
// researcher (by graph id, as in /authors/ID) or a saved search ("LLM reasoning since 2023, top 50"). Each
// user has their own follows and alerts; alerts are computed when a graph version is ingested, never here.

import * as api from '../api.js';
import {clear, errorBox, h, spinner, toast} from '../dom.js';
import {panelInto} from './alerts_panel.js';

export async function render(root) {
  const alertsBox = h('div#watch-alerts', spinner());
  const follows = h('div#watch-follows', spinner());
  const panel = (title, body, extra) => h('section.card', h('div.card-head', h('h2', title), extra || null), body);
  let newest = 0;
  const readAll = h('button.btn#alerts-read-all', {type: 'button', onclick: async () => {
    try {
      await api.post('/api/alerts/read', {up_to_id: newest});
      cleanupPanel();
      cleanupPanel = panelInto(alertsBox, {limit: 50, onData});
    } catch (e) {
      toast(e.message, 'error');
    }
  }}, 'Mark all read');
  const onData = (d) => (newest = d.alerts.length ? d.alerts[0].id : newest);

  const text = h('input#follow-text', {placeholder: 'topic, e.g. LLM reasoning', 'aria-label': 'Topic'});
  const org = h('input#follow-org', {placeholder: 'organisation (optional)', 'aria-label': 'Organisation'});
  const since = h('input#follow-since', {type: 'number', placeholder: 'since year', min: 1900, max: 2200,
    'aria-label': 'Since year'});
  const top = h('input#follow-top', {type: 'number', value: 50, min: 1, max: 1000, 'aria-label': 'Top N'});
  const searchForm = h('form.inline-form#follow-search-form', {onsubmit: async (ev) => {
    ev.preventDefault();
    try {
      await api.post('/api/watch/follows', {kind: 'search', text: text.value.trim(), org: org.value.trim(),
        since: Number(since.value || 0), top: Number(top.value || 50)});
      toast('Saved search followed', 'ok');
      text.value = '';
      org.value = '';
      loadFollows();
    } catch (e) {
      toast(e.message, 'error');
    }
  }}, text, org, since, top, h('button.btn.primary', {type: 'submit'}, 'Follow search'));
  const authorId = h('input#follow-author', {type: 'number', min: 0, placeholder: 'graph author id',
    'aria-label': 'Author id'});
  const authorForm = h('form.inline-form#follow-author-form', {onsubmit: async (ev) => {
    ev.preventDefault();
    try {
      await api.post('/api/watch/follows', {kind: 'author', author_id: Number(authorId.value)});
      toast('Researcher followed', 'ok');
      authorId.value = '';
      loadFollows();
    } catch (e) {
      toast(e.message, 'error');
    }
  }}, authorId, h('button.btn', {type: 'submit'}, 'Follow researcher'));

  root.append(h('section.page.page-wide',
      h('div.page-head', h('h1', 'Watchlist'),
          h('p.muted', 'What changed in the scholarly record for the people you watch: everyone in the pipeline, ' +
            'our own staff, and the researchers and searches you follow.')),
      h('div.dash-grid',
          panel('Alerts', alertsBox, readAll),
          panel('Following', h('div', follows, h('h3', 'Follow a saved search'), searchForm,
              h('h3', 'Follow a researcher'), authorForm)))));

  async function loadFollows() {
    let data;
    try {
      data = await api.get('/api/watch/follows');
    } catch (e) {
      clear(follows).append(errorBox(e));
      return;
    }
    const rows = data.follows.map((f) => h('tr', {dataset: {followId: f.id}},
        h('td', f.kind === 'author' ? 'Researcher' : 'Search'),
        h('td', f.label || f.author_key),
        h('td', h('button.btn.small', {type: 'button', onclick: async () => {
          try {
            await api.request('DELETE', `/api/watch/follows/${f.id}`);
            loadFollows();
          } catch (e) {
            toast(e.message, 'error');
          }
        }}, 'Unfollow'))));
    clear(follows).append(rows.length ?
      h('table.table#follows-table', h('thead', h('tr', h('th', 'Kind'), h('th', 'What'), h('th', ''))),
          h('tbody', rows)) :
      h('p.muted', 'You follow nobody yet.'));
  }
  let cleanupPanel = panelInto(alertsBox, {limit: 50, onData});
  await loadFollows();
  return () => cleanupPanel();
}
