// The Fleet page in headless chromium against the real binary: the demo fleet that `superteam seed` imports,
// capacity vs promised charted per pool, compute per researcher, reports per manager with one over the cap,
// the CEO's capacity form (a retirement beyond what is installed refused with its reason, an addition shown
// at once), and a recruiter who sees the page but no form. Screenshots: fleet.png, fleet-recruiter.png.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {before, describe, test} from 'node:test';

import * as H from './harness.mjs';

const skip = H.skipReason();

describe('fleet page in headless chromium', {skip: skip || false}, () => {
  const world = H.startWorld();
  let server = null;
  let chrome = null;
  let ceo = null;
  let page = null;
  let problems = [];

  before(async () => {
    ({server, chrome} = world);
    ({ctx: ceo, page, problems} = await H.openAs(chrome, server, 'ceo'));
    // `superteam seed` imported the demo fleet (src/compute/fleet_sample.csv); importing it again adds no pool.
    const csv = fs.readFileSync(path.join(H.sourceDir, 'src/compute/fleet_sample.csv'), 'utf8');
    const fleet = await H.apiCall(ceo, server.baseUrl, 'GET', '/api/fleet');
    assert.equal(fleet.body.pools.length, 8, JSON.stringify(fleet.body));
    const bad = await H.apiCall(ceo, server.baseUrl, 'POST', '/api/fleet/import',
        {csv: csv + 'Dublin,H200,retire,abc,2026-01-01,\n'});
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /^line 12: gpus: 'abc' is not a whole number/);
    const boss = await H.apiCall(ceo, server.baseUrl, 'POST', '/api/staff',
        {name: 'Ada Lovelace', title: 'Chief Scientist', is_research: true});
    assert.equal(boss.status, 201, JSON.stringify(boss.body));
    for (let i = 0; i < 9; i++) {
      const r = await H.apiCall(ceo, server.baseUrl, 'POST', '/api/staff',
          {name: `Researcher ${i}`, manager_id: boss.body.id, is_research: true, start_date: '2024-01-01'});
      assert.equal(r.status, 201, JSON.stringify(r.body));
    }
  });

  test('the ceo sees every pool charted, compute per researcher and who is over the cap', async () => {
    await H.navTo(page, 'fleet');
    await page.waitForURL((u) => u.pathname === '/fleet');
    await page.waitForSelector('#pool-1');
    assert.equal(await page.locator('#fleet-charts canvas').count(), 8);
    // The charts are drawn (Chart.js sized the canvases).
    const width = await page.locator('#pool-1').evaluate((c) => c.width);
    assert.ok(width > 100, `canvas width ${width}`);
    const per = await H.apiCall(ceo, server.baseUrl, 'GET', '/api/compute/per-researcher');
    assert.ok(per.body.research_staff >= 10, JSON.stringify(per.body));
    assert.match(await page.textContent('#kpi-heads'), new RegExp(`^${per.body.heads}`));
    assert.match(await page.textContent('#reports-list'), /Ada Lovelace — 9 direct reports.*over the cap by 1/);
    assert.match(await page.textContent('#fleet-capacity'), /Abilene · B200/);
  });

  test('the ceo changes capacity: a retirement beyond the installed GPUs is refused, an addition lands', async () => {
    await page.fill('#capacity-form input[name=site]', 'Dublin');
    await page.fill('#capacity-form input[name=gpu_type]', 'H200');
    await page.selectOption('#capacity-form select[name=change]', 'retire');
    await page.fill('#capacity-form input[name=gpus]', '999999');
    await page.fill('#capacity-form input[name=date]', '2026-06-01');
    await page.click('#capacity-form button[type=submit]');
    await page.waitForSelector('text=/retires more than installed/');
    await page.selectOption('#capacity-form select[name=change]', 'add');
    await page.fill('#capacity-form input[name=gpus]', '12345');
    await page.fill('#capacity-form input[name=note]', 'browser test');
    await page.click('#capacity-form button[type=submit]');
    await page.waitForSelector('#fleet-capacity td:has-text("browser test")');
    assert.match(await page.textContent('#fleet-capacity'), /\+12,345/);
    await H.screenshot(page, 'fleet');
    assert.deepEqual(problems.filter((p) => !/status of 400/.test(p)), []);
  });

  test('a recruiter sees the fleet but no capacity form', async () => {
    const {ctx, page: rec, problems: recProblems} = await H.openAs(chrome, server, 'recruiter', {next: '/fleet'});
    await rec.waitForSelector('#pool-1');
    assert.equal(await rec.locator('#capacity-form').count(), 0);
    assert.match(await rec.textContent('#reports-list'), /over the cap/);
    await H.screenshot(rec, 'fleet-recruiter');
    assert.deepEqual(recProblems, []);
    await ctx.close();
  });
});
