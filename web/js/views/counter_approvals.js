// Counter-offers to approve (a section of /approvals, ceo and hr): counter-offers to our own staff waiting for the
// caller's role at the current step of the offers' approval chain (GET /api/retention/counters), beside the offers.
// Each links to the staff member's retention page (the side-by-side); approve / reject in place. Live.

import * as api from '../api.js';
import {clear, errorBox, h, spinner, toast} from '../dom.js';
import * as live from '../live.js';
import {fmtMinor} from './offer_panel.js';

export async function render(root) {
  const list = h('div.approvals#counter-approvals-list');
  root.append(h('section.page.approvals-page#counter-approvals', h('h2', 'Counter-offers to approve'),
      h('p.muted', 'Counters to rival offers our staff hold, waiting for your role. The last approval reserves the ' +
          'compute on the ledger.'), list));
  const load = async () => {
    clear(list).append(spinner());
    try {
      const {counters} = await api.get('/api/retention/counters');
      clear(list);
      if (!counters.length) list.append(h('div.empty#counter-approvals-empty', 'No counter-offer waits for you.'));
      for (const c of counters) list.append(row(c, load));
    } catch (e) {
      clear(list).append(e.status === 403 ? h('div.empty', 'Counter-offers are for the CEO and HR.') : errorBox(e));
    }
  };
  await load();
  return live.subscribe(() => load());
}

function row(c, reload) {
  const error = h('div.form-error', {role: 'alert', hidden: true});
  const act = (label, path, body) => h('button.btn', {type: 'button', dataset: {action: path}, onclick: async (ev) => {
    ev.target.disabled = true;
    try {
      await api.post(`/api/retention/counters/${c.id}/${path}`, {version: c.version, ...body});
      toast(`${c.staff_name}: counter ${path}d`, 'ok');
      await reload();
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
      ev.target.disabled = false;
    }
  }}, label);
  const v = c.value;
  const t = c.terms;
  return h('div.card.approval.counter-approval', {dataset: {counterId: c.id}},
      h('div.card-head', h('h2', h('a.counter-link', {href: `/retention/${c.staff_id}`}, c.staff_name)),
          h('span.muted', `counter-offer ${c.id} v${c.terms_version} · step ${c.current_step + 1} of ${c.chain.length}`)),
      h('p', h('b', t.title || 'Counter-offer'), ' · ', c.in_band ? 'in band' : `out of band: ${c.band_reason}`),
      v ? h('p', `First year ${fmtMinor(v.first_year, v.currency)} · four years ${fmtMinor(v.four_year, v.currency)}`) : null,
      t.compute ? h('p', `Compute: ${t.compute.gpus.toLocaleString('en')} ${t.compute.gpu_type}`) : null,
      c.note ? h('p.muted', c.note) : null,
      h('div.offer-actions', act('Approve', 'approve', {}), act('Reject', 'reject', {note: 'see me'}),
          h('a.btn', {href: `/retention/${c.staff_id}`}, 'Side by side')), error);
}
