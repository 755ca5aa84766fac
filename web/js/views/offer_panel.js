// The Offer panel of the candidate page: the person's offer (state, version, approval chain, the
// year-by-year table from the server's one computation), the builder with a live table (POST
// /api/offers/preview as you type), and the actions each role may take: submit, approve/reject (the role
// of the chain's current step), send (shows the candidate's private link once), withdraw, the letter.
// Money exists only in ceo/hr answers; recruiters and viewers see the compute and team promises.
// Also the no-interview path (a candidate at identified/contacted/replied straight to offer).

import * as api from '../api.js';
import {clear, debounce, errorBox, h, spinner, toast} from '../dom.js';

const kSymbols = {USD: '$', EUR: '€', GBP: '£', CHF: 'CHF '};

// Minor units → "$100,000,000" / "$1,234.56": the server's FormatMoney rule (cents only when not zero).
export function fmtMinor(minor, currency = 'USD') {
  const neg = minor < 0;
  const abs = Math.abs(Number(minor));
  const whole = Math.floor(abs / 100);
  const cents = abs % 100;
  const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${kSymbols[currency] || ''}${grouped}${cents ? `.${String(cents).padStart(2, '0')}` : ''}`;
}

// "1,000,000.50" → 100000050 with string arithmetic (no floating point); NaN when not a number.
export function parseMinor(text) {
  const t = String(text || '').replace(/[\s,_$€£]/g, '').replace(/^CHF/i, '');
  if (t === '') return 0;
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return NaN;
  return Number(m[1]) * 100 + Number((m[2] || '0').padEnd(2, '0'));
}

const moneyRole = () => api.session.user && (api.session.user.role === 'ceo' || api.session.user.role === 'hr');
const kOpen = ['draft', 'pending_approval', 'approved', 'sent'];
const stateLabel = (s) => s.replace('_', ' ');

export function panel(person, onChange) {
  const box = h('div.offer-panel#offer-panel');
  const load = async () => {
    clear(box).append(spinner());
    try {
      const {offers} = await api.get(`/api/people/${person.id}/offers`);
      drawPanel(box, person, offers, load, onChange);
    } catch (e) {
      clear(box).append(errorBox(e));
    }
  };
  load();
  return box;
}

function drawPanel(box, person, offers, reload, onChange) {
  clear(box);
  const current = offers.find((o) => kOpen.includes(o.state)) || offers[0];
  if (['identified', 'contacted', 'replied'].includes(person.stage) && api.canWrite()) {
    box.append(noInterview(person, onChange));
  }
  if (current) box.append(offerView(current, reload));
  const canBuild = moneyRole() && person.stage === 'offer' && (!current || kOpen.includes(current.state));
  if (canBuild) box.append(builder(person, current && kOpen.includes(current.state) ? current : null, reload));
  if (!current && !canBuild) {
    box.append(h('p.muted', person.stage === 'offer' ? 'No offer yet.'
        : 'Offers are made at the offer stage (after a meeting, or through the no-interview path).'));
  }
  for (const old of offers.filter((o) => o !== current)) {
    box.append(h('p.muted.offer-old', `Offer ${old.id}: ${stateLabel(old.state)} (version ${old.offer_version})`));
  }
}

function noInterview(person, onChange) {
  const reason = h('input#no-interview-reason', {placeholder: 'Why no interview (kept in the history)',
    maxlength: 500});
  const button = h('button.btn#no-interview', {type: 'submit'}, 'Offer without interview');
  const error = h('div.form-error#no-interview-error', {role: 'alert', hidden: true});
  const form = h('form.no-interview', h('div.stage-row', reason, button), error);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    button.disabled = true;
    try {
      await api.post(`/api/people/${person.id}/offer-without-meeting`,
          {version: person.version, reason: reason.value.trim()});
      toast(`${person.name}: straight to offer`, 'ok');
      await onChange();
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
      button.disabled = false;
    }
  });
  return form;
}

export function valueTable(value) {
  if (!value) return null;
  const c = value.currency;
  return h('table.offer-table#offer-table',
      h('thead', h('tr', ['Year', 'From', 'To', 'Cash', 'Equity', 'Total'].map((t) => h('th', t)))),
      h('tbody', value.years.map((y) => h('tr', h('td', y.year), h('td', y.from), h('td', y.to),
          h('td.num', fmtMinor(y.cash, c)), h('td.num', fmtMinor(y.equity + y.refreshers, c)),
          h('td.num', fmtMinor(y.total, c))))),
      h('tfoot', h('tr', h('td', {colspan: 5}, 'First year'), h('td.num#offer-first-year', fmtMinor(value.first_year, c))),
          h('tr', h('td', {colspan: 5}, 'Four-year total'), h('td.num#offer-four-year', fmtMinor(value.four_year, c)))));
}

export function promises(terms) {
  const out = [];
  if (terms.compute) {
    const cp = terms.compute;
    out.push(h('li#offer-compute', `Compute: ${cp.gpus.toLocaleString('en')} ${cp.gpu_type} at `,
        cp.site ? `site ${cp.site}` : 'any site', ` from ${cp.start_date}`,
        cp.end_date ? ` until ${cp.end_date}` : ', as long as employed (reviewed yearly)'));
  }
  if (terms.team) {
    out.push(h('li#offer-team', `Team: may hire ${terms.team.headcount}; reports to `,
        terms.team.reports_to ? `staff ${terms.team.reports_to}` : 'the CEO',
        `; at most ${terms.team.direct_reports_cap} direct reports`));
  }
  return out.length ? h('ul.offer-promises', out) : null;
}

function offerView(o, reload) {
  const me = api.session.user || {};
  const error = h('div.form-error#offer-action-error', {role: 'alert', hidden: true});
  const linkBox = h('div.offer-link-box#offer-link-box', {hidden: true});
  const act = (label, path, body, id) => h(`button.btn#${id}`, {type: 'button', onclick: async (ev) => {
    ev.target.disabled = true;
    error.hidden = true;
    try {
      const res = await api.post(`/api/offers/${o.id}/${path}`, {version: o.version, ...(body ? body() : {})});
      toast(`Offer ${stateLabel(res.state)}`, 'ok');
      if (res.link) {
        const url = `${location.origin}${res.link.url}`;
        clear(linkBox).append(h('p', 'The candidate\'s private link (shown once; it expires with the offer):'),
            h('a#offer-link-url', {href: url, target: '_blank', rel: 'noopener'}, url));
        linkBox.hidden = false;
        return;  // keep the link on screen; the live feed refreshes the rest
      }
      await reload();
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
      ev.target.disabled = false;
    }
  }}, label);
  const step = o.chain[o.current_step];
  const buttons = [];
  if (moneyRole()) {
    if (o.state === 'draft') buttons.push(act('Submit for approval', 'submit', null, 'offer-submit'));
    if (o.state === 'pending_approval' && step && step.role === me.role) {
      buttons.push(act(`Approve as ${me.role}`, 'approve', null, 'offer-approve'));
      buttons.push(act('Reject', 'reject', () => ({note: prompt('Why reject?') || 'rejected'}), 'offer-reject'));
    }
    if (o.state === 'approved') buttons.push(act('Send to the candidate', 'send', null, 'offer-send'));
    if (kOpen.includes(o.state)) buttons.push(act('Withdraw', 'withdraw', () => ({reason: 'withdrawn'}), 'offer-withdraw'));
  }
  const chain = h('ol.offer-chain#offer-chain', o.chain.map((s, i) => {
    const got = o.approvals.filter((a) => a.step === i);
    return h('li', {class: i < o.current_step ? 'done' : i === o.current_step ? 'current' : ''},
        `${s.role}${s.required > 1 ? ` (${s.required} of them)` : ''}: `,
        got.length ? got.map((a) => a.by).join(', ') : 'waiting');
  }));
  return h('div.offer-current', {dataset: {state: o.state, offerId: o.id}},
      h('div.offer-head', h('span.offer-state#offer-state', {class: `offer-${o.state}`}, stateLabel(o.state)),
          h('span.muted', ` offer ${o.id} · version ${o.offer_version} · `, o.in_band ? 'in band' : 'out of band',
              o.band_reason ? ` (${o.band_reason})` : '')),
      h('p', h('b', o.terms.title), o.terms.location ? ` · ${o.terms.location}` : '',
          ` · starts ${o.terms.start_date} · expires ${o.terms.expiry_date}`),
      o.over_report_cap ? h('p.warn#offer-report-cap', o.report_cap_note) : null,
      promises(o.terms),
      o.value ? valueTable(o.value) : h('p.muted', 'Compensation figures are visible to ceo and hr only.'),
      h('div.offer-chain-box', h('span.muted', 'Approvals'), chain),
      h('div.offer-actions', buttons,
          o.money_visible ? h('a.btn.btn-ghost#offer-letter-pdf', {href: `/api/offers/${o.id}/letter.pdf`,
            target: '_blank'}, 'Letter (PDF)') : null,
          o.money_visible ? h('a.btn.btn-ghost#offer-letter-html', {href: `/api/offers/${o.id}/letter.html`,
            target: '_blank'}, 'Letter (HTML)') : null),
      error, linkBox);
}

