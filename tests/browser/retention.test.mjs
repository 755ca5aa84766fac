// The Retention page in headless chromium against the real binary: `superteam seed` gave the demo staff pay
// (through the staff import), one a rival offer and a counter waiting for the CEO. Here HR records a rival
// offer for another staff member through the form, asks the policy for a counter, drafts, submits and
// approves it (HR step); the CEO finds it on /approvals beside the offers (with the seed's counter), follows
// its link to the retention page and approves the last step (the ledger reserves its GPUs), and the
// side-by-side shows with us / rival / counter year by year with the server's figures. A recruiter has no
// Retention link and the API refuses the case (403). Screenshots: retention.png, approvals-counters.png.

import assert from 'node:assert/strict';
import {before, describe, test} from 'node:test';

import * as H from './harness.mjs';

const skip = H.skipReason();

describe('retention page in headless chromium', {skip: skip || false}, () => {
  const world = H.startWorld();
  let server = null;
  let chrome = null;
  let hr = null;
  let ceo = null;
  let hrPage = null;
  let ceoPage = null;
  let problems = [];
  let staff = null;
  let list0 = [];

  before(async () => {
    ({server, chrome} = world);
    const viewport = {width: 1400, height: 1000};
    const asHr = await H.openAs(chrome, server, 'hr', {viewport});
    const asCeo = await H.openAs(chrome, server, 'ceo', {viewport});
    ({ctx: hr, page: hrPage} = asHr);
    ({ctx: ceo, page: ceoPage} = asCeo);
    problems = [asHr.problems, asCeo.problems];
    const list = await H.apiCall(hr, server.baseUrl, 'GET', '/api/staff');
    list0 = list.body.staff;
    assert.ok(list.body.staff.length >= 3, JSON.stringify(list.body));
    // The seed's counter waits for the ceo; pick a staff member without a rival offer.
    const queue = await H.apiCall(ceo, server.baseUrl, 'GET', '/api/retention/counters');
    assert.equal(queue.status, 200);
    assert.equal(queue.body.counters.length, 1, JSON.stringify(queue.body));
    for (const s of list.body.staff) {
      const c = await H.apiCall(hr, server.baseUrl, 'GET', `/api/retention/staff/${s.id}`);
      assert.equal(c.status, 200, JSON.stringify(c.body));
      assert.ok(c.body.staff.base > 0, 'the seed imported pay');
      if (!c.body.rival_offers.length) staff = s;
    }
    assert.ok(staff, 'a staff member without a rival offer');
  });

  test('hr records a rival offer, drafts the suggested counter and approves the hr step', async () => {
    await H.navTo(hrPage, 'retention');
    await hrPage.waitForURL((u) => u.pathname === '/retention');
    await hrPage.click(`a[data-staff="${staff.id}"]`);
    await hrPage.waitForURL((u) => u.pathname === `/retention/${staff.id}`);
    await hrPage.waitForSelector('#staff-pay #pay-base');
    await hrPage.click('#rival-offers summary');
    const start = new Date(Date.now() + 60 * 86400e3).toISOString().slice(0, 10);
    const deadline = new Date(Date.now() + 14 * 86400e3).toISOString().slice(0, 10);
    await hrPage.fill('#rival-form input[name=company]', 'Frontier Lab X');
    await hrPage.fill('#rival-form input[name=base]', '500000');
    await hrPage.fill('#rival-form input[name=sign_on]', '150000');
    await hrPage.fill('#rival-form input[name=equity]', '2000000');
    await hrPage.fill('#rival-form input[name=start]', start);
    await hrPage.fill('#rival-form input[name=deadline]', deadline);
    await hrPage.fill('#rival-form input[name=gpus]', '64');
    await hrPage.fill('#rival-form input[name=team]', '5');
    await hrPage.fill('#rival-form input[name=source]', 'offer letter seen');
    await hrPage.click('#rival-form button[type=submit]');
    await hrPage.waitForSelector('#rival-offers li:has-text("Frontier Lab X")');
    await hrPage.fill('#counter-strength', '0.9');
    await hrPage.click('#counter-suggest');
    await hrPage.waitForSelector('#suggestion-reasons li:has-text("beat by 10")');
    // No graph link for this one: the policy used the figure typed in, and says so.
    assert.match(await hrPage.textContent('#suggestion-strength'), /0\.90.*the request/);
    await hrPage.click('#counter-create');
    await hrPage.waitForSelector('#counter-state:has-text("draft")');
    await hrPage.click('#counter-submit');
    await hrPage.waitForSelector('#counter-state:has-text("waiting for hr")');
    await hrPage.click('#counter-approve');
    await hrPage.waitForSelector('#counter-state:has-text("waiting for ceo")');
  });

  test('the ceo finds the counter on /approvals, approves the last step and sees the side-by-side', async () => {
    await ceoPage.goto(`${server.baseUrl}/approvals`);
    // Beside the offers: the seed's counter and HR's new one, each linking to its retention page.
    const cards = ceoPage.locator('#counter-approvals-list .counter-approval');
    await cards.first().waitFor();
    assert.equal(await cards.count(), 2);
    const card = ceoPage.locator('#counter-approvals-list .counter-approval', {hasText: staff.name});
    assert.match(await card.textContent(), /counter-offer \d+ v1 · step 2 of \d/);
    assert.equal(await card.locator('a.counter-link').getAttribute('href'), `/retention/${staff.id}`);
    assert.ok(await ceoPage.locator('#approvals-list').isVisible(), 'the offers section is still there');
    await H.screenshot(ceoPage, 'approvals-counters');
    await card.locator('a.counter-link').click();
    await ceoPage.waitForURL((u) => u.pathname === `/retention/${staff.id}`);
    await ceoPage.waitForSelector('#counter-state:has-text("waiting for ceo")');
    await ceoPage.click('#counter-approve');
    await ceoPage.waitForSelector('#counter-state:has-text("approved")');
    const c = await H.apiCall(ceo, server.baseUrl, 'GET', `/api/retention/staff/${staff.id}`);
    const cmp = c.body.comparison;
    assert.ok(cmp.rival && cmp.counter, JSON.stringify(cmp));
    // Beat by 10%: the counter's 4 years (held equity kept) reach 110% of the rival's, to the cent or above.
    assert.ok(cmp.counter.four_year >= Math.floor(cmp.rival.four_year * 1.1) - 1, JSON.stringify(cmp));
    assert.equal(cmp.counter.gpus, 70);
    assert.equal(cmp.counter.team, 6);
    const fmt = (minor) => `$${String(Math.floor(Math.abs(minor) / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
    const totalRow = await ceoPage.textContent('#comparison-total');
    assert.ok(totalRow.includes(fmt(cmp.rival.four_year)), totalRow);
    assert.ok(totalRow.includes(fmt(cmp.counter.four_year).slice(0, 6)), totalRow);
    assert.equal(await ceoPage.locator('#comparison-table tbody tr').count(), 6);  // 4 years, compute, team
    assert.match(await ceoPage.textContent('#comparison-table'), /70 H100/);
    // The ledger holds the counter's reservation.
    const promises = await H.apiCall(ceo, server.baseUrl, 'GET', '/api/compute/promises');
    assert.ok(promises.body.promises.some((p) => p.gpus === 70 && p.state === 'reserved'), JSON.stringify(promises.body));
    await H.screenshot(ceoPage, 'retention');
    // The matcher over the real graph: every staff member gets a decision; strong ones are stored as suggested.
    const links = await H.apiCall(ceo, server.baseUrl, 'POST', '/api/retention/links/suggest', {});
    assert.equal(links.status, 200, JSON.stringify(links.body));
    // Confirmed links (the seed confirmed the rival-offer holder's) are left alone.
    const open = list0.filter((s) => s.link_state !== 'confirmed' && s.link_state !== 'rejected');
    assert.ok(open.length < list0.length, 'the seed confirmed one link');
    assert.equal(links.body.decisions.length, open.length, JSON.stringify(links.body));
    for (const d of links.body.decisions) assert.ok(d.author_id !== '' || !d.suggested, JSON.stringify(d));
    await ceoPage.click('#links-suggest');
    await ceoPage.waitForSelector('text=/staff linked \\(suggested\\)/');
  });

  test('a recruiter has no retention link and the case is refused', async () => {
    const {ctx: rec, page} = await H.openAs(chrome, server, 'recruiter');
    assert.equal(await page.locator('#nav-retention').evaluate((e) => e.hidden), true);
    const r = await H.apiCall(rec, server.baseUrl, 'GET', `/api/retention/staff/${staff.id}`);
    assert.equal(r.status, 403);
    assert.ok(!JSON.stringify(r.body).includes('base'), JSON.stringify(r.body));
    const list = await H.apiCall(rec, server.baseUrl, 'GET', '/api/staff');
    assert.ok(!('base' in list.body.staff[0]), JSON.stringify(list.body.staff[0]));
    await rec.close();
  });

  test('no page errors', () => {
    assert.deepEqual(problems.flat(), []);
  });
});
