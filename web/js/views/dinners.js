// Trips and dinners (/dinners): "the CEO is in London on these dates" → the candidates within a radius,
// most pressing first, with their time zones; dinners at the CEO's homes (settings 'places') or in any
// gazetteer city. /dinners/{id} is one dinner: suggested invitees (near first, then worth flying in),
// invitations, the .ics download, e-mailed invitations through the outreach mailbox, answers with dietary
// notes, and calling it off. Everything updates live from the activity feed.

import * as api from '../api.js';
import {navigate} from '../app.js';
import {clear, debounce, errorBox, h, label, num, spinner, stageBadge, toast} from '../dom.js';
import * as live from '../live.js';

export async function render(root, params, query) {
  if (params[0]) return renderEvent(root, Number(params[0]));
  const writable = api.canWrite();
  const tripBox = h('div#trip-results');
  const listBox = h('div#event-list', spinner());
  const dinnerForm = h('div');
  const trip = tripForm(query, tripBox, (city, from) => prefillDinner(dinnerForm, city, from));
  root.append(h('section.page.page-wide',
      h('div.page-head', h('h1', 'Trips and dinners'),
          h('p.muted', 'Where the CEO is going and who is near; dinners at the CEO\'s homes or anywhere, with ' +
              'invitations as calendar files.')),
      h('div.dinner-grid',
          h('section.card', h('div.card-head', h('h2', 'Plan a trip')), trip, tripBox),
          h('section.card', h('div.card-head', h('h2', 'Dinners and events')), dinnerForm, listBox))));

  let dead = false;
  let homes = [];
  async function refresh() {
    let data;
    try {
      data = await api.get('/api/calendar/events');
    } catch (e) {
      if (!dead) clear(listBox).append(errorBox(e));
      return;
    }
    if (dead) return;
    if (!homes.length && writable) {
      homes = data.homes || [];
      clear(dinnerForm).append(createForm(homes));
    }
    clear(listBox).append(eventList(data.events));
  }
  const unsubscribe = live.subscribe((a) => {
    if (a.kind === 'event' || !a.person_id) refresh();
  });
  await refresh();
  if (query.get('city')) trip.requestSubmit();
  return () => {
    dead = true;
    unsubscribe();
  };
}

export function eventList(events) {
  if (!events.length) return h('p.muted', 'No dinners planned yet.');
  return h('ul.plain-list', events.map((e) => h('li', {dataset: {eventId: e.id}},
      h('a.event-line', {href: `/dinners/${e.id}`, class: e.status === 'cancelled' ? 'event-cancelled' : ''}, e.line),
      h('div.muted', `${e.title} · ${e.place} · ${e.start.replace('T', ' ')} ${e.tz}`))));
}

// ---- trip planning