// ---------------------------------------------------------------- the builder

const kFields = [
  ['title', 'Title', 'text'], ['location', 'Location', 'text'], ['level', 'Level', 'text'], ['track', 'Track', 'text'],
  ['currency', 'Currency', 'select'], ['base_salary', 'Base salary / year', 'money'],
  ['target_bonus', 'Target bonus %', 'text'], ['sign_on', 'Sign-on bonus', 'money'],
  ['sign_on_clawback_months', 'Clawback months', 'int'], ['equity_value', 'Equity grant', 'money'],
  ['cliff_months', 'Cliff months', 'int'], ['frequency', 'Vesting after cliff', 'freq'],
  ['total_years', 'Vesting years', 'int'], ['custom_split', 'Custom split % (e.g. 5/15/40/40)', 'text'],
  ['annual_refresher', 'Annual refresher', 'money'], ['relocation', 'Relocation', 'money'],
  ['start_date', 'Start date', 'date'], ['expiry_date', 'Offer expires', 'date'],
  ['gpus', 'GPUs promised', 'int'], ['gpu_type', 'GPU type', 'text'], ['site', 'Site (empty = any)', 'text'],
  ['headcount', 'Team headcount', 'int'], ['reports_to', 'Reports to (staff id, 0 = CEO)', 'int'],
  ['direct_reports_cap', 'Direct-reports cap', 'int'],
];

