// The watchlist in headless chromium against the real binary: a newer graph version is ingested (one new paper
// that moves a pipeline person to OpenAI), `superteam alerts` diffs it while the ceo looks at the dashboard,
// and the alert appears live in the dashboard's panel with links to the evidence; a second run changes nothing.
// The /watch page follows and unfollows a saved search; the flight-risk page is the ceo's and hr's (no nav
// entry and a 403 for a recruiter). Screenshots: watch-dashboard.png, watch.png, flight-risk.png.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {before, describe, test} from 'node:test';

import * as H from './harness.mjs';

const skip = H.skipReason();

describe('watchlist and flight risk in headless chromium', {skip: skip || false}, () => {
  const world = H.startWorld();
  let server = null;
  let chrome = null;
  let ceo = null;
  let page = null;
  let problems = [];
  let watched = null;

  before(async () => {
    ({server, chrome} = world);
    ({ctx: ceo, page, problems} = await H.openAs(chrome, server, 'ceo', {viewport: {width: 1400, height: 1000}}));
    // A pipeline person the seed linked to an OpenAlex author.
    const people = await H.apiCall(ceo, server.baseUrl, 'GET', '/api/people?limit=200');
    watched = people.body.people.find((p) => /^A\d+$/.test(p.author_source_id || '') && p.kind === 'candidate');
    assert.ok(watched, 'the seed put graph-linked candidates in the pipeline');
    // The seed gave the candidates owners (their alerts go to them): the ceo follows this one too.
    const f = await H.apiCall(ceo, server.baseUrl, 'POST', '/api/watch/follows', {kind: 'author', author_id: watched.author_id});
    assert.equal(f.status, 201, JSON.stringify(f.body));
  });

  test('a new graph version raises an alert that appears live on the dashboard, once', async () => {
    await page.waitForSelector('#dash-alerts[data-loaded]');
    // The newer version: everything before plus one 2030 paper that puts the person at OpenAI.
    const extra = path.join(server.dir, 'extra.jsonl');
    const work = {
      id: 'https://openalex.org/W9990000001', title: 'Scaling watchlists to the frontier', publication_year: 2030,
      authorships: [{author_position: 'first',
        author: {id: `https://openalex.org/${watched.author_source_id}`, display_name: watched.name},
        institutions: [{id: 'https://openalex.org/I4210161460', display_name: 'OpenAI'}]}],
    };
    fs.writeFileSync(extra, JSON.stringify(work) + '\n');
    const graph = path.join(server.dir, 'graph');
    H.run(['ingest', extra, '--graph', graph]);
    const db = path.join(server.dir, 'campaign.db');
    const out = H.run(['alerts', '--graph', graph, '--db', db, '--json']);
    const run = JSON.parse(out);
    assert.equal(run.already_diffed, false, out);
    assert.ok(run.alerts >= 1, out);
    // Live: the panel refetches when the "alerts" activity arrives over SSE (no reload).
    const item = page.locator('#dash-alerts .alert-item[data-kind="new_paper"]', {hasText: watched.name});
    await item.first().waitFor({timeout: 15000});
    assert.match(await item.first().textContent(), /Scaling watchlists to the frontier/);
    const moved = page.locator('#dash-alerts .alert-item[data-kind="affiliation"]', {hasText: watched.name});
    await moved.first().waitFor();
    assert.match(await moved.first().textContent(), /to OpenAI/);
    // Evidence links: the paper on OpenAlex, the profile and the person in the pipeline.
    const hrefs = await moved.first().locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(hrefs.includes(`/people/${watched.id}`), hrefs.join(' '));
    assert.ok(hrefs.some((h) => /^\/authors\/\d+$/.test(h)), hrefs.join(' '));
    await H.screenshot(page, 'watch-dashboard');
    const again = JSON.parse(H.run(['alerts', '--graph', graph, '--db', db, '--json']));
    assert.equal(again.already_diffed, true);
  });

  test('the watch page follows and unfollows a saved search', async () => {
    await H.navTo(page, 'watch');
    await page.waitForURL((u) => u.pathname === '/watch');
    await page.waitForSelector('#watch-alerts .alert-item');
    await page.fill('#follow-text', 'reasoning');
    await page.fill('#follow-since', '2023');
    await page.fill('#follow-top', '50');
    await page.click('#follow-search-form button[type=submit]');
    const row = page.locator('#follows-table tr', {hasText: 'reasoning since 2023, top 50'});
    await row.waitFor();
    await H.screenshot(page, 'watch');
    await page.click('#alerts-read-all');
    await page.waitForSelector('#alerts-unread:has-text("All read")');
    await row.locator('button').click();
    await row.waitFor({state: 'detached'});
  });

  test('flight risk: the ceo sees every piece; a recruiter has no page', async () => {
    const boss = await H.apiCall(ceo, server.baseUrl, 'POST', '/api/staff', {name: 'Risk Lead', is_research: true});
    assert.equal(boss.status, 201, JSON.stringify(boss.body));
    await H.navTo(page, 'flight-risk');
    await page.waitForURL((u) => u.pathname === '/flight-risk');
    const row = page.locator('#risk-table tr', {hasText: 'Risk Lead'});
    await row.waitFor();
    await row.locator('button').click();
    assert.match(await row.textContent(), /Rival offer on file.*unknown/s);
    await H.screenshot(page, 'flight-risk');
    assert.deepEqual(problems, []);

    const {ctx, page: rec} = await H.openAs(chrome, server, 'recruiter');
    assert.equal(await rec.locator('#nav-flight-risk').evaluate((e) => e.hidden), true);
    const r = await H.apiCall(ctx, server.baseUrl, 'GET', '/api/flight-risk');
    assert.equal(r.status, 403);
    await ctx.close();
  });
});
