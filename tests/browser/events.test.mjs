// Trips and dinners in headless chromium against the real binary: the CEO plans a trip to the city with
// the most candidates (the table lists them with time zones), plans a dinner there from the trip, invites
// three suggested candidates, downloads the .ics (read back with python3-icalendar), records the answers
// with a dietary note, and a second tab on the dashboard shows "… 3 invited, 2 yes" without a reload; the
// first guest's candidate page shows the invitation and the answer. Screenshots: dinner.png, trip.png,
// dinner-dashboard.png.

import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import {before, describe, test} from 'node:test';

import * as H from './harness.mjs';

const skip = H.skipReason();

describe('trips and dinners in headless chromium', {skip: skip || false}, () => {
  const world = H.startWorld();
  let server = null;
  let chrome = null;
  let ctx = null;
  let page = null;
  let problems = [];
  let center = null;
  let eventId = 0;
  let guests = [];

  before(async () => {
    ({server, chrome} = world);
    ({ctx, page, problems} =
        await H.openAs(chrome, server, 'ceo', {viewport: {width: 1400, height: 950}, acceptDownloads: true}));
    const places = await H.apiCall(ctx, server.baseUrl, 'GET', '/api/places/people');
    center = [...places.body.cities].sort((a, b) => b.count - a.count)[0];
    assert.ok(center && center.count >= 2, JSON.stringify(places.body.counts));
  });

  test('the ceo plans a trip: candidates near the city, most pressing first, with time zones', async () => {
    await H.navTo(page, 'dinners');
    await page.waitForURL((u) => u.pathname === '/dinners');
    await page.fill('#trip-city', `${center.city}, ${center.country}`);
    await page.fill('#trip-from', '2027-03-10');
    await page.fill('#trip-to', '2027-03-14');
    await page.fill('#trip-radius', '50');
    await page.click('#trip-form button[type=submit]');
    await page.waitForSelector('#trip-table tbody tr');
    const r = await H.apiCall(ctx, server.baseUrl, 'GET',
        `/api/places/trip?city=${encodeURIComponent(`${center.city}, ${center.country}`)}&radius_km=50`);
    assert.ok(r.body.stops.length >= center.count, `${r.body.stops.length} stops`);
    assert.equal(await page.locator('#trip-table tbody tr').count(), r.body.stops.length);
    assert.match(await page.textContent('#trip-summary'), new RegExp(`within 50 km of ${center.city}.*from 2027-03-10 to 2027-03-14`));
    assert.match(await page.textContent('#trip-table tbody tr:first-child'), new RegExp(center.tz.replace('/', '\\/')));
    // Same order as the API: the most pressing stage first.
    const first = await page.locator('#trip-table tbody tr').first().getAttribute('data-person-id');
    assert.equal(Number(first), r.body.stops[0].id);
    await H.screenshot(page, 'trip');
  });

  test('a dinner planned from the trip; three suggested candidates invited', async () => {
    await page.click('#trip-dinner');
    assert.equal(await page.inputValue('#dinner-city'), `${center.city}, ${center.country}`);
    assert.equal(await page.inputValue('#dinner-start'), '2027-03-10T19:30');
    await page.fill('#dinner-title', 'Dîner chez nous; with friends, and GPUs');
    await page.fill('#dinner-start', '2027-03-12T19:30');
    await page.fill('#dinner-capacity', '8');
    await page.click('#dinner-form button[type=submit]');
    await page.waitForURL((u) => /^\/dinners\/\d+$/.test(u.pathname));
    eventId = Number(new URL(page.url()).pathname.split('/')[2]);
    await page.waitForSelector('#suggestions tbody tr');
    const boxes = page.locator('#suggestions tbody tr input[type=checkbox]');
    assert.ok(await boxes.count() >= 3);
    for (let i = 0; i < 3; i++) await boxes.nth(i).check();
    guests = await page.locator('#suggestions tbody tr').evaluateAll((rows) =>
      rows.slice(0, 3).map((r) => Number(r.dataset.personId)));
    assert.equal(await page.textContent('#invite-selected'), 'Invite 3 selected');
    await page.click('#invite-selected');
    await page.waitForFunction(() => document.querySelectorAll('#invitees tbody tr').length === 3);
    assert.match(await page.textContent('#event-line'), new RegExp(`dinner in ${center.city} on 12 March: 3 invited, 0 yes`));
    const shown = await page.locator('#invitees tbody tr').evaluateAll((rows) => rows.map((r) => Number(r.dataset.personId)));
    assert.deepEqual(shown.sort(), [...guests].sort());
  });

  test('the .ics downloads and parses with python3-icalendar', async (t) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#ics-link')]);
    assert.equal(download.suggestedFilename(), `event-${eventId}.ics`);
    const file = await download.path();
    const ics = fs.readFileSync(file, 'utf8');
    assert.match(ics, /^BEGIN:VCALENDAR\r\n/);
    assert.match(ics, /\r\nMETHOD:REQUEST\r\n/);
    assert.equal((ics.match(/\r\nATTENDEE/g) || []).length, 3);
    for (const line of ics.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, `folded: ${line}`);
    // Debian's python3 (python3-icalendar), not one a version manager puts first on PATH.
    const python = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
    const py = spawnSync(python, ['-c', `
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
ev = [c for c in cal.walk('VEVENT')][0]
print(cal['METHOD']); print(ev['SUMMARY']); print(len(ev.get('ATTENDEE'))); print(ev.decoded('DTSTART').isoformat())
`, file], {encoding: 'utf8'});
    if (py.status !== 0 && /No module named/.test(py.stderr)) return H.skipOrFail(t, 'python3-icalendar is not installed');
    assert.equal(py.status, 0, py.stderr);
    const [method, summary, attendees, start] = py.stdout.trim().split('\n');
    assert.equal(method, 'REQUEST');
    assert.equal(summary, 'Dîner chez nous; with friends, and GPUs');
    assert.equal(attendees, '3');
    assert.match(start, /^2027-03-12T19:30:00[+-]\d\d:\d\d$/);
  });

  test('answers and a dietary note are recorded; a second tab\'s dashboard follows live', async () => {
    const dash = await ctx.newPage();
    const dashProblems = H.watchPage(dash, 'dashboard');
    await dash.goto(`${server.baseUrl}/dashboard`);
    await dash.waitForSelector(`#dash-events [data-event-id="${eventId}"]`);
    assert.match(await dash.textContent(`#dash-events [data-event-id="${eventId}"]`), /3 invited, 0 yes/);

    const answer = async (personId, rsvp, dietary) => {
      const row = page.locator(`#invitees tbody tr[data-person-id="${personId}"]`);
      await row.locator('select[name=rsvp]').selectOption(rsvp);
      if (dietary) await row.locator('input[name=dietary]').fill(dietary);
      await row.locator('button').click();
      await page.waitForSelector(`#invitees tbody tr[data-person-id="${personId}"][data-rsvp="${rsvp}"]`);
    };
    await answer(guests[0], 'yes', 'vegetarian, no nuts');
    await answer(guests[1], 'yes');
    await answer(guests[2], 'no');
    assert.match(await page.textContent('#event-line'), /3 invited, 2 yes/);
    assert.match(await page.textContent('#event-counts'), /3 invited · 2 yes · 1 no · 0 maybe · 0 waiting/);
    await H.screenshot(page, 'dinner');
    // The dashboard in the other tab was not reloaded: the live feed brought the answers.
    await dash.waitForFunction((id) => /3 invited, 2 yes/.test(
        document.querySelector(`#dash-events [data-event-id="${id}"]`)?.textContent || ''), eventId);
    await dash.locator('#dash-events').scrollIntoViewIfNeeded();
    await H.screenshot(dash, 'dinner-dashboard');
    assert.deepEqual(dashProblems, []);
  });

  test('the guest\'s candidate page shows the dinner, the answer and the dietary note', async () => {
    await page.goto(`${server.baseUrl}/people/${guests[0]}`);
    await page.waitForSelector('#person-events li');
    const text = await page.textContent('#person-events');
    assert.match(text, /Dîner chez nous; with friends, and GPUs · 2027-03-12 · yes/);
    assert.match(text, /Dietary: vegetarian, no nuts/);
    assert.deepEqual(problems, []);
  });
});
