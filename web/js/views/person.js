// Candidate page (/people/{id}): who they are (profile from the talent graph), their co-author
// neighbourhood drawn as a graph, warm paths to our staff, stage history, notes and the stage change.
// Writes carry the person's version; a 409 means someone else changed them first, and the page says so
// and reloads the current state instead of overwriting it.

import * as api from '../api.js';
import {navigate} from '../app.js';
import {ago, clear, dateTime, errorBox, h, label, money, spinner, stageBadge, toast} from '../dom.js';
import * as live from '../live.js';
import * as vendor from '../vendor.js';
import * as offerPanel from './offer_panel.js';
import * as profile from './profile.js';
import * as outreach from './outreach.js';

export async function render(root, [idText]) {
  const id = Number(idText);
  const page = h('section.page.person-page');
  root.append(page);
  page.append(spinner());
  vendor.cytoscape().catch(() => {});  // start the graph library's download alongside the person's data
  let person;
  try {
    person = await api.get(`/api/people/${id}`);
  } catch (e) {
    clear(page).append(e.status === 404 ? h('div.empty', 'This person is not in the pipeline (or was erased). ',
        h('a', {href: '/board'}, 'Back to the board')) : errorBox(e));
    return;
  }

  let graphCleanup = () => {};
  const draw = () => {
    graphCleanup();
    graphCleanup = renderPerson(page, person, {reload, setPerson});
  };
  const setPerson = (p) => {
    person = p;
    draw();
  };
  // Re-renders only when something changed: the live echo of this page's own write changes nothing,
  // and redrawing would re-run the graph layout for no reason.
  // force: after this page's own write, whose answer is the person without history and graph sections.
  async function reload(force = false) {
    try {
      const fresh = await api.get(`/api/people/${id}`);
      const same = fresh.version === person.version && fresh.notes_total === person.notes_total;
      if (force || !same) setPerson(fresh);
    } catch (e) {
      if (e.status === 404) {
        toast('This person was erased.', 'error');
        navigate('/board', {replace: true});
      } else {
        toast(e.message, 'error');
      }
    }
  }
  draw();

  // Someone else changed this person: show it and pick up the new version without a reload.
  const unsubscribe = live.subscribe((a) => {
    if (Number(a.person_id) !== id) return;
    if (a.actor !== (api.session.user && api.session.user.username)) {
      toast(`${a.actor}: ${a.summary || a.kind}`, 'info');
    }
    reload();
  });
  return () => {
    unsubscribe();
    graphCleanup();
  };
}

function renderPerson(page, p, actions) {
  clear(page);
  document.title = `${p.name} · superteam`;
  const prof = p.profile || null;
  const writable = api.canWrite();

  const facts = [p.title, p.org].filter(Boolean).join(' · ');
  const head = h('div.person-head',
      h('div.person-id',
          h('h1', p.name, ' ', stageBadge(p.stage)),
          h('div.person-sub', facts || 'No organisation recorded',
              h('span.kind', p.kind === 'staff' ? 'Own staff' : 'Candidate')),
          h('div.person-meta',
              p.email ? h('span', '✉ ', p.email) : null,
              p.city ? h('span', '⌂ ', p.city) : null,
              h('span', 'Owner: ', h('b#owner', p.owner ? p.owner.username : 'nobody'), ownButton(p, actions)),
              (p.tags || []).map((t) => h('span.tag', t)),
              h('span.muted', `updated ${ago(p.updated_at)} · v${p.version}`))),
      writable ? stageControl(p, actions) : null);

  const nbBox = h('div.graph-box');
  const left = h('div.col-main',
      profile.card('Outreach', outreach.panel(p)),
      p.kind !== 'staff' ? profile.card('Offer', offerPanel.panel(p, () => actions.reload(true))) : null,
      profile.card('Co-author neighbourhood', nbBox),
      profile.card('Papers', profile.papers(p.papers && p.papers.length ? p.papers
          : prof && (prof.top_papers || prof.papers))),
      profile.card('Affiliation history', profile.history(prof)),
      profile.card('Top topics', profile.topics(prof, p.topics)));
  const right = h('div.col-side',
      prof && prof.identity ? profile.card('Identity', profile.identity(prof)) : null,
      profile.card('Metrics', profile.metrics(p.metrics, prof && prof.metrics, prof)),
      profile.card('Warm paths to our staff', profile.warmPaths(p.warm_paths)),
      'compensation' in p ? profile.card('Compensation', compensation(p.compensation)) : null,
      profile.card('Stage history', timeline(p.history)),
      profile.card('Dinners and events', personEvents(p.id)),
      profile.card('Notes', notes(p, actions)),
      api.session.can && api.session.can.erase ? profile.card('Personal data', dataActions(p)) : null);
  page.append(head, h('div.person-grid', left, right));
  return profile.neighbourhood(nbBox, p.neighbourhood, (pid) => navigate(`/people/${pid}`));
}

