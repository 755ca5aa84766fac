// Outreach on the candidate page: the draft editor with a preview and the fields still missing, "approve &
// send" for the CEO, WhatsApp click-to-chat, the thread with replies and the sequence's state. Viewers see
// that contact happened (when, which channel, the state), never what was said: the server leaves it out.
// Also the week's outreach figures for the dashboard.

import * as api from '../api.js';
import {ago, clear, errorBox, h, spinner, toast} from '../dom.js';

const kStatusText = {
  queued: 'queued — goes out in the send window',
  sending: 'sending…',
  sent: 'sent',
  retry: 'temporary failure — will retry',
  failed: 'failed',
  unknown: 'outcome unknown — check the Sent folder',
  received: 'received',
  cancelled: 'not sent (sequence stopped)',
};

const isCeo = () => api.session.user && api.session.user.role === 'ceo';

// The Outreach card's body; fills itself and refreshes on `reload()`.
export function panel(person) {
  const box = h('div.outreach#outreach', spinner());
  async function load() {
    let data;
    try {
      data = await api.get(`/api/people/${person.id}/outreach`);
    } catch (e) {
      clear(box).append(e.status === 403 ? h('p.muted', 'Owned by another recruiter.') : errorBox(e));
      return;
    }
    clear(box).append(...render(person, data, load));
  }
  load();
  box.reload = load;
  return box;
}

function render(person, data, reload) {
  const out = [];
  const active = data.threads.find((t) => t.state === 'active');
  const thread = data.threads[data.threads.length - 1];
  out.push(h('div.outreach-state#outreach-state',
      data.suppressed ? h('span.badge.badge-bad', 'opted out / bounced — no e-mail') : null,
      thread ? h('span', 'Sequence: ', h('b#sequence-state', thread.state),
          thread.stop_reason ? h('span.muted', ` (${thread.stop_reason})`) : null,
          h('span.muted', ` · their time zone ${thread.time_zone}`)) : h('span.muted', 'No e-mail yet.')));
  const drafts = data.drafts.filter((d) => d.status === 'draft');
  if (api.canWrite()) {
    if (drafts.length) out.push(...drafts.map((d) => editor(person, d, reload)));
    else if (!active) out.push(newDraftButton(person, reload));
  }
  if (data.messages.length) out.push(threadView(data.messages));
  if (isCeo() && person.phone) out.push(whatsapp(person, reload));
  return out;
}

function newDraftButton(person, reload) {
  const b = h('button.btn#draft-new', {type: 'button'}, 'Write a draft from their papers');
  b.addEventListener('click', async () => {
    b.disabled = true;
    try {
      await api.post(`/api/people/${person.id}/drafts`, {});
      await reload();
    } catch (e) {
      toast(e.message, 'error');
      b.disabled = false;
    }
  });
  return b;
}

function editor(person, draft, reload) {
  const subject = h('input#draft-subject', {value: draft.subject, 'aria-label': 'Subject', maxlength: 500});
  const body = h('textarea#draft-body', {rows: 14, 'aria-label': 'Message'}, draft.body);
  const preview = h('div.draft-preview#draft-preview');
  const missing = h('div.form-error#draft-missing', {role: 'status'});
  const update = () => {
    const fields = [...new Set([...`${subject.value}\n${body.value}`.matchAll(/\[\[missing: ([^\]]+)\]\]/g)]
        .map((m) => m[1]))];
    missing.hidden = fields.length === 0;
    missing.textContent = fields.length ? `Fill in before sending: ${fields.join(', ')}` : '';
    clear(preview).append(h('div.preview-subject', subject.value),
        ...body.value.split(/\n{2,}/).map((para) => h('p', para)));
    return fields;
  };
  subject.addEventListener('input', update);
  body.addEventListener('input', update);
  update();
  const save = h('button.btn#draft-save', {type: 'button'}, 'Save draft');
  const approve = isCeo() ? h('button.btn.btn-primary#draft-approve', {type: 'button'}, 'Approve & send') : null;
  let version = draft.version;
  async function persist() {
    if (subject.value === draft.subject && body.value === draft.body && version === draft.version) return version;
    const saved = await api.patch(`/api/drafts/${draft.id}`, {version, subject: subject.value, body: body.value});
    draft = saved;
    version = saved.version;
    return version;
  }
  save.addEventListener('click', async () => {
    try {
      await persist();
      toast(`Draft saved (version ${version})`, 'ok');
    } catch (e) {
      toast(e.status === 409 ? `Someone else edited this draft: ${e.message}` : e.message, 'error');
      if (e.status === 409) reload();
    }
  });
  if (approve) {
    approve.addEventListener('click', async () => {
      if (update().length) return toast('Fill in the missing fields first.', 'error');
      approve.disabled = true;
      try {
        const v = await persist();
        await api.post(`/api/drafts/${draft.id}/approve`, {version: v});
        toast(`Approved: the e-mail to ${person.name} is in the outbox`, 'ok');
        await reload();
      } catch (e) {
        approve.disabled = false;
        toast(e.message, 'error', 9000);
      }
    });
  }
  return h('div.draft#draft', {dataset: {draft: draft.id}},
      h('div.draft-meta.muted', `${draft.kind === 'follow_up' ? 'Follow-up' : 'First message'} draft · v${draft.version}`,
          ` · by ${draft.updated_by}`, isCeo() ? '' : ' · waiting for the CEO'),
      h('label', 'Subject'), subject, h('label', 'Message'), body, missing,
      h('div.draft-actions', save, approve),
      h('details', h('summary', 'Preview'), preview));
}