function initialValues(o) {
  const day = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);
  if (!o) {
    return {title: 'Member of Technical Staff', currency: 'USD', cliff_months: '12', frequency: 'monthly',
      total_years: '4', start_date: day(60), expiry_date: day(14), gpu_type: 'H100'};
  }
  const t = o.terms;
  const m = (x) => (x ? fmtMinor(x, 'USD').replace('$', '') : '');
  const v = {title: t.title, location: t.location, level: t.level, track: t.track, currency: t.currency,
    base_salary: m(t.base_salary), sign_on: m(t.sign_on), sign_on_clawback_months: String(t.sign_on_clawback_months || ''),
    target_bonus: t.target_bonus_bp ? String(t.target_bonus_bp / 100) : '', relocation: m(t.relocation),
    start_date: t.start_date, expiry_date: t.expiry_date};
  if (t.equity) {
    v.equity_value = m(t.equity.value);
    v.annual_refresher = m(t.equity.annual_refresher);
    v.cliff_months = String(t.equity.vesting.cliff_months);
    v.frequency = t.equity.vesting.frequency;
    v.total_years = String(t.equity.vesting.total_years);
    if (t.equity.vesting.custom_split_bp) v.custom_split = t.equity.vesting.custom_split_bp.map((b) => b / 100).join('/');
  }
  if (t.compute) Object.assign(v, {gpus: String(t.compute.gpus), gpu_type: t.compute.gpu_type, site: t.compute.site});
  if (t.team) {
    Object.assign(v, {headcount: String(t.team.headcount), reports_to: String(t.team.reports_to),
      direct_reports_cap: String(t.team.direct_reports_cap)});
  }
  return v;
}

