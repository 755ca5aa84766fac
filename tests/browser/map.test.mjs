// The map page in headless chromium against the real binary: world-atlas country shapes drawn with d3-geo
// from /vendor (no tile server, no CDN — every request stays on the server), one dot per city and stage
// with the stage's colour, a filter by stage that narrows the dots, and a click on a city that lists its
// candidates. Screenshot: ${build}/test-artifacts/map.png.

import assert from 'node:assert/strict';
import {before, describe, test} from 'node:test';

import * as H from './harness.mjs';

const skip = H.skipReason();

describe('map page in headless chromium', {skip: skip || false}, () => {
  const world = H.startWorld();
  let server = null;
  let chrome = null;
  let page = null;
  let problems = [];
  const foreign = [];

  before(async () => {
    ({server, chrome} = world);
    ({page, problems} = await H.openAs(chrome, server, 'ceo', {viewport: {width: 1400, height: 950}}));
    // Every request after sign-in: the map must fetch nothing from another origin.
    page.on('request', (r) => {
      if (!r.url().startsWith(server.baseUrl) && !r.url().startsWith('data:')) foreign.push(r.url());
    });
  });

  test('the map draws the countries and the candidates by city, coloured by stage', async () => {
    const api = await H.apiCall(page.context(), server.baseUrl, 'GET', '/api/places/people');
    assert.equal(api.status, 200);
    assert.ok(api.body.cities.length >= 3, `the demo has located cities: ${JSON.stringify(api.body.counts)}`);
    await H.navTo(page, 'map');
    await page.waitForURL((u) => u.pathname === '/map');
    await page.waitForSelector('#map-svg .map-dot');
    // Natural Earth 1:110m has 177 countries.
    assert.ok(await page.locator('#map-svg .map-country').count() > 150);
    const dots = await page.locator('#map-svg .map-dot').count();
    assert.ok(dots >= api.body.cities.length, `${dots} dots for ${api.body.cities.length} cities`);
    // Colour by stage: every dot's fill is its stage's colour, and the legend names the stages present.
    const fills = await page.locator('#map-svg .map-dot').evaluateAll((els) =>
      els.map((e) => [e.getAttribute('data-stage'), e.getAttribute('fill')]));
    const byStage = new Map();
    for (const [stage, fill] of fills) {
      if (byStage.has(stage)) assert.equal(byStage.get(stage), fill, `one colour per stage (${stage})`);
      byStage.set(stage, fill);
    }
    assert.ok(byStage.size >= 2, `several stages on the map: ${[...byStage.keys()]}`);
    // Sized by strength: the dots are not all one size.
    const radii = new Set(await page.locator('#map-svg .map-dot').evaluateAll((els) => els.map((e) => e.getAttribute('r'))));
    assert.ok(radii.size > 3, `dot sizes follow strength: ${[...radii]}`);
    assert.match(await page.textContent('#map-counts'), new RegExp(`${api.body.counts.people} candidates`));
    // The biggest city's dot lists its people.
    const top = [...api.body.cities].sort((a, b) => b.count - a.count)[0];
    await page.locator(`#map-svg .map-dot[data-city="${top.city}|${top.country}"]`).first().dispatchEvent('click');
    await page.waitForSelector('#map-city-name');
    assert.equal(await page.textContent('#map-city-name'), `${top.city}, ${top.country}`);
    assert.equal(await page.locator('#map-city tbody tr').count(), top.count);
    await H.screenshot(page, 'map');
  });

  test('filtering by stage keeps only that stage on the map', async () => {
    await page.selectOption('#map-stage', 'identified');
    await page.waitForURL((u) => u.searchParams.get('stage') === 'identified');
    await page.waitForFunction(() => {
      const dots = [...document.querySelectorAll('#map-svg .map-dot')];
      return dots.length > 0 && dots.every((d) => d.getAttribute('data-stage') === 'identified');
    });
    const api = await H.apiCall(page.context(), server.baseUrl, 'GET', '/api/places/people?stage=identified');
    assert.equal(await page.locator('#map-svg .map-dot').count(), api.body.cities.length);
    assert.deepEqual(foreign, [], 'the map loads nothing from outside the server');
    assert.deepEqual(problems, []);
  });
});