function stageControl(p, actions) {
  const select = h('select#stage-select', {'aria-label': 'New stage'},
      api.session.stages.map((s) => h('option', {value: s, selected: s === p.stage}, label(s))));
  const note = h('input#stage-note', {placeholder: 'Note (optional)', maxlength: 500});
  const button = h('button.btn.btn-primary#stage-move', {type: 'submit'}, 'Change stage');
  const error = h('div.form-error#stage-error', {role: 'alert', hidden: true});
  const form = h('form.stage-control', h('label', {for: 'stage-select'}, 'Stage'),
      h('div.stage-row', select, note, button), error);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (select.value === p.stage) {
      error.textContent = `Already ${label(p.stage)}.`;
      error.hidden = false;
      return;
    }
    button.disabled = true;
    try {
      const body = {stage: select.value, version: p.version};
      if (note.value.trim()) body.note = note.value.trim();
      const updated = await api.post(`/api/people/${p.id}/stage`, body);
      toast(`${p.name}: ${label(p.stage)} → ${label(updated.stage)}`, 'ok');
      await actions.reload(true);
    } catch (e) {
      button.disabled = false;
      error.textContent = e.status === 409
          ? `Someone else changed ${p.name} first (${e.message}). The page now shows their change; try again.`
          : e.message;
      error.hidden = false;
      if (e.status === 409) {
        await actions.reload();
        toast(error.textContent, 'error', 9000);
      }
    }
  });
  return form;
}

// "Take ownership": the signed-in user becomes the owner (the server decides whether they may).
function ownButton(p, actions) {
  const me = api.session.user;
  if (!api.canWrite() || !me || (p.owner && p.owner.id === me.id)) return null;
  const b = h('button.link-button#take-owner', {type: 'button'}, p.owner ? 'take over' : 'take ownership');
  b.addEventListener('click', async () => {
    b.disabled = true;
    try {
      await api.patch(`/api/people/${p.id}`, {version: p.version, owner_id: me.id});
      toast(`You now own ${p.name}.`, 'ok');
      await actions.reload(true);
    } catch (e) {
      b.disabled = false;
      toast(e.status === 409 ? `Someone else changed ${p.name} first; the page now shows it.` : e.message, 'error');
      if (e.status === 409) actions.reload();
    }
  });
  return b;
}

function compensation(c) {
  const entries = Object.entries(c || {}).filter(([k, v]) => k !== 'currency' && v !== null && v !== '');
  if (!entries.length) return h('p.muted', 'Nothing recorded yet.');
  const cur = (c && c.currency) || 'USD';
  return h('dl.metrics.comp', entries.map(([k, v]) =>
    h('div.metric', h('dt', k.replace(/_/g, ' ')), h('dd', typeof v === 'number' ? money(v, cur) : String(v)))));
}

// The dinners this person is invited to, with their answer (filled in once the list arrives).
function personEvents(id) {
  const box = h('div#person-events', spinner());
  api.get(`/api/calendar/events?person=${id}`).then((r) => {
    if (!r.events.length) return clear(box).append(h('p.muted', 'Not invited to any dinner yet.'));
    clear(box).append(h('ul.plain-list', r.events.map((e) => h('li',
        h('a', {href: `/dinners/${e.id}`, class: e.status === 'cancelled' ? 'event-cancelled' : ''}, e.title),
        ` · ${e.start.slice(0, 10)} · `, h('b', e.invite.rsvp === 'invited' ? 'no answer yet' : e.invite.rsvp),
        e.invite.dietary ? h('div.muted', `Dietary: ${e.invite.dietary}`) : null))));
  }).catch((e) => clear(box).append(errorBox(e)));
  return box;
}

