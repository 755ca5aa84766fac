// Retention (ceo + hr): the lab's own staff, and for one staff member their pay, the talent-graph link
// (confirm, reject or correct it), the rival offers they hold (record one), the policy's suggested counter
// with its reasons, the counter-offer through the offers' approval chain (submit, approve/reject for the
// role of the current step, present, withdraw), the 4-year side-by-side (with us / rival / counter, year by
// year, with the differences, compute and team beside the money) and the outcome (stayed / left, to whom).
// Every figure comes from the server's one computation; money is never computed here.

import * as api from '../api.js';
import {clear, errorBox, h, spinner, toast} from '../dom.js';
import * as live from '../live.js';
import {fmtMinor, parseMinor} from './offer_panel.js';

const stateLabel = (s) => s.replace('_', ' ');
const kOpen = ['draft', 'pending_approval', 'approved', 'sent'];

export async function render(root, [idText]) {
  const id = idText ? Number(idText) : 0;
  const list = h('div#staff-list', spinner());
  const detail = h('div#retention-case', id ? spinner() : h('p.muted', 'Pick a staff member.'));
  root.append(h('section.page.page-wide',
      h('div.page-head', h('h1', 'Retention'),
          h('p.muted', 'Own staff, the rival offers they hold, and our counter-offers — ceo and hr only.')),
      h('div.retention-grid', h('section.card', h('div.card-head', h('h2', 'Staff'),
          h('button.btn.btn-ghost#links-suggest', {onclick: suggestLinks}, 'Suggest graph links')), list), detail)));
  async function suggestLinks() {
    try {
      const r = await api.post('/api/retention/links/suggest');
      toast(`${r.decisions.filter((d) => d.suggested).length} of ${r.decisions.length} staff linked (suggested)`);
      refresh();
    } catch (e) {
      toast(e.message, 'error');
    }
  }
  let dead = false;
  async function refresh() {
    try {
      const {staff} = await api.get('/api/staff');
      if (!dead) drawList(list, staff, id);
      if (id && !dead) {
        const c = await api.get(`/api/retention/staff/${id}`);
        if (!dead) drawCase(detail, c, refresh);
      }
    } catch (e) {
      if (!dead) clear(id ? detail : list).append(errorBox(e));
    }
  }
  const unsubscribe = live.subscribe(() => refresh());
  await refresh();
  return () => {
    dead = true;
    unsubscribe();
  };
}

function drawList(box, staff, selected) {
  const linkBadge = (s) => s.link_state ? h(`span.badge.link-${s.link_state}`, s.link_state) : null;
  clear(box).append(h('ul.staff-list', staff.map((s) => h('li', {class: s.id === selected ? 'active' : ''},
      h('a', {href: `/retention/${s.id}`, 'data-staff': s.id}, s.name), ' ', h('span.muted', s.title || ''), ' ',
      linkBadge(s)))));
  if (!staff.length) box.append(h('p.muted', 'No staff yet: superteam staff import FILE.csv --db …'));
}

function drawCase(box, c, reload) {
  const s = c.staff;
  const cur = s.currency || 'USD';
  const m = (v) => fmtMinor(v, cur);
  const panel = (title, id, ...body) => h(`section.card#${id}`, h('div.card-head', h('h2', title)), ...body);
  const equity = s.equity ? `${m(s.equity.equity.value)} granted ${s.equity.grant_date}, ${m(s.equity.unvested_today)} unvested today` : 'none recorded';
  clear(box).append(
      panel(s.name, 'staff-pay',
          h('dl.facts',
              h('dt', 'Title'), h('dd', `${s.title || '–'} · ${s.team || '–'}`),
              h('dt', 'Base'), h('dd#pay-base', s.currency ? `${m(s.base)} / year` : 'not recorded'),
              h('dt', 'Bonus'), h('dd', `${(s.target_bonus_bp / 100).toFixed(1)}% of base`),
              h('dt', 'Equity'), h('dd', equity),
              h('dt', 'Last raise'), h('dd', s.last_raise_date || 'unknown'))),
      panel('Talent-graph link', 'staff-link', linkView(s, reload)),
      panel('Side by side, 4 years', 'side-by-side', sideBySide(c.comparison, c.comparison_error, cur)),
      panel('Rival offers', 'rival-offers', rivalList(c.rival_offers, cur), rivalForm(s, reload)),
      panel('Counter-offer', 'counter', counterView(s, c, reload)),
      panel('Outcome', 'outcome', outcomeView(s, c.outcomes, reload)));
}

