// Outreach in the browser (issue 9): a recruiter writes a draft from the candidate's papers, the CEO
// approves it from the approval queue, the background loop of `superteam serve` sends it (demo Maildir
// transport), the candidate's reply arrives on the candidate page, and a second browser's dashboard shows
// the week's figures change — all without a reload. Screenshots in ${build}/test-artifacts/.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';

import * as H from './harness.mjs';

const skip = H.skipReason();

describe('outreach pages in headless chromium', {skip: skip || false}, () => {
  let server = null;
  let chrome = null;
  let ceo = null;
  let rec = null;
  let watcher = null;
  const state = {personId: 0, outbox: '', messageId: ''};

  before(async () => {
    const settings = path.join(fs.mkdtempSync('/tmp/superteam-outreach-settings-'), 'outreach.json');
    fs.writeFileSync(settings, JSON.stringify({weekdays_only: false, window_start_hour: 0, window_end_hour: 24}));
    server = await H.startServer({serveArgs: ['--outreach-interval', '1', '--outreach-settings', settings]});
    state.outbox = path.join(server.dir, 'outbox');
    chrome = await H.launchBrowser();
    const ctx = () => chrome.browser.newContext({viewport: {width: 1400, height: 1000}});
    ceo = await (await ctx()).newPage();
    rec = await (await ctx()).newPage();
    watcher = await (await ctx()).newPage();
    H.watchPage(ceo, 'ceo');
    H.watchPage(rec, 'recruiter');
  });

  after(async () => {
    if (chrome) await chrome.close();
    if (server) await server.stop();
  });

  test('a recruiter writes a draft from the templates and edits it', async () => {
    await H.login(rec, server.baseUrl, server.users.recruiter, '/board');
    const created = await H.apiCall(rec.context(), server.baseUrl, 'POST', '/api/people',
        {name: 'Zoë Ångström', email: 'zoe@uni.test', org: 'ETH Zurich', city: 'Zürich'});
    assert.equal(created.status, 201, JSON.stringify(created.body));
    state.personId = created.body.id;
    await rec.goto(`${server.baseUrl}/people/${state.personId}`);
    await rec.click('#draft-new');
    await rec.waitForSelector('#draft-body');
    const body = await rec.inputValue('#draft-body');
    assert.match(body, /^Dear Zoë,/);
    assert.equal(await rec.locator('#draft-missing').isHidden(), true, 'no field is missing');
    await rec.fill('#draft-body', `${body}P.S. Grüße aus London.\n`);
    await rec.click('#draft-save');
    await rec.waitForSelector('text=Draft saved (version 2)');
    assert.equal(await rec.locator('#draft-approve').count(), 0, 'a recruiter cannot approve');
    await H.screenshot(rec, 'outreach-draft');
  });

  test('the CEO approves from the queue; the loop sends it; a second browser sees the figures', async () => {
    await H.login(ceo, server.baseUrl, server.users.ceo, '/dashboard');
    const box = await H.apiCall(ceo.context(), server.baseUrl, 'PATCH', '/api/outreach/mailbox',
        {version: 0, display_name: 'Sam Chief', address: 'ceo@lab.test', transport: 'maildir', maildir: state.outbox});
    assert.equal(box.status, 200, JSON.stringify(box.body));
    await H.login(watcher, server.baseUrl, server.users.recruiter, '/dashboard');
    await watcher.waitForSelector('#outreach-sent');
    assert.equal((await watcher.textContent('#outreach-sent')).trim(), '0');
    await watcher.evaluate(() => { window.__sameDocument = 'yes'; });

    await ceo.goto(`${server.baseUrl}/approvals`);
    await ceo.waitForSelector('.queue-item');
    assert.match(await ceo.textContent('#queue-count'), /1 draft waiting/);
    assert.match(await ceo.textContent('.queue-item'), /ETH Zurich/);
    await H.screenshot(ceo, 'outreach-approvals');
    await ceo.click('.queue-approve');
    await ceo.waitForSelector('text=Nothing to approve.');

    await ceo.goto(`${server.baseUrl}/people/${state.personId}`);
    await ceo.waitForSelector('.msg-out .msg-status:text("sent")', {timeout: 15000});
    const files = fs.readdirSync(path.join(state.outbox, 'new'));
    assert.equal(files.length, 1);
    const eml = fs.readFileSync(path.join(state.outbox, 'new', files[0]), 'utf8');
    state.messageId = /^Message-ID: (<[^>]+>)/m.exec(eml)[1];
    assert.match(eml, /P\.S\. Gr=C3=BC=C3=9Fe aus London\./);
    await watcher.waitForFunction(() => document.querySelector('#outreach-sent')?.textContent.trim() === '1',
        null, {timeout: 15000});
  });

  test('the reply arrives on the candidate page and the dashboard, without reload', async () => {
    await ceo.evaluate(() => { window.__sameDocument = 'yes'; });
    const replies = path.join(state.outbox, 'replies', 'new');
    fs.mkdirSync(replies, {recursive: true});
    fs.writeFileSync(path.join(replies, '1.eml'),
        `From: Zoe <zoe@uni.test>\r\nTo: ceo@lab.test\r\nSubject: Re: hello\r\nMessage-ID: <r1@uni.test>\r\n` +
        `In-Reply-To: ${state.messageId}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nGerne! Dienstag?\r\n`);
    await ceo.waitForSelector('.msg-in .msg-body', {timeout: 15000});
    assert.match(await ceo.textContent('.msg-in .msg-body'), /Gerne! Dienstag\?/);
    await ceo.waitForFunction(() => document.querySelector('#sequence-state')?.textContent === 'replied');
    assert.equal(await ceo.evaluate(() => window.__sameDocument), 'yes', 'the candidate page was not reloaded');
    await H.screenshot(ceo, 'outreach-thread');
    await watcher.waitForFunction(() => document.querySelector('#outreach-rate')?.textContent.trim() === '100%',
        null, {timeout: 15000});
    assert.equal(await watcher.evaluate(() => window.__sameDocument), 'yes', 'the dashboard was not reloaded');
    await H.screenshot(watcher, 'outreach-dashboard');
  });

  test('the board shows the sequence; the opt-out link works without a login', async () => {
    await rec.goto(`${server.baseUrl}/board`);
    await rec.waitForSelector(`.pcard[data-person-id="${state.personId}"] .seq`);
    assert.equal(await rec.getAttribute(`.pcard[data-person-id="${state.personId}"] .seq`, 'data-sequence'), 'replied');
    await H.screenshot(rec, 'outreach-board');
    const files = fs.readdirSync(path.join(state.outbox, 'new'));
    const eml = fs.readFileSync(path.join(state.outbox, 'new', files[0]), 'utf8');
    const link = /^List-Unsubscribe: <([^>]+)>/m.exec(eml)[1];
    // RFC 8058's one-click URL; a browser that opens it is sent on to the page, which asks first.
    assert.match(link, new RegExp(`^${server.baseUrl}/api/optout/[0-9a-f]{64}/one-click$`));
    const stranger = await (await chrome.browser.newContext()).newPage();  // no session at all
    H.watchPage(stranger, 'recipient');
    await stranger.goto(link);
    await stranger.waitForSelector('#optout-confirm');
    assert.ok(stranger.url().startsWith(`${server.baseUrl}/optout.html#`), stranger.url());
    assert.match(await stranger.textContent('#optout-ask'), /z•••@uni\.test/);
    assert.ok(!(await stranger.textContent('body')).includes('zoe@uni.test'), 'the full address is not shown');
    await H.screenshot(stranger, 'outreach-optout');
    await stranger.click('#optout-confirm');
    await stranger.waitForSelector('#optout-done');
    await ceo.goto(`${server.baseUrl}/people/${state.personId}`);
    await ceo.waitForSelector('#outreach-state .badge-bad');
    // A wrong link says so, and changes nothing.
    await stranger.goto(`${server.baseUrl}/optout.html#${'0'.repeat(64)}`);
    await stranger.waitForSelector('#optout-error');
  });
});
