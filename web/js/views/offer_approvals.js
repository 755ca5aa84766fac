// Offers to approve (a section of /approvals, ceo and hr): offers waiting for the caller's role at the current step of their
// chain, with the figures an approver needs and approve / reject in place. Live: the list reloads when
// the feed reports an offer change. queueSection and actButton also serve the counter-offers' section
// (counter_approvals.js).

import * as api from '../api.js';
import {clear, errorBox, h, spinner, toast} from '../dom.js';
import * as live from '../live.js';
import {fmtMinor} from './offer_panel.js';

// One queue of /approvals: a heading, a line of help and the items GET `url` lists under `key`, each drawn by
// row(item, reload); reloaded when the live feed's activity passes `reloadOn`. Returns the unsubscribe.
export async function queueSection(root, {listId, emptyId, heading, intro, url, key, empty, forbidden, row, reloadOn}) {
  const list = h(`div.approvals#${listId}`);
  root.append(h('section.page.approvals-page', heading, h('p.muted', intro), list));
  const load = async () => {
    clear(list).append(spinner());
    try {
      const items = (await api.get(url))[key];
      clear(list);
      if (!items.length) list.append(h(`div.empty#${emptyId}`, empty));
      for (const it of items) list.append(row(it, load));
    } catch (e) {
      clear(list).append(e.status === 403 && forbidden ? h('div.empty', forbidden) : errorBox(e));
    }
  };
  await load();
  return live.subscribe((a) => {
    if (!reloadOn || reloadOn(a)) load();
  });
}

// A button that POSTs {version, ...body} to `url`, toasts `done` and reloads; the server's refusal goes to `error`.
export function actButton(label, action, url, version, body, done, reload, error) {
  return h('button.btn', {type: 'button', dataset: {action}, onclick: async (ev) => {
    ev.target.disabled = true;
    try {
      await api.post(url, {version, ...body});
      toast(done, 'ok');
      await reload();
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
      ev.target.disabled = false;
    }
  }}, label);
}

export async function render(root) {
  return queueSection(root, {
    listId: 'approvals-list', emptyId: 'approvals-empty', heading: h('h1', 'Offers to approve'),
    intro: 'Offers waiting for your role. The last approval of a chain reserves the compute promise; ' +
        'the ledger may refuse it.',
    url: '/api/offers/approvals', key: 'offers', empty: 'Nothing waits for you.', row,
    reloadOn: (a) => a.kind === 'offer',
  });
}

function row(o, reload) {
  const error = h('div.form-error', {role: 'alert', hidden: true});
  const act = (label, path, body) =>
    actButton(label, path, `/api/offers/${o.id}/${path}`, o.version, body, `${o.person_name}: ${path}d`, reload, error);
  const v = o.value;
  return h('div.card.approval', {dataset: {offerId: o.id}},
      h('div.card-head', h('h2', h('a', {href: `/people/${o.person_id}`}, o.person_name)),
          h('span.muted', `offer ${o.id} v${o.offer_version} · step ${o.current_step + 1} of ${o.chain.length}`)),
      h('p', h('b', o.terms.title), ' · ', o.in_band ? 'in band' : `out of band: ${o.band_reason}`),
      v ? h('p', `First year ${fmtMinor(v.first_year, v.currency)} · four years ${fmtMinor(v.four_year, v.currency)}`) : null,
      o.terms.compute ? h('p', `Compute: ${o.terms.compute.gpus.toLocaleString('en')} ${o.terms.compute.gpu_type}`) : null,
      o.over_report_cap ? h('p.warn', o.report_cap_note) : null,
      h('div.offer-actions', act('Approve', 'approve', {}), act('Reject', 'reject', {note: 'see me'})), error);
}