function linkView(s, reload) {
  const box = h('div');
  const input = h('input#link-author', {placeholder: 'graph author id', value: s.author_id || ''});
  const set = (state) => async () => {
    try {
      await api.post(`/api/staff/${s.id}/link`, {author_id: state === 'rejected' ? s.author_id : input.value.trim(),
        state, confidence: state === 'confirmed' ? 1 : 0});
      toast(`Link ${state}`);
      reload();
    } catch (e) {
      box.append(errorBox(e));
    }
  };
  box.append(
      h('p#link-status', s.link_state ?
        `${s.link_state}: author ${s.author_id || '–'} (confidence ${(s.link_confidence * 100).toFixed(0)}%) — ${s.link_reason}` :
        'Not linked to a graph author yet.'),
      h('div.row', input, h('button.btn#link-confirm', {onclick: set('confirmed')}, 'Confirm / correct'),
          s.author_id ? h('button.btn.btn-ghost#link-reject', {onclick: set('rejected')}, 'Reject') : null));
  return box;
}

function rivalList(rivals, cur) {
  if (!rivals.length) return h('p.muted', 'No rival offer on file.');
  return h('ul.rival-list', rivals.map((r) => h('li', {'data-rival': r.id},
      h('strong', r.company), ` — base ${fmtMinor(r.terms.base_salary, r.terms.currency)}`,
      r.terms.sign_on ? `, sign-on ${fmtMinor(r.terms.sign_on, r.terms.currency)}` : '',
      r.terms.equity && r.terms.equity.value ? `, equity ${fmtMinor(r.terms.equity.value, r.terms.currency)}` : '',
      r.terms.compute ? `, ${r.terms.compute.gpus} ${r.terms.compute.gpu_type}` : '',
      r.terms.team ? `, team of ${r.terms.team.headcount}` : '',
      r.value ? ` · 4 years ${fmtMinor(r.value.four_year, r.terms.currency)}` : '',
      r.deadline ? ` · deadline ${r.deadline}` : '', r.source ? h('span.muted', ` (${r.source})`) : null)));
}

function rivalForm(s, reload) {
  const f = {
    company: h('input', {name: 'company', placeholder: 'Company', required: true}),
    currency: h('select', {name: 'currency'}, ['USD', 'EUR', 'GBP', 'CHF'].map((c) => h('option', {value: c}, c))),
    base: h('input', {name: 'base', placeholder: 'Base / year', required: true}),
    sign_on: h('input', {name: 'sign_on', placeholder: 'Sign-on'}),
    equity: h('input', {name: 'equity', placeholder: 'Equity grant (4y, 1y cliff)'}),
    start: h('input', {name: 'start', type: 'date', required: true}),
    deadline: h('input', {name: 'deadline', type: 'date'}),
    gpus: h('input', {name: 'gpus', type: 'number', min: 0, placeholder: 'GPUs (H100)'}),
    team: h('input', {name: 'team', type: 'number', min: 0, placeholder: 'Team size'}),
    source: h('input', {name: 'source', placeholder: 'Source (how we know)'}),
  };
  const err = h('div');
  const form = h('form#rival-form.form-grid', Object.values(f), h('button.btn', {type: 'submit'}, 'Record rival offer'), err);
  if (s.currency) f.currency.value = s.currency;
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clear(err);
    const terms = {currency: f.currency.value, base_salary: parseMinor(f.base.value), start_date: f.start.value};
    if (f.sign_on.value) terms.sign_on = parseMinor(f.sign_on.value);
    if (f.equity.value) terms.equity = {value: parseMinor(f.equity.value)};
    if (Number(f.gpus.value) > 0) terms.compute = {gpus: Number(f.gpus.value), gpu_type: 'H100'};
    if (Number(f.team.value) > 0) terms.team = {headcount: Number(f.team.value)};
    for (const k of ['base_salary', 'sign_on']) {
      if (Number.isNaN(terms[k])) return err.append(errorBox(new Error(`${k}: not an amount`)));
    }
    try {
      await api.post(`/api/retention/staff/${s.id}/rival-offers`, {company: f.company.value, terms,
        deadline: f.deadline.value, source: f.source.value});
      toast('Rival offer recorded');
      reload();
    } catch (e) {
      err.append(errorBox(e));
    }
  });
  return h('details', {open: false}, h('summary', 'Record a rival offer'), form);
}