function tripForm(query, out, onPlanDinner) {
  const city = h('input#trip-city', {name: 'city', required: true, value: query.get('city') || '',
    placeholder: 'London, or Cambridge, US', list: 'trip-cities', autocomplete: 'off'});
  const cities = h('datalist#trip-cities');
  const from = h('input#trip-from', {name: 'from', type: 'date', value: query.get('from') || ''});
  const to = h('input#trip-to', {name: 'to', type: 'date', value: query.get('to') || ''});
  const radius = h('input#trip-radius', {name: 'radius_km', type: 'number', min: 1, max: 20000,
    value: query.get('radius_km') || '', placeholder: '100'});
  const suggest = debounce(async () => {
    const q = city.value.split(',')[0].trim();
    if (q.length < 2) return;
    try {
      const r = await api.get('/api/places/cities' + api.query({q}));
      clear(cities).append(r.cities.map((c) => h('option', {value: `${c.city}, ${c.country}`},
          `${c.region ? c.region + ', ' : ''}${c.tz}`)));
    } catch (e) {
      // suggestions are a convenience; the search itself reports errors
    }
  }, 200);
  city.addEventListener('input', suggest);
  const form = h('form.inline-form#trip-form',
      h('div.field', h('label', {for: 'trip-city'}, 'The CEO is in'), city, cities),
      h('div.field.field-narrow', h('label', {for: 'trip-from'}, 'From'), from),
      h('div.field.field-narrow', h('label', {for: 'trip-to'}, 'To'), to),
      h('div.field.field-narrow', h('label', {for: 'trip-radius'}, 'Radius (km)'), radius),
      h('div.field.field-button', h('button.btn.btn-primary', {type: 'submit'}, 'Find candidates')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clear(out).append(spinner('Looking around…'));
    const q = {city: city.value.trim(), from: from.value, to: to.value, radius_km: radius.value};
    history.replaceState(null, '', '/dinners' + api.query(q));
    let r;
    try {
      r = await api.get('/api/places/trip' + api.query(q));
    } catch (e) {
      clear(out).append(errorBox(e));
      return;
    }
    const c = r.center;
    const when = r.from ? ` from ${r.from}${r.to ? ' to ' + r.to : ''}` : '';
    clear(out).append(
        h('p#trip-summary', h('b', `${r.stops.length} candidate${r.stops.length === 1 ? '' : 's'}`),
            ` within ${num(r.radius_km)} km of ${c.city}, ${c.country}${when} (${c.tz})`,
            h('span.muted', ` · ${num(r.located)} located, ${num(r.not_located)} not`)),
        r.stops.length ? tripTable(r.stops) : h('p.muted', 'Nobody located there yet.'),
        api.canWrite() ? h('button.btn#trip-dinner', {type: 'button',
          onclick: () => onPlanDinner(`${c.city}, ${c.country}`, r.from)}, `Plan a dinner in ${c.city}`) : null);
  });
  return form;
}

function localNow(tz) {
  if (!tz) return '';
  try {
    return new Date().toLocaleTimeString('en-GB', {timeZone: tz, hour: '2-digit', minute: '2-digit'});
  } catch (e) {
    return '';
  }
}

function tripTable(stops) {
  return h('table.table#trip-table',
      h('thead', h('tr', h('th', 'Candidate'), h('th', 'Stage'), h('th', 'City'), h('th.num', 'km'),
          h('th', 'Time zone'), h('th.num', 'Strength'))),
      h('tbody', stops.map((s) => h('tr', {dataset: {personId: s.id}},
          h('td', h('a', {href: `/people/${s.id}`}, s.name), h('div.muted', s.org || '')),
          h('td', stageBadge(s.stage)),
          h('td', s.location.city),
          h('td.num', num(s.km)),
          h('td', s.location.tz || '–', h('div.muted', `UTC${s.utc_offset || ''} · now ${localNow(s.location.tz)}`)),
          h('td.num', num(s.strength))))));
}

// ---- creating a dinner

function createForm(homes) {
  const title = h('input#dinner-title', {name: 'title', required: true, maxlength: 200, value: 'Dinner'});
  const where = h('select#dinner-where', {name: 'where'},
      homes.map((hm) => h('option', {value: `home:${hm.name}`}, `${hm.name} (${hm.city})`)),
      h('option', {value: 'city'}, 'Another city…'));
  const city = h('input#dinner-city', {name: 'city', placeholder: 'City', hidden: true});
  const start = h('input#dinner-start', {name: 'start', type: 'datetime-local', required: true});
  const capacity = h('input#dinner-capacity', {name: 'capacity', type: 'number', min: 1, max: 1000, value: 12,
    required: true});
  const notes = h('input#dinner-notes', {name: 'notes', maxlength: 2000, placeholder: 'Notes for the invitation'});
  where.addEventListener('change', () => (city.hidden = where.value !== 'city'));
  const error = h('div.form-error#dinner-error', {role: 'alert', hidden: true});
  const form = h('form.inline-form#dinner-form',
      h('div.field', h('label', {for: 'dinner-title'}, 'Title'), title),
      h('div.field', h('label', {for: 'dinner-where'}, 'Where'), where, city),
      h('div.field', h('label', {for: 'dinner-start'}, 'Starts (local time)'), start),
      h('div.field.field-narrow', h('label', {for: 'dinner-capacity'}, 'Seats'), capacity),
      h('div.field', h('label', {for: 'dinner-notes'}, 'Notes'), notes),
      h('div.field.field-button', h('button.btn.btn-primary', {type: 'submit'}, 'Create dinner')), error);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.hidden = true;
    const body = {title: title.value.trim(), start: start.value.slice(0, 16), capacity: Number(capacity.value),
      notes: notes.value.trim()};
    if (where.value.startsWith('home:')) body.home = where.value.slice(5);
    else body.city = city.value.trim();
    try {
      const e = await api.post('/api/calendar/events', body);
      toast(`Planned: ${e.line}`);
      navigate(`/dinners/${e.id}`);
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
    }
  });
  return form;
}

