// The CEO's sending mailbox (a card on /settings, ceo only): SMTP and IMAP host, port and TLS mode, the login,
// the display name his e-mails carry, and his own daily cap and send window (blank = the campaign's
// "outreach" setting). The password is write-only: the server never returns it, the field stays empty and
// an empty field keeps the stored one. "Test connection" logs in to both servers without sending anything.

import * as api from '../api.js';
import {clear, errorBox, h, toast} from '../dom.js';

const kTls = {smtp: [['starttls', 'STARTTLS (587)', 'smtp', 587], ['tls', 'Implicit TLS (465)', 'smtps', 465]],
  imap: [['starttls', 'STARTTLS (143)', 'imap', 143], ['tls', 'Implicit TLS (993)', 'imaps', 993],
    ['none', 'No reply polling', '', 0]]};

// "smtps://mail.lab.example:465" -> {host, port, tls}
function parseUrl(url, kind) {
  const m = /^([a-z]+):\/\/([^:/]+)(?::(\d+))?/.exec(url || '');
  if (!m) return {host: '', port: '', tls: kind === 'imap' ? 'tls' : 'starttls'};
  const tls = m[1].endsWith('s') ? 'tls' : 'starttls';
  const dflt = kTls[kind].find((t) => t[0] === tls)[3];
  return {host: m[2], port: m[3] || String(dflt), tls};
}

function buildUrl(kind, host, port, tls) {
  const t = kTls[kind].find((x) => x[0] === tls);
  if (!t || !t[2] || !host.trim()) return '';
  return `${t[2]}://${host.trim()}:${port || t[3]}`;
}

function field(id, text, input, hint) {
  return h('div.settings-field', h('label', {for: id}, text, hint ? h('span.muted.small', ` (${hint})`) : null), input);
}

function select(id, options, value) {
  return h(`select#${id}`, options.map(([v, text]) => h('option', {value: v, selected: v === value}, text)));
}

export async function render(root) {
  const card = h('section.card.settings-card#mailbox-card',
      h('div.card-head', h('h2', 'Sending mailbox'), h('span.muted.small#mailbox-version')),
      h('p.muted', 'The mailbox your outreach e-mails are sent from and replies are read in. ' +
                   'The password is stored encrypted and never shown again.'));
  root.append(card);
  let box;
  try {
    box = await api.get('/api/outreach/mailbox');
  } catch (e) {
    card.append(errorBox(e));
    return;
  }
  draw(card, box);
}