function counterView(s, c, reload) {
  const box = h('div');
  const role = api.session.user.role;
  const open = c.counters.find((x) => kOpen.includes(x.state));
  const cur = s.currency || 'USD';
  if (open || c.counters.length) {
    const k = open || c.counters[0];
    const step = k.chain[k.current_step];
    box.append(h('p#counter-state', `Counter #${k.id}: ${stateLabel(k.state)}`,
        k.state === 'pending_approval' && step ? ` — waiting for ${step.role}` : '',
        ` · base ${fmtMinor(k.terms.base_salary, cur)}`,
        k.terms.equity && k.terms.equity.value ? ` · retention grant ${fmtMinor(k.terms.equity.value, cur)}` : '',
        k.terms.compute ? ` · ${k.terms.compute.gpus} ${k.terms.compute.gpu_type}` : '',
        k.terms.team ? ` · team of ${k.terms.team.headcount}` : '',
        k.in_band ? ' · in band' : ` · out of band (${k.band_reason || 'no band'})`));
    if (k.note) box.append(h('p.muted', k.note));
    if (k.approvals.length) box.append(h('p.muted#counter-approvals', `Approved by ${k.approvals.map((a) => `${a.by} (${a.role})`).join(', ')}`));
    const act = (action, label, needNote) => h(`button.btn#counter-${action}`, {onclick: async () => {
      let note = '';
      if (needNote) {
        note = prompt('Why?') || '';
        if (!note) return;
      }
      try {
        await api.post(`/api/retention/counters/${k.id}/${action}`, {version: k.version, note});
        toast(`Counter ${action}`);
        reload();
      } catch (e) {
        box.append(errorBox(e));
      }
    }}, label);
    const row = h('div.row');
    if (k.state === 'draft') row.append(act('submit', 'Submit for approval'));
    if (k.state === 'pending_approval' && step && step.role === role) row.append(act('approve', 'Approve'), act('reject', 'Reject', true));
    if (k.state === 'approved') row.append(act('present', 'Mark presented'));
    if (kOpen.includes(k.state)) row.append(act('withdraw', 'Withdraw'));
    box.append(row);
  }
  if (!open && c.rival_offers.length) box.append(suggestForm(s, c, reload));
  if (!c.rival_offers.length && !open) box.append(h('p.muted', 'Record a rival offer to get a suggested counter.'));
  return box;
}

function suggestForm(s, c, reload) {
  // Empty: the linked author's graph score (the server says which strength it used); a figure here counts
  // only for someone without a graph link.
  const strength = h('input#counter-strength', {type: 'number', min: 0, max: 1, step: 0.05,
    placeholder: 'from the graph', title: 'Used only without a graph link; the linked author\'s graph score wins'});
  const rival = h('select#counter-rival', c.rival_offers.map((r) => h('option', {value: r.id}, r.company)));
  const out = h('div#suggestion');
  const go = async () => {
    clear(out).append(spinner());
    try {
      const sug = await api.post(`/api/retention/staff/${s.id}/counter-suggestion`,
          {rival_offer_id: Number(rival.value), ...(strength.value === '' ? {} : {strength: Number(strength.value)})});
      clear(out).append(h('p#suggestion-strength', 'Strength ',
          h('b', sug.strength == null ? 'unknown' : sug.strength.toFixed(2)), ` — ${sug.strength_source}`),
      h('ul#suggestion-reasons', sug.reasons.map((r) => h('li', r))),
          sideBySide(sug.comparison, null, s.currency || 'USD'),
          h('button.btn#counter-create', {onclick: async () => {
            try {
              await api.post(`/api/retention/staff/${s.id}/counters`, {terms: sug.terms,
                rival_offer_id: Number(rival.value), note: sug.reasons.join('; ')});
              toast('Counter-offer drafted');
              reload();
            } catch (e) {
              out.append(errorBox(e));
            }
          }}, 'Draft this counter-offer'));
    } catch (e) {
      clear(out).append(errorBox(e));
    }
  };
  return h('div', h('div.row', h('label', 'Answer ', rival), h('label', ' strength ', strength),
      h('button.btn#counter-suggest', {onclick: go}, 'Suggest a counter')), out);
}

