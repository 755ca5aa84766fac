// Counter-offers to approve (a section of /approvals, ceo and hr): counter-offers to our own staff waiting for the
// caller's role at the current step of the offers' approval chain (GET /api/retention/counters), beside the offers.
// Each links to the staff member's retention page (the side-by-side); approve / reject in place. Live.

import {h} from '../dom.js';
import {actButton, queueSection} from './offer_approvals.js';
import {fmtMinor} from './offer_panel.js';

export async function render(root) {
  return queueSection(root, {
    listId: 'counter-approvals-list', emptyId: 'counter-approvals-empty', heading: h('h2', 'Counter-offers to approve'),
    intro: 'Counters to rival offers our staff hold, waiting for your role. The last approval reserves the compute ' +
        'on the ledger.',
    url: '/api/retention/counters', key: 'counters', empty: 'No counter-offer waits for you.',
    forbidden: 'Counter-offers are for the CEO and HR.', row,
  });
}

function row(c, reload) {
  const error = h('div.form-error', {role: 'alert', hidden: true});
  const act = (label, path, body) => actButton(label, path, `/api/retention/counters/${c.id}/${path}`, c.version, body,
      `${c.staff_name}: counter ${path}d`, reload, error);
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
