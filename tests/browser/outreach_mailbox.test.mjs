// The CEO's sending mailbox form on /settings (issue 9): host, port and TLS mode for SMTP and IMAP, the login,
// a write-only password, the display name, his own daily cap and send window, and "Test connection" against
// the real throw-away SMTP server the test script starts (tests/mail/mail_servers.sh): a wrong password gets
// a clear error, the right one works, and the password never comes back to the page. Other roles have no form.
// Screenshots in ${build}/test-artifacts/.

import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';

import * as H from './harness.mjs';

const skip = H.skipReason();

describe('the sending mailbox form in headless chromium', {skip: skip || false}, () => {
  let server = null;
  let chrome = null;
  let ceo = null;
  let rec = null;

  before(async () => {
    server = await H.startServer({serveArgs: ['--outreach-interval', '0']});
    chrome = await H.launchBrowser();
    const ctx = () => chrome.browser.newContext({viewport: {width: 1400, height: 1100}});
    ceo = await (await ctx()).newPage();
    rec = await (await ctx()).newPage();
    H.watchPage(ceo, 'ceo');
    H.watchPage(rec, 'recruiter');
  });

  after(async () => {
    if (chrome) await chrome.close();
    if (server) await server.stop();
  });

  test('the ceo configures the mailbox; a wrong password is named, the right one works', async (t) => {
    const smtp = process.env.ST_SMTP_URL || '';
    const ca = process.env.ST_MAIL_CA || '';
    const m = /^smtp:\/\/([^:/]+):(\d+)/.exec(smtp);
    if (!m || !ca) return H.skipOrFail(t, 'mail servers not running (ST_SMTP_URL/ST_MAIL_CA unset): ./superteam.sh test starts them');
    await H.login(ceo, server.baseUrl, server.users.ceo, '/settings');
    await ceo.waitForSelector('#mailbox-form');
    assert.match(await ceo.textContent('#mailbox-version'), /not configured/);
    await ceo.fill('#mb-display-name', 'Sam Chief');
    await ceo.fill('#mb-address', 'ceo@lab.test');
    await ceo.fill('#mb-smtp-host', m[1]);
    await ceo.selectOption('#mb-smtp-tls', 'starttls');
    await ceo.fill('#mb-smtp-port', m[2]);
    await ceo.selectOption('#mb-imap-tls', 'none');
    await ceo.fill('#mb-username', 'ceo@lab.test');
    await ceo.fill('#mb-password', 'not-the-password');
    await ceo.fill('#mb-ca-file', ca);
    await ceo.fill('#mb-daily-cap', '25');
    await ceo.fill('#mb-window-start', '8');
    await ceo.fill('#mb-window-end', '19');
    await ceo.click('#mailbox-save');
    await ceo.waitForSelector('text=Mailbox saved.');
    await ceo.waitForFunction(() => document.querySelector('#mailbox-version')?.textContent === 'version 1');
    // Write-only: the field is empty again and says a password is stored; the API never returns it.
    assert.equal(await ceo.inputValue('#mb-password'), '');
    assert.match(await ceo.getAttribute('#mb-password', 'placeholder'), /stored/);
    const box = await H.apiCall(ceo.context(), server.baseUrl, 'GET', '/api/outreach/mailbox');
    assert.equal(box.status, 200);
    assert.equal(box.body.smtp_url, `smtp://${m[1]}:${m[2]}`);
    assert.equal(box.body.imap_url, '');
    assert.equal(box.body.daily_cap, 25);
    assert.equal(box.body.window_start_hour, 8);
    assert.equal(box.body.window_end_hour, 19);
    assert.equal(box.body.password_set, true);
    assert.ok(!JSON.stringify(box.body).includes('not-the-password'), 'the password never comes back');

    await ceo.click('#mailbox-test');
    await ceo.waitForSelector('#mailbox-test-result.form-error', {timeout: 20000});
    const error = await ceo.textContent('#mailbox-test-result');
    assert.match(error, /refused the login for 'ceo@lab\.test': check the user name and password/);
    assert.ok(!error.includes('not-the-password'));
    await H.screenshot(ceo, 'outreach-mailbox-wrong-password');

    // The right password (the rest of the form kept), saved and tested.
    await ceo.fill('#mb-password', 'ceo-mail-pw-1');
    await ceo.click('#mailbox-save');
    await ceo.waitForFunction(() => document.querySelector('#mailbox-version')?.textContent === 'version 2');
    assert.equal(await ceo.inputValue('#mb-smtp-host'), m[1]);
    assert.equal(await ceo.inputValue('#mb-daily-cap'), '25');
    await ceo.click('#mailbox-test');
    await ceo.waitForSelector('#mailbox-test-result.form-ok', {timeout: 20000});
    assert.match(await ceo.textContent('#mailbox-test-result'), /Connection works/);
    await H.screenshot(ceo, 'outreach-mailbox');
    // The campaign's outreach settings are on the same page, editable by the ceo.
    await ceo.waitForSelector('#settings-outreach');
  });

  test('a recruiter has no mailbox form, and the API refuses them', async () => {
    await H.login(rec, server.baseUrl, server.users.recruiter, '/settings');
    await rec.waitForSelector('.settings-card');
    assert.equal(await rec.locator('#mailbox-card').count(), 0);
    const r = await H.apiCall(rec.context(), server.baseUrl, 'POST', '/api/outreach/mailbox/test', {});
    assert.equal(r.status, 403);
  });
});