// The form's values → the API's terms object; throws naming the field on a bad entry.
function termsOf(values) {
  const money = (k) => {
    const v = parseMinor(values[k]);
    if (Number.isNaN(v)) throw new Error(`field '${k}': an amount like 1,000,000 or 1234.56`);
    return v;
  };
  const int = (k) => (values[k] === '' || values[k] === undefined ? 0 : Number.parseInt(values[k], 10));
  const bp = (text) => {
    const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(String(text).trim());
    if (!m) throw new Error(`field 'target_bonus': a percentage like 15 or 12.5`);
    return Number(m[1]) * 100 + Number((m[2] || '0').padEnd(2, '0'));
  };
  const vesting = {cliff_months: int('cliff_months'), frequency: values.frequency || 'monthly',
    total_years: int('total_years') || 4};
  if ((values.custom_split || '').trim()) vesting.custom_split_bp = values.custom_split.split('/').map(bp);
  const t = {currency: values.currency || 'USD', base_salary: money('base_salary'), sign_on: money('sign_on'),
    sign_on_clawback_months: int('sign_on_clawback_months'),
    target_bonus_bp: (values.target_bonus || '').trim() ? bp(values.target_bonus) : 0,
    relocation: money('relocation'),
    equity: {value: money('equity_value'), annual_refresher: money('annual_refresher'), vesting},
    start_date: values.start_date, expiry_date: values.expiry_date, title: values.title || '',
    location: values.location || '', level: values.level || '', track: values.track || ''};
  if (int('gpus') > 0) {
    t.compute = {gpus: int('gpus'), gpu_type: values.gpu_type || 'H100', site: values.site || '',
      start_date: values.start_date};
  }
  if (int('headcount') > 0 || int('direct_reports_cap') > 0 || int('reports_to') > 0) {
    t.team = {headcount: int('headcount'), reports_to: int('reports_to'), direct_reports_cap: int('direct_reports_cap')};
  }
  return t;
}

function builder(person, current, reload) {
  const values = initialValues(current);
  const inputs = {};
  const grid = h('div.offer-form-grid', kFields.map(([k, label, type]) => {
    let input;
    if (type === 'select') {
      input = h('select', ['USD', 'EUR', 'GBP', 'CHF'].map((c) => h('option', {value: c, selected: values[k] === c}, c)));
    } else if (type === 'freq') {
      input = h('select', ['monthly', 'quarterly', 'annual'].map((c) => h('option', {value: c, selected: values[k] === c}, c)));
    } else {
      input = h('input', {type: type === 'date' ? 'date' : 'text', inputmode: type === 'text' ? undefined : 'decimal',
        value: values[k] || ''});
    }
    input.id = `offer-${k.replace(/_/g, '-')}`;
    input.name = k;
    inputs[k] = input;
    return h('label.offer-field', h('span', label), input);
  }));
  const tableBox = h('div.offer-live#offer-live', h('p.muted', 'The year-by-year table appears as you type.'));
  const error = h('div.form-error#offer-error', {role: 'alert', hidden: true});
  const save = h('button.btn.btn-primary#offer-save', {type: 'submit'}, current ? 'Save as a new version' : 'Create offer');
  const read = () => Object.fromEntries(Object.entries(inputs).map(([k, el]) => [k, el.value]));
  let seq = 0;
  const preview = debounce(async () => {
    const mine = ++seq;
    try {
      const value = await api.post('/api/offers/preview', {terms: termsOf(read())});
      if (mine !== seq) return;
      clear(tableBox).append(valueTable(value));
      error.hidden = true;
    } catch (e) {
      if (mine !== seq) return;
      error.textContent = e.message;
      error.hidden = false;
    }
  }, 250);
  grid.addEventListener('input', preview);
  grid.addEventListener('change', preview);
  const form = h('form.offer-builder#offer-builder', h('h3', current ? `Edit offer ${current.id}` : 'Build an offer'),
      grid, tableBox, h('div.offer-actions', save), error);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    save.disabled = true;
    error.hidden = true;
    try {
      const terms = termsOf(read());
      if (current) await api.patch(`/api/offers/${current.id}`, {version: current.version, terms});
      else await api.post(`/api/people/${person.id}/offers`, {terms});
      toast(current ? 'New offer version saved' : 'Offer drafted', 'ok');
      await reload();
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
      save.disabled = false;
    }
  });
  preview();
  return form;
}