function draw(card, box) {
  const configured = !!box.configured;
  const smtp = parseUrl(box.smtp_url, 'smtp');
  const imap = configured ? parseUrl(box.imap_url, 'imap') : {host: '', port: '', tls: 'tls'};
  if (configured && !box.imap_url) imap.tls = 'none';
  const el = {
    display_name: h('input#mb-display-name', {value: box.display_name || '', required: true, autocomplete: 'name'}),
    address: h('input#mb-address', {type: 'email', value: box.address || '', required: true}),
    reply_to: h('input#mb-reply-to', {type: 'email', value: box.reply_to || ''}),
    transport: select('mb-transport', [['smtp', 'SMTP server'], ['maildir', 'Demo: write .eml files to a folder']],
        box.transport || 'smtp'),
    smtp_host: h('input#mb-smtp-host', {value: smtp.host, placeholder: 'smtp.example.com'}),
    smtp_port: h('input#mb-smtp-port', {type: 'number', min: 1, max: 65535, value: smtp.port, placeholder: '587'}),
    smtp_tls: select('mb-smtp-tls', kTls.smtp, smtp.tls),
    imap_host: h('input#mb-imap-host', {value: imap.host, placeholder: 'imap.example.com'}),
    imap_port: h('input#mb-imap-port', {type: 'number', min: 1, max: 65535, value: imap.port, placeholder: '993'}),
    imap_tls: select('mb-imap-tls', kTls.imap, imap.tls),
    username: h('input#mb-username', {value: box.username || '', autocomplete: 'username'}),
    // Write-only: never filled from the server (which does not send it anyway).
    password: h('input#mb-password', {type: 'password', value: '', autocomplete: 'new-password',
      placeholder: box.password_set ? 'stored — leave empty to keep' : 'the mailbox password'}),
    ca_file: h('input#mb-ca-file', {value: box.ca_file || '', placeholder: 'system certificates'}),
    maildir: h('input#mb-maildir', {value: box.maildir || ''}),
    daily_cap: h('input#mb-daily-cap', {type: 'number', min: 0, max: 2000,
      value: box.daily_cap > 0 ? String(box.daily_cap) : '', placeholder: 'campaign setting'}),
    window_start: h('input#mb-window-start', {type: 'number', min: 0, max: 23,
      value: box.window_start_hour >= 0 ? String(box.window_start_hour) : '', placeholder: 'campaign'}),
    window_end: h('input#mb-window-end', {type: 'number', min: 1, max: 24,
      value: box.window_end_hour >= 0 ? String(box.window_end_hour) : '', placeholder: 'campaign'}),
  };
  const smtpBlock = h('div.mailbox-servers',
      field('mb-smtp-host', 'SMTP host', el.smtp_host), field('mb-smtp-port', 'SMTP port', el.smtp_port),
      field('mb-smtp-tls', 'SMTP security', el.smtp_tls),
      field('mb-imap-host', 'IMAP host', el.imap_host, 'for replies'), field('mb-imap-port', 'IMAP port', el.imap_port),
      field('mb-imap-tls', 'IMAP security', el.imap_tls),
      field('mb-username', 'User name', el.username), field('mb-password', 'Password', el.password, 'write-only'),
      field('mb-ca-file', 'CA file', el.ca_file, 'only for a self-signed server'));
  const maildirBlock = field('mb-maildir', 'Folder', el.maildir, 'absolute path');
  const showTransport = () => {
    smtpBlock.hidden = el.transport.value !== 'smtp';
    maildirBlock.hidden = el.transport.value !== 'maildir';
  };
  el.transport.addEventListener('change', showTransport);
  // Picking a TLS mode fills its usual port when the port is empty or still another mode's default.
  for (const kind of ['smtp', 'imap']) {
    el[`${kind}_tls`].addEventListener('change', () => {
      const port = el[`${kind}_port`];
      const defaults = kTls[kind].map((t) => String(t[3]));
      if (!port.value || defaults.includes(port.value)) {
        const t = kTls[kind].find((x) => x[0] === el[`${kind}_tls`].value);
        port.value = t && t[3] ? String(t[3]) : '';
      }
    });
  }
  showTransport();
  const error = h('p.form-error#mailbox-error', {role: 'alert', hidden: true});
  const result = h('p#mailbox-test-result', {role: 'status', hidden: !box.last_error},
      box.last_error ? `Last error: ${box.last_error}` : '');
  if (box.last_error) result.className = 'form-error';
  const save = h('button.btn.btn-primary#mailbox-save', {type: 'submit'}, 'Save mailbox');
  const test = h('button.btn#mailbox-test', {type: 'button', disabled: !configured}, 'Test connection');
  const form = h('form.settings-form#mailbox-form',
      field('mb-display-name', 'Display name', el.display_name, 'the From: name'),
      field('mb-address', 'Address', el.address), field('mb-reply-to', 'Reply-To', el.reply_to, 'optional'),
      field('mb-transport', 'Transport', el.transport), smtpBlock, maildirBlock,
      h('div.mailbox-servers',
          field('mb-daily-cap', 'Daily cap', el.daily_cap, 'e-mails per day; empty = campaign setting'),
          field('mb-window-start', 'Send window from', el.window_start, "candidate's local hour"),
          field('mb-window-end', 'Send window until', el.window_end, 'exclusive')),
      error, h('div.draft-actions', save, test), result);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.hidden = true;
    const ws = el.window_start.value, we = el.window_end.value;
    if ((ws === '') !== (we === '')) {
      error.textContent = 'Give both hours of the send window, or neither (the campaign setting).';
      error.hidden = false;
      return;
    }
    const body = {
      version: box.version || 0,
      display_name: el.display_name.value.trim(), address: el.address.value.trim(), reply_to: el.reply_to.value.trim(),
      transport: el.transport.value,
      smtp_url: buildUrl('smtp', el.smtp_host.value, el.smtp_port.value, el.smtp_tls.value),
      imap_url: buildUrl('imap', el.imap_host.value, el.imap_port.value, el.imap_tls.value),
      username: el.username.value.trim(), ca_file: el.ca_file.value.trim(), maildir: el.maildir.value.trim(),
      daily_cap: el.daily_cap.value === '' ? 0 : Number(el.daily_cap.value),
      window_start_hour: ws === '' ? -1 : Number(ws), window_end_hour: we === '' ? -1 : Number(we),
    };
    if (el.password.value) body.password = el.password.value;
    save.disabled = true;
    try {
      const saved = await api.patch('/api/outreach/mailbox', body);
      toast('Mailbox saved.', 'ok');
      redraw(card, saved);
    } catch (e) {
      error.textContent = e.status === 409 ? `${e.message}. Reload to see the current values.` : e.message;
      error.hidden = false;
      save.disabled = false;
    }
  });
  test.addEventListener('click', async () => {
    test.disabled = true;
    result.hidden = false;
    result.className = 'muted';
    result.textContent = 'Logging in…';
    try {
      const r = await api.post('/api/outreach/mailbox/test');
      result.className = r.ok ? 'form-ok' : 'form-error';
      result.textContent = r.ok ? 'Connection works: logged in to the server(s), nothing was sent.' : r.error;
    } catch (e) {
      result.className = 'form-error';
      result.textContent = e.message;
    } finally {
      test.disabled = false;
    }
  });
  card.querySelector('#mailbox-version').textContent = configured ? `version ${box.version}` : 'not configured';
  card.append(form);
}

function redraw(card, box) {
  card.querySelector('#mailbox-form').remove();
  draw(card, box);
}
