// Pipeline board: one column per stage; drag a card to another column to move the person (POST
// /api/people/{id}/stage with the version the card was drawn from). If someone else moved them first the
// server answers 409: the card goes back, the conflict is shown, and the board reloads the truth.
// Other users' changes arrive over the live feed and redraw the board (never mid-drag).

import * as api from '../api.js';
import {clear, debounce, errorBox, h, label, num, spinner, toast} from '../dom.js';
import * as live from '../live.js';

export async function render(root) {
  const filter = h('input#board-filter', {type: 'search', placeholder: 'Filter by name, organisation, topic…'});
  const mine = h('input#board-mine', {type: 'checkbox'});
  const banner = h('div.error-box#board-error', {role: 'alert', hidden: true});
  const board = h('div.board#board');
  root.append(h('section.page.page-wide',
      h('div.page-head.page-head-row', h('div', h('h1', 'Pipeline'),
          h('p.muted', 'Drag a card to another stage (or focus it and press ← / →). ' +
              'Changes by others appear here live.')),
      h('div.board-tools', filter, h('label.check', mine, ' Only mine'))),
      banner, board));
  board.append(spinner());

  let stages = [];
  let sequences = new Map();  // person id -> the newest outreach sequence (/api/outreach/sequences)
  let dragging = null;
  let pendingReload = false;
  let focusedId = null;  // the card keyboard focus belongs to, across redraws (moving a node blurs it)
  const trackFocus = (ev) => {
    focusedId = ev.target.classList && ev.target.classList.contains('pcard') ? ev.target.dataset.personId : null;
  };
  document.addEventListener('focusin', trackFocus);

  async function load() {
    if (dragging) {
      pendingReload = true;
      return;
    }
    try {
      const [data, seq] = await Promise.all([api.get('/api/pipeline'),
        api.get('/api/outreach/sequences').catch(() => ({sequences: []}))]);
      stages = data.stages || [];
      sequences = new Map(seq.sequences.map((s) => [s.person_id, s]));
      draw();
    } catch (e) {
      clear(board).append(errorBox(e));
    }
  }

  function matches(p) {
    const me = api.session.user;
    if (mine.checked && (!p.owner || !me || p.owner.id !== me.id)) return false;
    const q = filter.value.trim().toLowerCase();
    if (!q) return true;
    return [p.name, p.org, p.title, ...(p.topics || []), ...(p.tags || [])]
        .some((s) => s && String(s).toLowerCase().includes(q));
  }

  function draw() {
    clear(board);
    const writable = api.canWrite();
    for (const col of stages) {
      const people = (col.people || []).filter(matches);
      const list = h('div.col-cards', people.map((p) => cardFor(p, writable)));
      const column = h('section.col', {class: `col-${col.stage}`, dataset: {stage: col.stage}},
          h('header.col-head', h('span.col-title', label(col.stage)),
              h('span.col-count', String(people.length))),
          list);
      if (writable) wireDrop(column, col.stage);
      board.append(column);
    }
    // Redraws (live updates, reloads) keep the keyboard focus on the same person's card.
    if (focusedId) {
      const again = board.querySelector(`.pcard[data-person-id="${focusedId}"]`);
      if (again) again.focus();
    }
  }

  function cardFor(p, writable) {
    const m = p.metrics || {};
    const card = h('article.pcard', {draggable: writable ? 'true' : 'false',
      dataset: {personId: p.id, version: p.version, stage: p.stage}},
    h('a.pcard-name', {href: `/people/${p.id}`, draggable: 'false'}, p.name),
    h('div.pcard-org', {title: [p.title, p.org].filter(Boolean).join(' · ')}, p.org || p.title || '—'),
    h('div.pcard-foot',
        m.h_index !== undefined && m.h_index !== null ? h('span.m-h', {title: 'h-index'}, `h${num(m.h_index)}`) : null,
        // null: no paper with a known count — shown as unknown, never as 0.
        m.citations === null ? h('span.m-cit', {title: 'citation count unknown'}, '? cit.')
            : m.citations !== undefined ? h('span.m-cit', {title: `${m.citations} citations`}, `${compact(m.citations)} cit.`)
            : null,
        p.kind === 'staff' ? h('span.tag', 'staff') : null,
        sequenceBadge(sequences.get(p.id)),
        h('span.owner', {title: p.owner ? `Owner: ${p.owner.username}` : 'No owner'},
            p.owner ? initials(p.owner.username) : '·')));
    if (writable) {
      // Keyboard alternative to dragging: arrows move the card one stage left or right.
      card.tabIndex = 0;
      card.addEventListener('keydown', (ev) => {
        if (ev.key !== 'ArrowLeft' && ev.key !== 'ArrowRight') return;
        if (card.classList.contains('saving')) return ev.preventDefault();  // one move at a time per card
        const order = stages.map((s) => s.stage);
        const next = order[order.indexOf(card.dataset.stage) + (ev.key === 'ArrowRight' ? 1 : -1)];
        const column = next && board.querySelector(`.col[data-stage="${next}"]`);
        if (!column) return;
        ev.preventDefault();
        card.focus();
        move(card, column, next);
      });
      card.addEventListener('dragstart', (ev) => {
        dragging = card;
        card.classList.add('dragging');
        ev.dataTransfer.effectAllowed = 'move';
        ev.dataTransfer.setData('text/plain', String(p.id));
      });
      card.addEventListener('dragend', () => {
        card.classList.remove('dragging');
        dragging = null;
        for (const c of board.querySelectorAll('.col.drop-target')) c.classList.remove('drop-target');
        if (pendingReload) {
          pendingReload = false;
          load();
        }
      });
    }
    return card;
  }

  function wireDrop(column, stage) {
    column.addEventListener('dragover', (ev) => {
      if (!dragging) return;
      ev.preventDefault();
      ev.dataTransfer.dropEffect = 'move';
      column.classList.add('drop-target');
    });
    column.addEventListener('dragleave', (ev) => {
      if (!column.contains(ev.relatedTarget)) column.classList.remove('drop-target');
    });
    column.addEventListener('drop', (ev) => {
      ev.preventDefault();
      column.classList.remove('drop-target');
      const card = dragging;
      if (!card || card.dataset.stage === stage) return;
      move(card, column, stage);
    });
  }

  async function move(card, column, stage) {
    const from = card.parentElement;
    const id = Number(card.dataset.personId);
    const name = card.querySelector('.pcard-name').textContent;
    const oldStage = card.dataset.stage;
    const hadFocus = document.activeElement === card;
    column.querySelector('.col-cards').prepend(card);  // optimistic; undone on error
    if (hadFocus) card.focus();  // moving a node blurs it
    card.classList.add('saving');
    recount();
    banner.hidden = true;
    try {
      const updated = await api.post(`/api/people/${id}/stage`, {stage, version: Number(card.dataset.version)});
      card.dataset.version = updated.version;
      card.dataset.stage = updated.stage;
      card.classList.remove('saving');
      toast(`${name}: ${label(oldStage)} → ${label(updated.stage)}`, 'ok', 3000);
      await load();
    } catch (e) {
      from.prepend(card);
      card.classList.remove('saving');
      recount();
      const detail = /\(([^)]*)\)/.exec(e.message);
      banner.textContent = e.status === 409
          ? `Not moved: someone else changed ${name} first${detail ? ` (${detail[1]})` : ''}. ` +
            'The board now shows the current state.'
          : `Not moved: ${e.message}`;
      banner.hidden = false;
      await load();
      const now = board.querySelector(`.pcard[data-person-id="${id}"]`);
      if (now) now.classList.add('flash');
    }
  }

  function recount() {
    for (const col of board.querySelectorAll('.col')) {
      col.querySelector('.col-count').textContent = String(col.querySelectorAll('.pcard').length);
    }
  }

  filter.addEventListener('input', debounce(draw, 120));
  mine.addEventListener('change', draw);
  const reloadSoon = debounce(load, 250);
  const unsubscribe = live.subscribe(() => reloadSoon());
  await load();
  return () => {
    unsubscribe();
    document.removeEventListener('focusin', trackFocus);
  };
}

