// The Planning page in headless chromium against the real binary and the seeded campaign (`superteam seed`
// sets a budget and team slots in the "planning" key): the plan table with P(accept), the explanation whose
// contributions sum to the logit, the curve of expected hires against budget (Chart.js), the constraints with
// their marginal values, a budget below the offers already out refused with its reason, and the CEO turning the
// plan into draft offers that then wait in the approval chain. HR sees the plan read-only; a recruiter has no
// Planning page. Screenshots: planning.png, planning-hr.png.

import assert from 'node:assert/strict';
import {before, describe, test} from 'node:test';

import * as H from './harness.mjs';

const skip = H.skipReason();

describe('planning page in headless chromium', {skip: skip || false}, () => {
  const world = H.startWorld();
  let server = null;
  let chrome = null;
  let ceo = null;
  let page = null;
  let problems = [];

  before(async () => {
    ({server, chrome} = world);
    ({ctx: ceo, page, problems} = await H.openAs(chrome, server, 'ceo', {viewport: {width: 1400, height: 1000}}));
  });

  test('the ceo sees the seeded pipeline planned: who gets what, why, the curve and the constraints', async () => {
    await H.navTo(page, 'planning');
    await page.waitForURL((u) => u.pathname === '/planning');
    await page.waitForSelector('#plan-rows tbody tr', {timeout: 60000});
    const rows = await page.locator('#plan-rows tbody tr').count();
    assert.ok(rows >= 10, `only ${rows} candidates planned`);
    const plan = await H.apiCall(ceo, server.baseUrl, 'POST', '/api/planning/plan', {});
    assert.equal(plan.status, 200, JSON.stringify(plan.body));
    assert.equal(plan.body.candidates.length, rows);
    assert.ok(plan.body.offers > 0, 'the plan makes offers');
    assert.ok(plan.body.bound >= plan.body.objective - 1e-9);
    // The first candidate with an offer is explained; the page's rows sum to the logit shown.
    await page.waitForSelector('#explain-table');
    const parts = await page.locator('#explain-table tbody td.contrib').allTextContents();
    const logit = Number(await page.locator('#explain-table tbody tr:last-child th.num').textContent());
    const sum = parts.map(Number).reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(sum - logit) < 0.02 * parts.length, `contributions ${parts} sum to ${sum}, logit ${logit}`);
    assert.match(await page.textContent('#plan-explain'), /P\(accept\) = 1 \/ \(1 \+ e\^−logit\) = \d+\.\d%/);
    // The curve is drawn and the constraints carry their marginal values.
    await page.waitForFunction(() => document.querySelector('#plan-curve').width > 100);
    const resources = await page.textContent('#plan-resources-table');
    assert.match(resources, /budget_4y/);
    assert.match(resources, /per \$1M/);
    assert.match(await page.textContent('#kpi-talent'), /gap|proven optimal/);
    await H.screenshot(page, 'planning');
  });

  test('a 4-year budget below the offers already out is refused with its reason', async () => {
    await page.fill('#plan-budget', '0.001');
    await page.click('#plan-run');
    await page.waitForSelector('#plan-table .error-box');
    assert.match(await page.textContent('#plan-table'), /no plan fits/);
    await page.fill('#plan-budget', '');
    await page.click('#plan-run');
    await page.waitForSelector('#plan-rows tbody tr');
  });

  test('the ceo turns the plan into draft offers; they wait for approval', async () => {
    const label = await page.textContent('#plan-make-offers');
    const n = Number(/into (\d+) draft/.exec(label)[1]);
    assert.ok(n > 0, label);
    await page.click('#plan-make-offers');
    await page.waitForSelector('#plan-offers-result li');
    // New drafts, or the person's existing draft given the plan's terms.
    const created = await page.locator('#plan-offers-result li[data-outcome="created"]').count();
    const updated = await page.locator('#plan-offers-result li[data-outcome="updated"]').count();
    assert.equal(created + updated, n, await page.textContent('#plan-offers-result'));
    // Real offers: one of them is a draft at stage offer, with the plan's money on it.
    const first = await page.locator('#plan-offers-result li a').first().getAttribute('href');
    const id = Number(first.split('/').pop());
    const offers = await H.apiCall(ceo, server.baseUrl, 'GET', `/api/people/${id}/offers`);
    assert.equal(offers.body.offers[0].state, 'draft', JSON.stringify(offers.body));
    const person = await H.apiCall(ceo, server.baseUrl, 'GET', `/api/people/${id}`);
    assert.equal(person.body.stage, 'offer');
    assert.deepEqual(problems.filter((p) => !/status of 400/.test(p)), []);
  });

  test('hr sees the plan read-only; a recruiter has no planning page', async () => {
    const {ctx, page: hr, problems: hrProblems} =
        await H.openAs(chrome, server, 'hr', {viewport: {width: 1400, height: 1000}, next: '/planning'});
    await hr.waitForSelector('#plan-rows tbody tr', {timeout: 60000});
    assert.equal(await hr.locator('#plan-make-offers').count(), 0);
    assert.match(await hr.textContent('#plan-actions'), /Read-only/);
    await H.screenshot(hr, 'planning-hr');
    assert.deepEqual(hrProblems, []);
    await ctx.close();

    const {ctx: rctx, page: rec} = await H.openAs(chrome, server, 'recruiter', {next: '/planning'});
    await rec.waitForSelector('text=Budget plans are for the CEO and HR.');
    assert.equal(await rec.locator('#nav-planning').evaluate((e) => e.hidden), true);
    await rctx.close();
  });
});