function threadView(messages) {
  return h('ol.thread#thread', messages.map((m) => h('li.msg', {class: `msg-${m.direction} msg-${m.status}`},
      h('div.msg-head',
          h('b', m.direction === 'in' ? (m.kind === 'bounce' ? 'Bounce' : 'Reply') :
              m.channel === 'whatsapp' ? 'WhatsApp' : m.kind === 'follow_up' ? 'Follow-up' : 'E-mail'),
          ' · ', h('span.msg-status', kStatusText[m.status] || m.status),
          ' · ', h('span.muted', ago(m.sent_at || m.created_at))),
      'subject' in m && m.subject ? h('div.msg-subject', m.subject) : null,
      'body' in m ? h('pre.msg-body', m.body) : null,
      m.error ? h('div.form-error', m.error) : null)));
}

function whatsapp(person, reload) {
  const open = h('button.btn#wa-open', {type: 'button'}, 'WhatsApp…');
  const mark = h('button.btn#wa-mark', {type: 'button', hidden: true}, 'Mark as sent via WhatsApp');
  let text = '';
  open.addEventListener('click', async () => {
    try {
      const {url} = await api.get(`/api/people/${person.id}/whatsapp`);
      text = decodeURIComponent(url.slice(url.indexOf('text=') + 5));
      window.open(url, '_blank', 'noopener');
      mark.hidden = false;
    } catch (e) {
      toast(e.message, 'error');
    }
  });
  mark.addEventListener('click', async () => {
    try {
      await api.post(`/api/people/${person.id}/whatsapp`, {text});
      await reload();
    } catch (e) {
      toast(e.message, 'error');
    }
  });
  return h('div.draft-actions', open, mark);
}

// Dashboard tile: this week's first messages, reply rate and median time to reply, by organisation.
export async function statsInto(box) {
  let s;
  try {
    s = await api.get('/api/outreach/stats');
  } catch (e) {
    clear(box).append(errorBox(e));
    return;
  }
  const hours = (sec) => (sec === undefined ? '—' : sec < 3600 ? `${Math.round(sec / 60)} min` : `${(sec / 3600).toFixed(1)} h`);
  clear(box).append(
      h('div.kpis', h('div.kpi', h('b#outreach-sent', String(s.sent)), h('span', 'sent this week')),
          h('div.kpi', h('b#outreach-rate', `${s.reply_rate_percent}%`), h('span', 'replied')),
          h('div.kpi', h('b#outreach-median', hours(s.median_reply_seconds)), h('span', 'median time to reply'))),
      s.by_org.length ? h('table.table#outreach-orgs', h('thead', h('tr', h('th', 'Organisation'), h('th', 'Sent'),
          h('th', 'Replied'), h('th', 'Median time to reply'))),
      h('tbody', s.by_org.map((r) => h('tr', h('td', r.org || '—'), h('td', String(r.sent)), h('td', String(r.replied)),
          h('td', hours(r.median_reply_seconds)))))) : h('p.muted', 'No e-mail sent this week.'));
}
