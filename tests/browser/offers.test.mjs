// Offers end to end in headless chromium against the real binary (issue 10): the CEO takes a candidate
// straight to offer without an interview; HR builds the offer on the candidate page with the live
// year-by-year table; the CEO's approval is refused for compute (the ledger's message is shown); HR drops
// the promise (a new version, approvals voided), HR then CEO approve, HR sends; the candidate opens the
// private link in a fresh browser context (no login) and accepts; a recruiter's dashboard updates live.
// Screenshots of each page are kept in ${build}/test-artifacts/offers-*.png.
//
// Run: ctest -R offers_browser_test  (or: node --test tests/browser/offers.test.mjs with ST_BINARY set).

import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';

import * as H from './harness.mjs';

const skip = H.skipReason();

describe('offers in headless chromium', {skip: skip || false}, () => {
  let server = null;
  let base = '';
  let users = null;
  let chrome = null;
  let ctxCeo = null;
  let ctxHr = null;
  let ctxRec = null;
  let pageCeo = null;
  let pageHr = null;
  const problems = [];
  const person = {id: 0, name: 'Zoë Ångström-Núñez'};
  let link = '';

  before(async () => {
    server = await H.startServer();
    base = server.baseUrl;
    users = server.users;
    assert.ok(users.hr, 'seed printed no hr login');
    chrome = await H.launchBrowser();
    const opts = {viewport: {width: 1400, height: 1000}};
    ctxCeo = await chrome.browser.newContext(opts);
    ctxHr = await chrome.browser.newContext(opts);
    ctxRec = await chrome.browser.newContext(opts);
    pageCeo = await ctxCeo.newPage();
    pageHr = await ctxHr.newPage();
    problems.push(H.watchPage(pageCeo, 'ceo'), H.watchPage(pageHr, 'hr'));
    await H.login(pageCeo, base, users.ceo, '/dashboard');
    await H.login(pageHr, base, users.hr, '/dashboard');
  });

  after(async () => {
    if (chrome) await chrome.close();
    if (server) await server.stop();
  });

  // Offer actions answer with a toast and a redraw; a failed one shows its message here.
  const actionError = (page) => page.locator('#offer-action-error:not([hidden])');

  test('no-interview path: the CEO takes a contacted candidate straight to offer, with a reason', async () => {
    const created = await H.apiCall(ctxCeo, base, 'POST', '/api/people', {name: person.name});
    assert.equal(created.status, 201, JSON.stringify(created.body));
    person.id = created.body.id;
    const moved = await H.apiCall(ctxCeo, base, 'POST', `/api/people/${person.id}/stage`,
        {stage: 'contacted', version: created.body.version});
    assert.equal(moved.status, 200);
    // A plain move would skip the meeting: refused, naming the no-interview path.
    const plain = await H.apiCall(ctxCeo, base, 'POST', `/api/people/${person.id}/stage`,
        {stage: 'offer', version: moved.body.version});
    assert.equal(plain.status, 400);
    assert.match(plain.body.error.message, /no-interview path/);

    await pageCeo.goto(`${base}/people/${person.id}`);
    await pageCeo.waitForSelector('#no-interview');
    await pageCeo.fill('#no-interview-reason', 'Her RL papers are the reason we exist');
    await pageCeo.click('#no-interview');
    await pageCeo.locator('.person-head .stage', {hasText: 'Offer'}).waitFor();
    const history = await pageCeo.locator('[data-card="stage-history"]').textContent();
    assert.match(history, /no interview: CEO override — Her RL papers/);
  });

  test('build: HR fills the offer and the year-by-year table follows live', async () => {
    await pageHr.goto(`${base}/people/${person.id}`);
    await pageHr.waitForSelector('#offer-builder');
    await pageHr.fill('#offer-base-salary', '1,500,000');
    await pageHr.fill('#offer-sign-on', '100,000,000');
    await pageHr.fill('#offer-sign-on-clawback-months', '24');
    await pageHr.fill('#offer-equity-value', '400,000,000');
    await pageHr.fill('#offer-custom-split', '5/15/40/40');
    await pageHr.fill('#offer-location', 'Zürich');
    await pageHr.fill('#offer-gpus', '9000000');  // more H100s than any fleet holds
    await pageHr.fill('#offer-headcount', '12');
    await pageHr.fill('#offer-direct-reports-cap', '4');
    // Year 1 = $1.5M base + $100M sign-on + 5% of the $400M grant.
    await pageHr.locator('#offer-live #offer-first-year', {hasText: '$121,500,000'}).waitFor();
    const table = await pageHr.textContent('#offer-live #offer-table');
    assert.match(table, /\$20,000,000/);   // year-1 equity: 5%
    assert.match(table, /\$160,000,000/);  // years 3 and 4: 40%
    await H.screenshot(pageHr, 'offers-build');
    await pageHr.click('#offer-save');
    await pageHr.locator('#offer-state', {hasText: 'draft'}).waitFor();
    assert.match(await pageHr.textContent('#offer-compute'), /9,000,000 H100/);
    await pageHr.click('#offer-submit');
    await pageHr.locator('#offer-state', {hasText: 'pending approval'}).waitFor();
    await pageHr.click('#offer-approve');
    await pageHr.locator('#offer-chain li.current', {hasText: 'ceo'}).waitFor();
  });

  test('approvals: the CEO approves last and the ledger refuses the compute promise', async () => {
    await pageCeo.goto(`${base}/approvals`);
    const row = pageCeo.locator('.approval', {hasText: person.name});
    await row.waitFor();
    assert.match(await row.textContent(), /out of band/);
    await row.locator('button[data-action="approve"]').click();
    const error = row.locator('.form-error:not([hidden])');
    await error.waitFor();
    // The seeded demo fleet has H100 pools: the ledger names the largest one and how far short it falls.
    assert.match(await error.textContent(), /short by [\d,]+ H100-eq at site \w+ \(H100\) from \d{4}-\d\d-\d\d/);
    await H.screenshot(pageCeo, 'offers-refused-for-compute');
  });

  test('versioning: dropping the compute promise is a new version and voids HR\'s approval', async () => {
    await pageHr.goto(`${base}/people/${person.id}`);
    await pageHr.waitForSelector('#offer-builder');
    await pageHr.fill('#offer-gpus', '');
    await pageHr.click('#offer-save');
    await pageHr.locator('.offer-head', {hasText: 'version 2'}).waitFor();
    assert.equal((await pageHr.textContent('#offer-state')).trim(), 'draft');
    assert.match(await pageHr.textContent('#offer-chain'), /hr: waiting/);
    await pageHr.click('#offer-submit');
    await pageHr.locator('#offer-state', {hasText: 'pending approval'}).waitFor();
    await pageHr.click('#offer-approve');
    await pageHr.locator('#offer-chain li.current', {hasText: 'ceo'}).waitFor();

    await pageCeo.goto(`${base}/people/${person.id}`);
    await pageCeo.waitForSelector('#offer-approve');
    await pageCeo.click('#offer-approve');
    await pageCeo.locator('#offer-state', {hasText: 'approved'}).waitFor();
    assert.equal(await actionError(pageCeo).count(), 0);
  });

  test('letter: the PDF and HTML carry the figures', async () => {
    const offers = await H.apiCall(ctxHr, base, 'GET', `/api/people/${person.id}/offers`);
    const id = offers.body.offers[0].id;
    const pdf = await ctxHr.request.get(`${base}/api/offers/${id}/letter.pdf`);
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
    const html = await (await ctxHr.request.get(`${base}/api/offers/${id}/letter.html`)).text();
    assert.match(html, /\$100,000,000/);
    assert.match(html, /Zoë Ångström-Núñez/);
    // A recruiter may not download it.
    const rec = await ctxRec.request.get(`${base}/api/offers/${id}/letter.pdf`);
    assert.equal(rec.status(), 401);  // not even signed in in this context yet
  });

  test('send: HR sends and gets the candidate link once', async () => {
    await pageHr.goto(`${base}/people/${person.id}`);
    await pageHr.waitForSelector('#offer-send');
    await pageHr.click('#offer-send');
    await pageHr.waitForSelector('#offer-link-url');
    link = await pageHr.getAttribute('#offer-link-url', 'href');
    assert.match(link, /\/offer\.html#[0-9a-f]{64}$/);
    await H.screenshot(pageHr, 'offers-sent');
  });

  test('candidate: a fresh browser context opens the link, accepts, and the dashboard updates live', async (t) => {
    // A recruiter watches the dashboard in its own context.
    const pageRec = await ctxRec.newPage();
    problems.push(H.watchPage(pageRec, 'recruiter'));
    await H.login(pageRec, base, users.recruiter, '/dashboard');
    await pageRec.waitForSelector('#live[data-state="open"]');
    await pageRec.evaluate(() => {
      window.__sameDocument = 'yes';
    });

    const ctxCand = await chrome.browser.newContext({viewport: {width: 1100, height: 900}});
    const cand = await ctxCand.newPage();
    problems.push(H.watchPage(cand, 'candidate'));
    // A wrong token first: one answer, nothing shown.
    await cand.goto(link.replace(/#.*/, `#${'0'.repeat(64)}`));
    await cand.waitForSelector('#offer-link-error');
    assert.match(await cand.textContent('#offer-link-error'), /not valid/);
    await cand.goto('about:blank');
    await cand.goto(link);
    await cand.waitForSelector('#accept');
    assert.match(await cand.textContent('h1'), /Zoë Ångström-Núñez/);
    assert.match(await cand.textContent('#offer-first-year'), /\$121,500,000/);
    await H.screenshot(cand, 'offers-candidate');
    const clicked = Date.now();
    await cand.click('#accept');
    await cand.locator('#candidate-state', {hasText: 'You accepted'}).waitFor();
    assert.equal(await cand.locator('#accept').count(), 0, 'no second decision');
    await H.screenshot(cand, 'offers-candidate-accepted');

    // The recruiter's dashboard shows the move without a reload.
    await pageRec.locator('#feed .feed-item', {hasText: person.name}).first().waitFor();
    t.diagnostic(`accept → recruiter's feed within ${Date.now() - clicked} ms`);
    assert.equal(await pageRec.evaluate(() => window.__sameDocument), 'yes');
    await H.screenshot(pageRec, 'offers-dashboard-live');
    const p = await H.apiCall(ctxCeo, base, 'GET', `/api/people/${person.id}`);
    assert.equal(p.body.stage, 'accepted');
    // The same link again: decided, read-only.
    const again = await ctxCand.request.post(`${base}/api/offer-link/${link.split('#')[1]}/decline`,
        {headers: {Origin: base}});
    assert.equal(again.status(), 409);
    await ctxCand.close();
  });

  test('pages raised no errors', () => {
    const all = problems.flat().filter((p) => !/api\/events|ERR_FAILED|status of 4\d\d/.test(p));
    assert.deepEqual(all, []);
  });
});
