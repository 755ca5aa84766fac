// Campaign settings: one card per capability key (/api/settings), drawn from the value's own shape —
// text, numbers, switches, lists of lines, and JSON for nested tables (bands, GPU factors). Only the ceo
// may change them; everyone else reads what their role may see. A save sends a JSON merge patch of the
// fields that changed with the version read, so a stale page gets the conflict, not a silent overwrite.

import * as api from '../api.js';
import {clear, errorBox, h, humanKey, spinner, toast} from '../dom.js';
import {render as renderMailbox} from './mailbox.js';

function inputFor(key, value, editable) {
  const id = `set-${key}`;
  if (typeof value === 'boolean') {
    return {el: h('input', {id, type: 'checkbox', checked: value, disabled: !editable}), read: (el) => el.checked};
  }
  if (typeof value === 'number') {
    return {el: h('input', {id, type: 'number', step: 'any', value: String(value), disabled: !editable}),
      read: (el) => Number(el.value)};
  }
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    return {el: h('textarea', {id, rows: Math.max(3, value.length + 1), disabled: !editable}, value.join('\n')),
      read: (el) => el.value.split('\n').map((s) => s.trim()).filter(Boolean), hint: 'one per line'};
  }
  if (typeof value === 'string') {
    const long = value.length > 70;
    return {el: long ? h('textarea', {id, rows: 3, disabled: !editable}, value)
                     : h('input', {id, value, disabled: !editable}),
      read: (el) => el.value};
  }
  return {el: h('textarea.json', {id, rows: Math.min(14, JSON.stringify(value, null, 2).split('\n').length + 1),
    disabled: !editable, spellcheck: false}, JSON.stringify(value, null, 2)),
  read: (el) => JSON.parse(el.value), hint: 'JSON'};
}

function card(setting, editable, reload) {
  const error = h('p.form-error', {role: 'alert', hidden: true});
  const fields = Object.entries(setting.value).map(([k, v]) => ({k, v, ...inputFor(`${setting.key}-${k}`, v, editable)}));
  const save = h('button.btn.btn-primary', {type: 'submit', hidden: !editable}, 'Save');
  const form = h('form.settings-form', {dataset: {key: setting.key}},
      fields.map((f) => h('div.settings-field',
          h('label', {for: f.el.id}, humanKey(f.k), f.hint ? h('span.muted.small', ` (${f.hint})`) : null), f.el)),
      error, save);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.hidden = true;
    const patch = {};
    try {
      for (const f of fields) {
        const now = f.read(f.el);
        if (JSON.stringify(now) !== JSON.stringify(f.v)) patch[f.k] = now;
      }
    } catch (e) {
      error.textContent = `Not valid JSON: ${e.message}`;
      error.hidden = false;
      return;
    }
    if (!Object.keys(patch).length) return toast('Nothing changed.');
    save.disabled = true;
    try {
      await api.patch(`/api/settings/${setting.key}`, {version: setting.version, value: patch});
      toast(`${humanKey(setting.key)} settings saved.`, 'ok');
      reload();
    } catch (e) {
      error.textContent = e.status === 409 ? `${e.message}. Reload to see the current values.` : e.message;
      error.hidden = false;
    } finally {
      save.disabled = false;
    }
  });
  return h('section.card.settings-card', {id: `settings-${setting.key}`},
      h('div.card-head', h('h2', humanKey(setting.key)),
          h('span.muted.small', setting.version ? `version ${setting.version}` : 'defaults')),
      h('p.muted', setting.summary), form);
}

export async function render(root) {
  const editable = api.session.user && api.session.user.role === 'ceo';
  const body = h('div.settings-list', spinner());
  root.append(h('section.page',
      h('div.page-head', h('h1', 'Settings'),
          h('p.muted', editable ? 'Campaign-wide rules. Every change is versioned and in the audit log.'
                                : 'Campaign-wide rules, read-only for your role.')),
      body));
  const load = async () => {
    try {
      const data = await api.get('/api/settings');
      clear(body).append(...data.settings.map((s) => card(s, editable, load)));
    } catch (e) {
      clear(body).append(errorBox(e));
    }
  };
  if (editable) await renderMailbox(body.parentElement);  // the CEO's sending mailbox, ceo only
  await load();
}
