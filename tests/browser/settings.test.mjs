// The settings page in headless chromium: the ceo changes the campaign's mission clarity and offer themes,
// a bad value is refused with the field named, a stale page gets the conflict; a recruiter reads the same
// values without a Save button. Screenshot: ${build}/test-artifacts/settings.png.

import assert from 'node:assert/strict';
import {before, describe, test} from 'node:test';

import * as H from './harness.mjs';

const skip = H.skipReason();

describe('settings page', {skip: skip || false}, () => {
  const world = H.startWorld();
  let server = null;
  let chrome = null;
  let ceo = null;
  let problems = [];

  before(async () => {
    ({server, chrome} = world);
    ({page: ceo, problems} =
        await H.openAs(chrome, server, 'ceo', {viewport: {width: 1280, height: 900}, next: '/settings'}));
  });

  test('the ceo edits the campaign settings; the change is stored and versioned', async () => {
    await ceo.waitForSelector('#settings-campaign form');
    await ceo.fill('#set-campaign-mission_clarity', '5');
    await ceo.fill('#set-campaign-offer_themes', 'compute: 10,000 H100 per team\nno reorganisations');
    await ceo.click('#settings-campaign button[type=submit]');
    await ceo.waitForSelector('#settings-campaign >> text=version 1');
    const r = await H.apiCall(ceo.context(), server.baseUrl, 'GET', '/api/settings/campaign');
    assert.equal(r.status, 200);
    assert.equal(r.body.version, 1);
    assert.equal(r.body.value.mission_clarity, 5);
    assert.deepEqual(r.body.value.offer_themes, ['compute: 10,000 H100 per team', 'no reorganisations']);
    await H.screenshot(ceo, 'settings');
  });

  test('a value out of range is refused with the field named, and nothing is stored', async () => {
    await ceo.fill('#set-campaign-mission_clarity', '9');
    await ceo.click('#settings-campaign button[type=submit]');
    const err = ceo.locator('#settings-campaign .form-error');
    await err.waitFor({state: 'visible'});
    assert.match(await err.textContent(), /settings\.campaign\.mission_clarity/);
    const r = await H.apiCall(ceo.context(), server.baseUrl, 'GET', '/api/settings/campaign');
    assert.equal(r.body.value.mission_clarity, 5);
    assert.equal(r.body.version, 1);
  });

  test('a save from a stale page gets the conflict', async () => {
    await ceo.reload();
    await ceo.waitForSelector('#settings-campaign >> text=version 1');
    // Someone else changes it meanwhile.
    const r = await H.apiCall(ceo.context(), server.baseUrl, 'PATCH', '/api/settings/campaign',
        {version: 1, value: {reorganisations_12m: 1}});
    assert.equal(r.status, 200);
    await ceo.fill('#set-campaign-mission_clarity', '4');
    await ceo.click('#settings-campaign button[type=submit]');
    const err = ceo.locator('#settings-campaign .form-error');
    await err.waitFor({state: 'visible'});
    assert.match(await err.textContent(), /version 2, you sent 1/);
  });

  test('a recruiter reads the settings with no way to change them', async () => {
    const {page, problems: seen} = await H.openAs(chrome, server, 'recruiter', {next: '/settings'});
    await page.waitForSelector('#settings-campaign form');
    assert.equal(await page.locator('#settings-campaign button[type=submit]').isVisible(), false);
    assert.equal(await page.locator('#set-campaign-mission_clarity').isDisabled(), true);
    assert.deepEqual(seen, []);
  });

  test('no uncaught errors or CSP violations', () => {
    assert.deepEqual(problems.filter((p) => !/status of 400/.test(p)), []);
  });
});