function prefillDinner(box, cityText, from) {
  const form = box.querySelector('#dinner-form');
  if (!form) return;
  form.querySelector('#dinner-where').value = 'city';
  const city = form.querySelector('#dinner-city');
  city.hidden = false;
  city.value = cityText;
  form.querySelector('#dinner-title').value = `Dinner in ${cityText.split(',')[0]}`;
  if (from) form.querySelector('#dinner-start').value = `${from}T19:30`;
  form.querySelector('#dinner-start').focus();
}

// ---- one dinner

const isCeo = () => api.session.user && api.session.user.role === 'ceo';

async function renderEvent(root, id) {
  const page = h('section.page.page-wide#event-page', spinner());
  root.append(page);
  let dead = false;
  const picked = new Set();
  async function refresh() {
    let d; let sugg = {suggestions: []};
    try {
      d = await api.get(`/api/calendar/events/${id}`);
      if (api.canWrite() && d.event.status !== 'cancelled') {
        sugg = await api.get(`/api/calendar/events/${id}/suggestions?limit=12`);
      }
    } catch (e) {
      if (!dead) clear(page).append(e.status === 404 ? h('div.empty', 'No such dinner. ',
          h('a', {href: '/dinners'}, 'Back to trips and dinners')) : errorBox(e));
      return;
    }
    if (dead) return;
    draw(d, sugg.suggestions);
  }

  function draw(d, suggestions) {
    const e = d.event;
    document.title = `${e.title} · superteam`;
    const writable = api.canWrite() && e.status !== 'cancelled';
    const behind = d.invites.filter((i) => i.mailed_sequence < e.sequence && (e.status !== 'cancelled' || i.mailed_sequence >= 0));
    const actions = h('div.inline-form',
        h('a.btn#ics-link', {href: `/api/calendar/events/${id}/invitation.ics`, download: `event-${id}.ics`},
            'Download .ics'),
        isCeo() && behind.length ? h('button.btn#send-invites', {type: 'button', onclick: send},
            `E-mail ${e.status === 'cancelled' ? 'the cancellation' : 'the invitation'} (${behind.length})`) : null,
        writable ? h('button.btn.btn-ghost#cancel-event', {type: 'button', onclick: () => cancel(e)},
            'Call it off') : null);
    clear(page).append(
        h('div.page-head', h('h1', e.title), h('p#event-line', {class: e.status === 'cancelled' ? 'event-cancelled' : ''},
            h('b', e.line)),
        h('p.muted', `${e.place}${e.address ? ', ' + e.address : ''} · ${e.city}, ${e.country} · ` +
              `${e.start.replace('T', ' ')}–${e.end.slice(11)} ${e.tz} · ${e.capacity} seats · host ${e.host} · ` +
              `invitation sequence ${e.sequence}`),
        e.notes ? h('p', e.notes) : null),
        actions,
        h('div.dinner-grid',
            h('section.card', h('div.card-head', h('h2', 'Invited'),
                h('span.muted#event-counts', `${e.counts.invited} invited · ${e.counts.yes} yes · ${e.counts.no} no · ` +
                    `${e.counts.maybe} maybe · ${e.counts.pending} waiting`)), invitees(d, writable, refresh)),
            writable ? h('section.card', h('div.card-head', h('h2', 'Suggested'),
                h('span.muted', 'near first, then worth flying in')), suggestionList(suggestions)) : null));
  }

  function suggestionList(list) {
    if (!list.length) return h('p.muted', 'Nobody left to suggest.');
    const button = h('button.btn.btn-primary#invite-selected', {type: 'button', disabled: true}, 'Invite selected');
    const sync = () => {
      button.disabled = picked.size === 0;
      button.textContent = picked.size ? `Invite ${picked.size} selected` : 'Invite selected';
    };
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        const r = await api.post(`/api/calendar/events/${id}/invites`, {person_ids: [...picked].map(String)});
        toast(`${r.invites.length} invited`);
        picked.clear();
        await refresh();
      } catch (e) {
        toast(e.message, 'error');
        sync();
      }
    });
    const table = h('table.table#suggestions', h('tbody', list.map((s) => {
      const box = h('input', {type: 'checkbox', 'aria-label': `Invite ${s.name}`, checked: picked.has(s.id),
        onchange: (ev) => {
          if (ev.target.checked) picked.add(s.id);
          else picked.delete(s.id);
          sync();
        }});
      return h('tr', {dataset: {personId: s.id}}, h('td', box),
          h('td', h('a', {href: `/people/${s.id}`}, s.name), h('div.muted', s.org || '')),
          h('td', stageBadge(s.stage)),
          h('td', s.city || '–', h('div.muted', s.km === null ? '' : `${num(s.km)} km`)),
          h('td.muted', s.reason));
    })));
    sync();
    return h('div', table, button);
  }

  async function send() {
    const b = page.querySelector('#send-invites');
    b.disabled = true;
    try {
      const r = await api.post(`/api/calendar/events/${id}/send`, {});
      toast(`${r.queued} invitation e-mail${r.queued === 1 ? '' : 's'} queued, ${r.up_to_date} already up to date` +
          (r.skipped.length ? `; not sent: ${r.skipped.join(', ')}` : ''));
      await refresh();
    } catch (e) {
      toast(e.message, 'error');
    }
    b.disabled = false;
  }

  async function cancel(e) {
    if (!confirm(`Call off “${e.title}”? Invitees get a cancellation.`)) return;
    try {
      const r = await api.post(`/api/calendar/events/${id}/cancel`, {version: e.version});
      if (r.mail && r.mail.queued) toast(`${r.mail.queued} cancellation e-mail${r.mail.queued === 1 ? '' : 's'} queued`);
      await refresh();
    } catch (err) {
      toast(err.message, 'error');
    }
  }

  const unsubscribe = live.subscribe((a) => {
    if (a.kind === 'event') refresh();
  });
  await refresh();
  return () => {
    dead = true;
    unsubscribe();
  };
}