const kCompactFmt = new Intl.NumberFormat('en', {notation: 'compact', maximumFractionDigits: 1});
function compact(n) {
  return kCompactFmt.format(Number(n) || 0);
}

function initials(name) {
  const parts = String(name).split(/[\s._-]+/).filter(Boolean);
  return (parts.length > 1 ? parts[0][0] + parts[1][0] : String(name).slice(0, 2)).toUpperCase();
}

// The outreach sequence on a card: what happens next with the CEO's e-mails to this person.
const kSequenceText = {active: 'sequence on', replied: 'replied', bounced: 'bounced', opted_out: 'opted out',
  stopped: 'sequence stopped', completed: 'sequence done'};

function sequenceBadge(s) {
  if (!s) return null;
  let text = kSequenceText[s.state] || s.state;
  if (s.state === 'active') text = s.pending ? (s.last_sent_at ? 'follow-up queued' : 'e-mail queued')
                                             : `e-mailed${s.follow_ups ? ` +${s.follow_ups}` : ''}`;
  const title = `Outreach: ${s.state}` + (s.follow_ups ? `, ${s.follow_ups} follow-up(s)` : '') +
      (s.last_sent_at ? `, last sent ${s.last_sent_at.slice(0, 10)}` : '');
  return h('span.seq', {class: `seq-${s.state}`, title, dataset: {sequence: s.state}}, text);
}
