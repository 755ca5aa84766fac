// Messages to approve (a section of /approvals, the CEO's queue): every draft waiting, the candidate's key facts beside it, and
// "approve & send" in one click (the draft's missing fields block it). Other roles see why they cannot.

import * as api from '../api.js';
import {clear, errorBox, h, num, spinner, stageBadge, toast} from '../dom.js';
import * as live from '../live.js';

export async function render(root) {
  const count = h('p.muted#queue-count');
  const list = h('div.queue#queue', spinner());
  root.append(h('section.page', h('div.page-head', h('h2', 'Messages to approve'), count), list));
  async function load() {
    let q;
    try {
      q = await api.get('/api/outreach/queue');
    } catch (e) {
      clear(list).append(e.status === 403 ? h('div.empty', 'Only the CEO approves messages sent in his name.') : errorBox(e));
      return;
    }
    count.textContent = `${q.waiting} draft${q.waiting === 1 ? '' : 's'} waiting`;
    clear(list).append(...(q.items.length ? q.items.map((it) => item(it, load)) : [h('div.empty', 'Nothing to approve.')]));
  }
  await load();
  const unsubscribe = live.subscribe(() => load());
  return () => unsubscribe();
}

function item({draft, person}, reload) {
  const approve = h('button.btn.btn-primary.queue-approve', {type: 'button', disabled: draft.unresolved.length > 0},
      'Approve & send');
  approve.addEventListener('click', async () => {
    approve.disabled = true;
    try {
      await api.post(`/api/drafts/${draft.id}/approve`, {version: draft.version});
      toast(`Approved: e-mail to ${person.name} queued`, 'ok');
      await reload();
    } catch (e) {
      approve.disabled = false;
      toast(e.message, 'error', 9000);
    }
  });
  return h('article.card.queue-item', {dataset: {draft: draft.id}},
      h('div.queue-facts',
          h('h2', h('a', {href: `/people/${person.id}`}, person.name), ' ', stageBadge(person.stage)),
          h('div.muted', [person.title, person.org].filter(Boolean).join(' · ') || 'No organisation'),
          // null: no paper with a known count — "unknown", never 0.
          h('div.muted', person.citations === null ? 'citations unknown'
              : `${num(person.citations)} citations · h-index ${person.h_index}`,
              person.owner ? ` · owner ${person.owner}` : ''),
          h('div.muted', person.email || 'no e-mail address')),
      h('div.queue-draft', h('div.preview-subject', draft.subject), h('pre.msg-body', draft.body),
          draft.unresolved.length ? h('div.form-error', `Missing: ${draft.unresolved.join(', ')} — edit it on the candidate page`) : null,
          h('div.draft-actions', approve)));
}