function invitees(d, writable, refresh) {
  if (!d.invites.length) return h('p.muted', 'Nobody invited yet: pick from the suggestions.');
  const answers = ['invited', 'yes', 'maybe', 'no'];
  return h('table.table#invitees', h('thead', h('tr', h('th', 'Guest'), h('th', 'Answer'), h('th', 'Dietary notes'),
      h('th', ''))),
  h('tbody', d.invites.map((i) => {
    const rsvp = h('select', {name: 'rsvp', 'aria-label': `Answer of ${i.name}`, disabled: !writable},
        answers.map((a) => h('option', {value: a, selected: a === i.rsvp}, a === 'invited' ? 'no answer' : label(a))));
    const diet = h('input', {name: 'dietary', maxlength: 500, value: i.dietary || '', disabled: !writable,
      'aria-label': `Dietary notes of ${i.name}`, placeholder: 'vegetarian, no nuts…'});
    const save = h('button.btn', {type: 'button', hidden: !writable}, 'Save');
    save.addEventListener('click', async () => {
      save.disabled = true;
      try {
        await api.post(`/api/calendar/events/${d.event.id}/rsvp`,
            {person_id: i.person_id, rsvp: rsvp.value, dietary: diet.value.trim()});
        await refresh();
      } catch (e) {
        toast(e.message, 'error');
        save.disabled = false;
      }
    });
    return h('tr', {dataset: {personId: i.person_id, rsvp: i.rsvp}},
        h('td', h('a', {href: `/people/${i.person_id}`}, i.name), h('div.muted', i.org || ''),
            h('div.muted.mailed', i.mailed_sequence < 0 ? 'not e-mailed' : i.mailed_sequence < d.event.sequence
              ? 'e-mailed; the change is not sent yet' : 'e-mailed')),
        h('td', rsvp), h('td', diet), h('td', save));
  })));
}
