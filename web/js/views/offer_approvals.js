// Offers to approve (a section of /approvals, ceo and hr): offers waiting for the caller's role at the current step of their
// chain, with the figures an approver needs and approve / reject in place. Live: the list reloads when
// the feed reports an offer change.

import * as api from '../api.js';
import {clear, errorBox, h, spinner, toast} from '../dom.js';
import * as live from '../live.js';
import {fmtMinor} from './offer_panel.js';

export async function render(root) {
  const list = h('div.approvals#approvals-list');
  const page = h('section.page.approvals-page', h('h1', 'Offers to approve'),
      h('p.muted', 'Offers waiting for your role. The last approval of a chain reserves the compute promise; ' +
          'the ledger may refuse it.'), list);
  root.append(page);
  const load = async () => {
    clear(list).append(spinner());
    try {
      const {offers} = await api.get('/api/offers/approvals');
      clear(list);
      if (!offers.length) list.append(h('div.empty#approvals-empty', 'Nothing waits for you.'));
      for (const o of offers) list.append(row(o, load));
    } catch (e) {
      clear(list).append(errorBox(e));
    }
  };
  await load();
  return live.subscribe((a) => {
    if (a.kind === 'offer') load();
  });
}

function row(o, reload) {
  const error = h('div.form-error', {role: 'alert', hidden: true});
  const act = (label, path, body) => h('button.btn', {type: 'button', dataset: {action: path}, onclick: async (ev) => {
    ev.target.disabled = true;
    try {
      await api.post(`/api/offers/${o.id}/${path}`, {version: o.version, ...body});
      toast(`${o.person_name}: ${path}d`, 'ok');
      await reload();
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
      ev.target.disabled = false;
    }
  }}, label);
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