// The side-by-side: one row per year and the 4-year total; columns with us / rival / counter and the
// differences; then compute and team.
function sideBySide(cmp, error, cur) {
  if (!cmp) return h('p.muted', error || 'Nothing to compare yet.');
  const m = (v) => fmtMinor(v, cmp.currency || cur);
  const sides = [['With us', cmp.current], [cmp.rival_company || 'Rival', cmp.rival], ['Counter', cmp.counter]];
  const breakdown = (y) => `base ${m(y.base)} + bonus ${m(y.bonus)} + held equity ${m(y.held_equity)} + new equity ${m(y.new_equity)} + other ${m(y.other)}`;
  const cell = (side, i) => side ? h('td.num', {title: breakdown(side.years[i])}, m(side.years[i].total)) : h('td.num.muted', '–');
  const diff = (d, i, present) => present ? h(`td.num${d.years[i] < 0 ? '.neg' : ''}`, m(d.years[i])) : h('td.num.muted', '–');
  const rows = [0, 1, 2, 3].map((i) => h('tr', h('td', `Year ${i + 1}`, h('span.muted', ` ${cmp.current.years[i].from} → ${cmp.current.years[i].to}`)),
      sides.map(([, side]) => cell(side, i)),
      diff(cmp.rival_minus_current, i, !!cmp.rival), diff(cmp.counter_minus_rival, i, !!(cmp.rival && cmp.counter))));
  const total = (side) => side ? h('td.num', m(side.four_year)) : h('td.num.muted', '–');
  const extra = (label, f) => h('tr', h('td', label), sides.map(([, side]) => h('td.num', side ? f(side) : '–')), h('td'), h('td'));
  return h('table.offer-table#comparison-table',
      h('thead', h('tr', h('th', ''), sides.map(([n]) => h('th.num', n)), h('th.num', 'Rival − us'), h('th.num', 'Counter − rival'))),
      h('tbody', rows,
          extra('Compute', (s) => s.gpus ? `${s.gpus} ${s.gpu_type || 'GPUs'}` : '–'),
          extra('Team', (s) => s.team ? `${s.team} people` : '–')),
      h('tfoot', h('tr#comparison-total', h('td', '4 years'), sides.map(([, side]) => total(side)),
          cmp.rival ? h('td.num', m(cmp.rival_minus_current.four_year)) : h('td.num', '–'),
          cmp.rival && cmp.counter ? h('td.num', m(cmp.counter_minus_rival.four_year)) : h('td.num', '–'))));
}

function outcomeView(s, outcomes, reload) {
  const box = h('div');
  if (outcomes.length) box.append(h('ul#outcomes', outcomes.map((o) => h('li', o.outcome === 'left' ? `Left for ${o.to_company}` : 'Stayed', h('span.muted', ` ${new Date(o.at * 1000).toISOString().slice(0, 10)}`)))));
  const to = h('input#outcome-to', {placeholder: 'to whom (when left)'});
  const rec = (outcome) => async () => {
    try {
      await api.post(`/api/retention/staff/${s.id}/outcome`, {outcome, to_company: to.value});
      toast(`Recorded: ${outcome}`);
      reload();
    } catch (e) {
      box.append(errorBox(e));
    }
  };
  box.append(h('div.row', h('button.btn#outcome-stayed', {onclick: rec('stayed')}, 'Stayed'), to,
      h('button.btn.btn-ghost#outcome-left', {onclick: rec('left')}, 'Left')));
  return box;
}
