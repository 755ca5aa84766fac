// End-to-end browser tests of the superteam pages, in real headless chromium against the real binary:
// sign in, search the talent graph, add a researcher in one click, open their candidate page, move them on
// the board (and see a conflicting move refused), and watch the dashboard of a second signed-in browser
// context update live without a reload. A screenshot of each page is kept in ${build}/test-artifacts/.
//
// Run: ctest -R browser_test  (or: node tests/browser/run.mjs tests/browser/app.test.mjs with ST_BINARY set).
// ST_BASE_URL + ST_TEST_USERS='{"ceo":{...},"recruiter":{...}}' point it at an already running server.

import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';

import * as H from './harness.mjs';

const external = process.env.ST_BASE_URL || '';
let users = process.env.ST_TEST_USERS ? JSON.parse(process.env.ST_TEST_USERS) : null;
const skip = external ? '' : H.skipReason();

describe('superteam pages in headless chromium', {skip: skip || false}, () => {
  let server = null;
  let base = external;
  let chrome = null;
  let ctxA = null;  // the CEO, who searches and moves people
  let ctxB = null;  // a recruiter watching the dashboard in a second browser context
  let pageA = null;
  let problemsA = [];
  const added = {personId: 0, name: '', authorId: 0};

  // The later steps follow the person the search step added; without them they fail at once, not by timeout.
  const needsAddedPerson = () => assert.ok(added.personId > 0, 'the search step did not add a person');

  before(async () => {
    if (!external) {
      server = await H.startServer();
      base = server.baseUrl;
      users = server.users;
    }
    chrome = await H.launchBrowser();
    ctxA = await chrome.browser.newContext({viewport: {width: 1400, height: 900}});
    ctxB = await chrome.browser.newContext({viewport: {width: 1400, height: 900}});
    pageA = await ctxA.newPage();
    problemsA = H.watchPage(pageA, 'ceo');
  });

  after(async () => {
    if (chrome) await chrome.close();
    if (server) await server.stop();
  });

  test('login: pages need a session, a wrong password is refused, the right one signs in', async () => {
    await pageA.goto(`${base}/search`);
    await pageA.waitForURL((u) => u.pathname === '/login');
    assert.equal(new URL(pageA.url()).searchParams.get('next'), '/search');
    await H.screenshot(pageA, 'login');

    await pageA.fill('#username', users.ceo.username);
    await pageA.fill('#password', 'not the password');
    await pageA.click('form.login-card button[type=submit]');
    await pageA.waitForSelector('#login-error:not([hidden])');
    assert.match(await pageA.textContent('#login-error'), /wrong username or password/i);

    await pageA.fill('#password', users.ceo.password);
    await pageA.click('form.login-card button[type=submit]');
    await pageA.waitForURL((u) => u.pathname === '/search');
    await pageA.waitForSelector('#topbar:not([hidden])');
    assert.equal((await pageA.textContent('#me-role')).trim(), 'ceo');
  });

  test('search: ranked researchers with explanations; "Add to pipeline" in one click', async () => {
    await pageA.fill('#q', 'large language models');
    await pageA.click('form.search-form button[type=submit]');
    await pageA.waitForURL((u) => u.searchParams.get('q') === 'large language models');
    await pageA.waitForSelector('.result');
    const rows = pageA.locator('.result');
    const count = await rows.count();
    assert.ok(count >= 5, `expected several researchers, got ${count}`);
    const ranks = await pageA.locator('.result-rank').allTextContents();
    assert.deepEqual(ranks.map(Number), ranks.map((_, i) => i + 1), 'results are shown in rank order');
    // Every result explains itself with papers and/or numbers.
    for (let i = 0; i < Math.min(count, 10); i++) {
      const explained = await rows.nth(i).locator('.why li, .chips .chip').count();
      assert.ok(explained > 0, `result ${i + 1} has no explanation`);
    }
    // The API's order is the page's order.
    const api = await H.apiCall(ctxA, base, 'GET', '/api/search?q=large%20language%20models');
    assert.equal(api.status, 200);
    const names = await pageA.locator('.result-name').allTextContents();
    assert.deepEqual(names.slice(0, 5), api.body.results.slice(0, 5).map((r) => r.name));
    // Long paper titles are cut with an ellipsis inside the card: nothing sticks out of a result card
    // (the score and the add button once did, off the right edge).
    const overflowing = await pageA.locator('.result').evaluateAll((cards) =>
      cards.filter((c) => c.scrollWidth > c.clientWidth + 1).length);
    assert.equal(overflowing, 0);

    const first = pageA.locator('.result', {has: pageA.locator('.btn-add')}).first();
    added.authorId = Number(await first.getAttribute('data-author-id'));
    const row = pageA.locator(`.result[data-author-id="${added.authorId}"]`);
    added.name = (await row.locator('.result-name').textContent()).trim();
    await row.locator('.btn-add').click();
    const link = row.locator('a.in-pipeline');
    await link.waitFor();
    added.personId = Number((await link.getAttribute('href')).split('/').pop());
    assert.ok(added.personId > 0);
    const person = await H.apiCall(ctxA, base, 'GET', `/api/people/${added.personId}`);
    assert.equal(person.status, 200);
    assert.equal(person.body.author_id, added.authorId);
    assert.equal(person.body.stage, 'identified');
    await H.screenshot(pageA, 'search', {fullPage: false});
  });

  test('search filters: organisation and since-year give the API\'s list, kept in the URL', async () => {
    const org = (await pageA.locator('.result-org').first().textContent()).trim();
    await pageA.fill('#org', org);
    await pageA.fill('#since', '2020');
    await pageA.click('form.search-form button[type=submit]');
    await pageA.waitForURL((u) => u.searchParams.get('org') === org && u.searchParams.get('since') === '2020');
    await pageA.waitForSelector('.results-meta');
    const api = await H.apiCall(ctxA, base, 'GET',
        `/api/search?q=large%20language%20models&org=${encodeURIComponent(org)}&since=2020`);
    assert.equal(api.status, 200);
    const names = await pageA.locator('.result-name').allTextContents();
    assert.deepEqual(names, api.body.results.map((r) => r.name));
    assert.ok(names.length > 0, `nobody at ${org} since 2020`);
    // Back returns to the unfiltered search, as a person expects.
    await pageA.goBack();
    await pageA.waitForURL((u) => !u.searchParams.get('org'));
    await pageA.locator(`a.in-pipeline[href="/people/${added.personId}"]`).waitFor();
  });

  test('candidate page: profile, co-author graph drawn, stage change, history, notes', async () => {
    needsAddedPerson();
    await pageA.click(`a.in-pipeline[href="/people/${added.personId}"]`);
    await pageA.waitForURL((u) => u.pathname === `/people/${added.personId}`);
    await pageA.waitForSelector('.person-head h1');
    assert.match(await pageA.textContent('.person-head h1'), new RegExp(escapeRe(added.name)));
    const api = (await H.apiCall(ctxA, base, 'GET', `/api/people/${added.personId}`)).body;
    const nodes = (api.neighbourhood && api.neighbourhood.nodes) || [];
    if (nodes.length) {
      await pageA.waitForSelector('#coauthor-graph[data-ready="true"] canvas');
    }
    assert.ok(await pageA.locator('#stage-history li').count() >= 1, 'stage history is shown');
    // The CEO sees compensation exactly when the API returns it.
    assert.equal(await pageA.locator('[data-card="compensation"]').count(), 'compensation' in api ? 1 : 0);

    // Stage change from the page: the move and its note land in the timeline.
    const stageNote = `first call booked ${Date.now()}`;
    await pageA.selectOption('#stage-select', 'contacted');
    await pageA.fill('#stage-note', stageNote);
    await pageA.click('#stage-move');
    await pageA.locator('.person-head .stage', {hasText: /contacted/i}).waitFor();
    await pageA.locator('#stage-history li', {hasText: stageNote}).waitFor();
    assert.equal((await H.apiCall(ctxA, base, 'GET', `/api/people/${added.personId}`)).body.stage, 'contacted');

    const note = `Met at NeurIPS, keen on compute ${Date.now()}`;
    await pageA.fill('#note-body', note);
    await pageA.click('#note-add');
    await pageA.locator('#notes .note-body', {hasText: note}).waitFor();
    const after = (await H.apiCall(ctxA, base, 'GET', `/api/people/${added.personId}`)).body;
    assert.ok(after.notes.some((n) => n.body === note), 'the note is stored');
    await pageA.waitForTimeout(300);  // let the graph layout settle for the picture
    await H.screenshot(pageA, 'candidate');
  });

  test('candidate page: older notes beyond the newest 50 load on request', async () => {
    needsAddedPerson();
    const route = `/api/people/${added.personId}`;
    const before = (await H.apiCall(ctxA, base, 'GET', route)).body.notes_total;
    for (let i = 0; i < 60; ++i) {
      const r = await H.apiCall(ctxA, base, 'POST', `${route}/notes`, {body: `bulk note ${i}`});
      assert.equal(r.status, 201);
    }
    const total = before + 60;
    await pageA.reload();
    await pageA.waitForSelector('#notes li.note');
    assert.equal(await pageA.locator('#notes li.note').count(), 50, 'the page starts with the newest 50');
    assert.match(await pageA.textContent('#notes-older'), new RegExp(`\\(${total - 50} more\\)`));
    await pageA.click('#notes-older');
    await pageA.waitForFunction((n) => document.querySelectorAll('#notes li.note').length === n, total);
    assert.ok(await pageA.locator('#notes-older').isHidden(), 'no button once every note is shown');
    // Newest first on the page: the last item is the oldest note, the first the newest bulk note.
    assert.equal(await pageA.locator('#notes li.note .note-body').first().textContent(), 'bulk note 59');
    const bodies = await pageA.locator('#notes li.note .note-body').allTextContents();
    assert.equal(new Set(bodies).size, bodies.length, 'no note shown twice');
  });

  test('board: dragging a card moves the person to that stage', async () => {
    needsAddedPerson();
    await H.navTo(pageA, 'board');
    await pageA.waitForURL((u) => u.pathname === '/board');
    const card = pageA.locator(`.pcard[data-person-id="${added.personId}"]`);
    await card.waitFor();
    assert.equal(await card.getAttribute('data-stage'), 'contacted');
    const before = (await H.apiCall(ctxA, base, 'GET', `/api/people/${added.personId}`)).body;
    await card.dragTo(pageA.locator('.col[data-stage="replied"] .col-cards'));
    await pageA.locator(`.col[data-stage="replied"] .pcard[data-person-id="${added.personId}"]:not(.saving)`)
        .waitFor();
    const moved = (await H.apiCall(ctxA, base, 'GET', `/api/people/${added.personId}`)).body;
    assert.equal(moved.stage, 'replied');
    assert.equal(moved.version, before.version + 1);

    // Without a mouse: focus another person's card and press → to move them one stage on.
    const other = pageA.locator(`.col[data-stage="contacted"] .pcard:not([data-person-id="${added.personId}"])`).first();
    const otherId = await other.getAttribute('data-person-id');
    await other.focus();
    await pageA.keyboard.press('ArrowRight');
    await pageA.locator(`.col[data-stage="replied"] .pcard[data-person-id="${otherId}"]:not(.saving)`).waitFor();
    assert.equal((await H.apiCall(ctxA, base, 'GET', `/api/people/${otherId}`)).body.stage, 'replied');
    await H.screenshot(pageA, 'board');
  });

  test('board: a move based on a stale card is refused with the conflict shown', async () => {
    needsAddedPerson();
    // A second tab whose live feed is cut, so it keeps the stale version while someone else moves the person.
    const stale = await ctxA.newPage();
    const staleProblems = H.watchPage(stale, 'stale tab');
    await stale.route('**/api/events**', (route) => route.abort());
    await stale.goto(`${base}/board`);
    const card = stale.locator(`.pcard[data-person-id="${added.personId}"]`);
    await card.waitFor();
    const current = (await H.apiCall(ctxA, base, 'GET', `/api/people/${added.personId}`)).body;
    const other = await H.apiCall(ctxA, base, 'POST', `/api/people/${added.personId}/stage`,
        {stage: 'meeting', version: current.version});
    assert.equal(other.status, 200, JSON.stringify(other.body));

    await card.dragTo(stale.locator('.col[data-stage="offer"] .col-cards'));
    await stale.waitForSelector('#board-error:not([hidden])');
    assert.match(await stale.textContent('#board-error'), /someone else/i);
    // The board reloads the truth: the card sits where the other move put it.
    await stale.locator(`.col[data-stage="meeting"] .pcard[data-person-id="${added.personId}"]`).waitFor();
    assert.equal((await H.apiCall(ctxA, base, 'GET', `/api/people/${added.personId}`)).body.stage, 'meeting');
    await H.screenshot(stale, 'board-conflict');
    await stale.close();
    assert.deepEqual(staleProblems.filter((p) => !/api\/events|ERR_FAILED/.test(p)), []);
  });

  test('dashboard: a second signed-in context updates live, without reload', async (t) => {
    needsAddedPerson();
    const pageB = await ctxB.newPage();
    const problemsB = H.watchPage(pageB, 'recruiter');
    await H.login(pageB, base, users.recruiter, '/dashboard');
    await pageB.waitForSelector('#kpis .kpi');
    await pageB.waitForSelector('#live[data-state="open"]');
    await pageB.waitForSelector('#chart-funnel');
    await pageB.evaluate(() => {
      window.__sameDocument = 'yes';
    });
    const movesBefore = await kpi(pageB, 'kpi-moves');
    const versionBefore = Number(await pageB.getAttribute('section.page', 'data-version'));

    // The CEO, in the other context, moves the person on the board.
    await pageA.goto(`${base}/board`);
    const card = pageA.locator(`.pcard[data-person-id="${added.personId}"]`);
    await card.waitFor();
    const dropped = Date.now();
    await card.dragTo(pageA.locator('.col[data-stage="offer"] .col-cards'));
    await pageA.locator(`.col[data-stage="offer"] .pcard[data-person-id="${added.personId}"]:not(.saving)`)
        .waitFor();

    // B's feed shows the move and its numbers follow, in the same document.
    await pageB.locator('#feed .feed-item.fresh', {hasText: added.name}).first().waitFor();
    t.diagnostic(`live update: drop in A → activity in B's feed within ${Date.now() - dropped} ms`);
    await pageB.waitForFunction((v) => Number(document.querySelector('section.page').dataset.version) > v,
        versionBefore);
    await pageB.waitForFunction((m) => Number(document.querySelector('#kpi-moves .kpi-value').textContent) > m,
        movesBefore);
    assert.equal(await pageB.evaluate(() => window.__sameDocument), 'yes', 'the dashboard was not reloaded');
    await pageB.waitForTimeout(400);  // chart animation
    await H.screenshot(pageB, 'dashboard');
    assert.deepEqual(problemsB, []);
  });

  test('roles: a recruiter sees no compensation; a viewer reads but is offered no change', async (t) => {
    needsAddedPerson();
    if (!users.recruiter || !users.viewer) return H.skipOrFail(t, 'no recruiter and viewer logins (ST_TEST_USERS)');
    const pageR = await ctxB.newPage();
    const problemsR = H.watchPage(pageR, 'recruiter');
    await pageR.goto(`${base}/people/${added.personId}`);
    await pageR.waitForSelector('.person-head h1');
    const asRecruiter = await H.apiCall(ctxB, base, 'GET', `/api/people/${added.personId}`);
    assert.equal(asRecruiter.status, 200);
    assert.ok(!('compensation' in asRecruiter.body), 'the API hides compensation from a recruiter');
    assert.equal(await pageR.locator('[data-card="compensation"]').count(), 0);
    await pageR.close();

    const {ctx: ctxV, page: pageV, problems: problemsV} =
        await H.openAs(chrome, {baseUrl: base, users}, 'viewer', {next: `/people/${added.personId}`});
    await pageV.waitForSelector('.person-head h1');
    assert.equal(await pageV.locator('#stage-select').count(), 0, 'no stage control for a viewer');
    assert.equal(await pageV.locator('#note-body').count(), 0, 'no note form for a viewer');
    await H.navTo(pageV, 'board');
    await pageV.waitForSelector('.pcard');
    assert.equal(await pageV.locator('.pcard[draggable="true"]').count(), 0, 'cards cannot be dragged');
    await pageV.goto(`${base}/search?q=learning`);
    await pageV.waitForSelector('.result');
    assert.equal(await pageV.locator('.btn-add').count(), 0, 'no "Add to pipeline" for a viewer');
    // The server, not the page, is the guard: a viewer's write is refused.
    const write = await H.apiCall(ctxV, base, 'POST', `/api/people/${added.personId}/notes`, {body: 'x'});
    assert.equal(write.status, 403);
    await ctxV.close();
    assert.deepEqual([...problemsR, ...problemsV].filter((p) => !/status of 403/.test(p)), []);
  });

  test('logout ends the session: the API answers 401 and pages send you to sign in', async () => {
    await pageA.goto(`${base}/dashboard`);
    await pageA.waitForSelector('#kpis .kpi');
    await pageA.click('#logout');
    await pageA.waitForURL((u) => u.pathname === '/login');
    assert.equal((await ctxA.request.get(`${base}/api/me`)).status(), 401);
    await pageA.goto(`${base}/board`);
    await pageA.waitForURL((u) => u.pathname === '/login');
  });

  test('no uncaught errors or CSP violations in the pages', () => {
    assert.deepEqual(problemsA, []);
  });
});

async function kpi(page, id) {
  return Number((await page.textContent(`#${id} .kpi-value`)).replace(/[^\d.]/g, ''));
}

function escapeRe(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