function timeline(list) {
  if (!list || !list.length) return h('p.muted', 'No stage changes yet.');
  const items = [...list].sort((a, b) => String(b.at).localeCompare(String(a.at)));
  return h('ol.timeline#stage-history', items.map((e) => h('li',
      h('span.tl-when', {title: e.at}, dateTime(e.at)),
      h('span.tl-what', stageBadge(e.stage), e.by ? h('span.muted', ` by ${e.by}`) : null,
          e.note ? h('div.tl-note', e.note) : null))));
}

function notes(p, actions) {
  const list = h('ul.notes#notes', [...(p.notes || [])].sort((a, b) => Number(b.id) - Number(a.id))
      .map(noteItem));
  if (!(p.notes || []).length) list.append(h('li.muted.no-notes', 'No notes yet.'));
  const more = olderNotes(p, list);
  if (!api.canWrite()) return h('div', list, more);
  const text = h('textarea#note-body', {rows: 3, maxlength: 10000, placeholder: 'Add a note for the team…',
    required: true});
  const button = h('button.btn#note-add', {type: 'submit'}, 'Add note');
  const form = h('form.note-form', text, button);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = text.value.trim();
    if (!body) return;
    button.disabled = true;
    try {
      const n = await api.post(`/api/people/${p.id}/notes`, {body});
      (p.notes || (p.notes = [])).push(n);
      p.notes_total = (p.notes_total || 0) + 1;
      const empty = list.querySelector('.no-notes');
      if (empty) empty.remove();
      list.prepend(noteItem(n));
      text.value = '';
    } catch (e) {
      toast(e.message, 'error');
    } finally {
      button.disabled = false;
    }
  });
  return h('div', form, list, more);
}

// The page carries the newest 50 notes (docs/API.md); older ones come a page at a time on request.
function olderNotes(p, list) {
  const button = h('button.btn.notes-older#notes-older', {type: 'button'});
  const refresh = () => {
    const left = Math.max(0, (p.notes_total || 0) - (p.notes || []).length);
    button.hidden = left === 0;
    button.textContent = `Show older notes (${left} more)`;
  };
  refresh();
  button.addEventListener('click', async () => {
    const oldest = Math.min(...p.notes.map((n) => Number(n.id)));
    button.disabled = true;
    try {
      const page = await api.get(`/api/people/${p.id}/notes?before=${oldest}&limit=100`);
      const older = page.notes || [];  // oldest first
      p.notes = [...older, ...p.notes];
      p.notes_total = page.total;
      for (let i = older.length - 1; i >= 0; --i) list.append(noteItem(older[i]));
      if (!older.length) p.notes_total = p.notes.length;  // deleted meanwhile: nothing older is left
      refresh();
    } catch (e) {
      toast(e.message, 'error');
    } finally {
      button.disabled = false;
    }
  });
  return button;
}

function noteItem(n) {
  return h('li.note', h('div.note-meta', h('b', n.author || ''), h('span.muted', ` · ${ago(n.at)}`)),
      h('div.note-body', n.body));
}

function dataActions(p) {
  const exportLink = h('a.btn', {href: `/api/people/${p.id}/export`, download: `person-${p.id}.json`},
      'Export JSON');
  const erase = h('button.btn.btn-danger', {type: 'button'}, 'Erase person…');
  erase.addEventListener('click', async () => {
    if (!window.confirm(`Erase everything stored about ${p.name}? This cannot be undone.`)) return;
    try {
      await api.request('DELETE', `/api/people/${p.id}`);
      toast(`${p.name} erased.`, 'ok');
      navigate('/board', {replace: true});
    } catch (e) {
      toast(e.message, 'error');
    }
  });
  return h('div.data-actions', exportLink, erase,
      h('p.muted.small', 'Export on request; erasure keeps an audit entry without personal fields.'));
}
