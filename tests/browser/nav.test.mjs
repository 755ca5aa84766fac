// The top bar's navigation in headless chromium against the real binary and the seeded campaign: four
// top-level entries (Dashboard, Search, Pipeline, Approvals) and three grouped menus — Win (Map, Dinners,
// Deals, Planning), Keep (Retention, Flight risk, Watch), Admin (Fleet, Settings). Checked: what the ceo and
// a viewer see (entries the role may not see stay `hidden`, a group with no visible entry disappears), a menu
// opened with the mouse and with the keyboard (Enter/ArrowDown/ArrowUp/Home/End, Escape returns focus to its
// button, Tab out closes it), outside clicks and navigation close it, the active page highlights its group,
// and the bar stays on one line without touching the user box at 1,460 and 1,280 px and wraps cleanly at
// 800 px. Screenshots: nav-ceo.png, nav-menu-open.png, nav-narrow.png.

import assert from 'node:assert/strict';
import {before, describe, test} from 'node:test';

import * as H from './harness.mjs';

const skip = H.skipReason();

// The text of the visible entries/buttons directly in the bar, in order.
async function barItems(page) {
  return page.$$eval('#nav > a, #nav > .nav-group > .nav-menu-btn', (els) => els
      .filter((e) => e.offsetParent !== null).map((e) => e.textContent.trim()));
}

// The entries of one group that the role may see (not `hidden`), in order.
async function groupEntries(page, group) {
  return page.$$eval(`#nav-group-${group} .nav-menu a`, (els) => els.filter((e) => !e.hidden)
      .map((e) => e.textContent.trim()));
}

async function expanded(page, group) {
  return page.getAttribute(`#nav-group-${group} .nav-menu-btn`, 'aria-expanded');
}

async function focusedText(page) {
  return page.evaluate(() => document.activeElement.textContent.trim());
}

// Every visible bar item on one row (same vertical centre, one text line high), to the left of the live
// indicator and the user box, and the user box whole inside the window with "Log out" clear of the name.
async function assertOneLine(page, width) {
  const boxes = await page.evaluate(() => {
    const r = (e) => { const b = e.getBoundingClientRect(); return {x: b.x, y: b.y, w: b.width, h: b.height}; };
    const items = [...document.querySelectorAll('#nav > a, #nav > .nav-group > .nav-menu-btn')]
        .filter((e) => e.offsetParent !== null).map((e) => ({text: e.textContent.trim(), ...r(e)}));
    return {items, nav: r(document.getElementById('nav')), live: r(document.getElementById('live')),
      me: r(document.getElementById('me')), name: r(document.getElementById('me-name')),
      role: r(document.getElementById('me-role')), logout: r(document.getElementById('logout')),
      bar: r(document.getElementById('topbar')), scrollWidth: document.documentElement.scrollWidth};
  });
  const centre = (b) => b.y + b.h / 2;
  const c0 = centre(boxes.items[0]);
  for (const it of boxes.items) {
    assert.ok(Math.abs(centre(it) - c0) < 2, `${width}px: "${it.text}" is not on the nav's row (${JSON.stringify(it)})`);
    assert.ok(it.h < 40, `${width}px: "${it.text}" wraps (${it.h}px high)`);
  }
  const last = boxes.items[boxes.items.length - 1];
  assert.ok(last.x + last.w <= boxes.live.x, `${width}px: the nav (${last.x + last.w}) runs into the live dot (${boxes.live.x})`);
  assert.ok(boxes.nav.x + boxes.nav.w <= boxes.me.x, `${width}px: the nav overlaps the user box`);
  assert.ok(boxes.me.x + boxes.me.w <= width, `${width}px: the user box leaves the window (${boxes.me.x + boxes.me.w})`);
  assert.ok(boxes.name.x + boxes.name.w <= boxes.role.x && boxes.role.x + boxes.role.w <= boxes.logout.x,
    `${width}px: name, role and "Log out" overlap`);
  assert.ok(boxes.logout.h < 40 && boxes.bar.h <= 52, `${width}px: the bar grew to ${boxes.bar.h}px`);
  assert.ok(boxes.scrollWidth <= width, `${width}px: the page scrolls sideways (${boxes.scrollWidth})`);
}

describe('top navigation in headless chromium', {skip: skip || false}, () => {
  const world = H.startWorld();
  let server = null;
  let chrome = null;
  let ceoCtx = null;
  let page = null;
  let problems = [];

  before(async () => {
    ({server, chrome} = world);
    ({ctx: ceoCtx, page, problems} = await H.openAs(chrome, server, 'ceo', {viewport: {width: 1460, height: 900}}));
  });

  test('the ceo sees four entries and three groups holding every page; the mouse opens a menu', async () => {
    assert.deepEqual(await barItems(page), ['Dashboard', 'Search', 'Pipeline', 'Approvals', 'Win', 'Keep', 'Admin']);
    assert.deepEqual(await groupEntries(page, 'win'), ['Map', 'Dinners', 'Deals', 'Planning']);
    assert.deepEqual(await groupEntries(page, 'keep'), ['Retention', 'Flight risk', 'Watch']);
    assert.deepEqual(await groupEntries(page, 'admin'), ['Fleet', 'Settings']);
    // Dashboard is active; no group is.
    assert.equal(await page.getAttribute('#nav a[data-nav="dashboard"]', 'aria-current'), 'page');
    assert.equal(await page.locator('#nav .nav-menu-btn.active').count(), 0);
    assert.equal(await expanded(page, 'win'), 'false');
    assert.equal(await page.locator('#nav-menu-win').isVisible(), false);

    await page.click('#nav-group-win .nav-menu-btn');
    assert.equal(await expanded(page, 'win'), 'true');
    assert.equal(await page.locator('#nav-deals').isVisible(), true);
    // The open panel lies inside the window, under its button.
    const btn = await page.locator('#nav-group-win .nav-menu-btn').boundingBox();
    const panel = await page.locator('#nav-menu-win').boundingBox();
    assert.ok(panel.y >= btn.y + btn.height && panel.x + panel.width <= 1460, JSON.stringify({btn, panel}));
    await H.screenshot(page, 'nav-menu-open', {fullPage: false});

    // Opening another group closes this one; a second click on a button closes its menu.
    await page.click('#nav-group-keep .nav-menu-btn');
    assert.equal(await expanded(page, 'win'), 'false');
    assert.equal(await expanded(page, 'keep'), 'true');
    await page.click('#nav-group-keep .nav-menu-btn');
    assert.equal(await expanded(page, 'keep'), 'false');

    // A click outside closes it.
    await page.click('#nav-group-win .nav-menu-btn');
    assert.equal(await expanded(page, 'win'), 'true');
    await page.mouse.click(700, 600);
    assert.equal(await expanded(page, 'win'), 'false');
    assert.equal(await page.locator('#nav-menu-win').isVisible(), false);

    // Choosing an entry navigates, closes the menu and highlights the entry and its group.
    await page.click('#nav-group-win .nav-menu-btn');
    await page.click('#nav-deals');
    await page.waitForURL((u) => u.pathname === '/deals');
    assert.equal(await expanded(page, 'win'), 'false');
    assert.equal(await page.getAttribute('#nav-deals', 'aria-current'), 'page');
    assert.deepEqual(await page.$$eval('#nav .nav-menu-btn.active', (els) => els.map((e) => e.textContent.trim())), ['Win']);
    assert.equal(await page.getAttribute('#nav a[data-nav="dashboard"]', 'aria-current'), null);
    await H.screenshot(page, 'nav-ceo', {fullPage: false});

    // A top-level entry clears the group highlight.
    await page.click('#nav a[data-nav="board"]');
    await page.waitForURL((u) => u.pathname === '/board');
    assert.equal(await page.locator('#nav .nav-menu-btn.active').count(), 0);
    assert.ok(await page.locator('#nav a[data-nav="board"].active').isVisible());
  });

  test('the keyboard opens, walks and closes a menu, and focus returns to its button', async () => {
    await page.focus('#nav-group-keep .nav-menu-btn');
    await page.keyboard.press('Enter');
    assert.equal(await expanded(page, 'keep'), 'true');
    assert.equal(await focusedText(page), 'Retention');
    await page.keyboard.press('ArrowDown');
    assert.equal(await focusedText(page), 'Flight risk');
    await page.keyboard.press('End');
    assert.equal(await focusedText(page), 'Watch');
    await page.keyboard.press('ArrowDown');  // wraps
    assert.equal(await focusedText(page), 'Retention');
    await page.keyboard.press('ArrowUp');
    assert.equal(await focusedText(page), 'Watch');
    await page.keyboard.press('Home');
    assert.equal(await focusedText(page), 'Retention');
    await page.keyboard.press('Escape');
    assert.equal(await expanded(page, 'keep'), 'false');
    assert.equal(await page.evaluate(() => document.activeElement.matches('#nav-group-keep .nav-menu-btn')), true);

    // ArrowUp opens on the last entry; ArrowDown on the first; Enter on an entry navigates there.
    await page.keyboard.press('ArrowUp');
    assert.equal(await focusedText(page), 'Watch');
    await page.keyboard.press('Escape');
    await page.keyboard.press('ArrowDown');
    assert.equal(await focusedText(page), 'Retention');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === '/flight-risk');
    assert.equal(await expanded(page, 'keep'), 'false');
    assert.deepEqual(await page.$$eval('#nav .nav-menu-btn.active', (els) => els.map((e) => e.textContent.trim())), ['Keep']);

    // Tab walks the open menu's entries and, leaving the group, closes it.
    await page.focus('#nav-group-admin .nav-menu-btn');
    await page.keyboard.press(' ');
    assert.equal(await expanded(page, 'admin'), 'true');
    assert.equal(await focusedText(page), 'Fleet');
    await page.keyboard.press('Tab');
    assert.equal(await focusedText(page), 'Settings');
    await page.keyboard.press('Tab');
    assert.equal(await expanded(page, 'admin'), 'false');
    // Escape on a closed button leaves it closed.
    await page.focus('#nav-group-admin .nav-menu-btn');
    await page.keyboard.press('Escape');
    assert.equal(await expanded(page, 'admin'), 'false');
  });

  test('a group whose entries are all hidden disappears', async () => {
    const hidden = await page.evaluate(async () => {
      const {syncNav} = await import('/js/nav_menu.js');
      const nav = document.getElementById('nav');
      const keep = [...document.querySelectorAll('#nav-group-keep .nav-menu a')];
      const before = keep.map((a) => a.hidden);
      for (const a of keep) a.hidden = true;
      syncNav(nav, 'dashboard');
      const gone = document.getElementById('nav-group-keep').hidden;
      keep.forEach((a, i) => { a.hidden = before[i]; });
      syncNav(nav, 'flight-risk');
      return {gone, back: document.getElementById('nav-group-keep').hidden};
    });
    assert.deepEqual(hidden, {gone: true, back: false});
  });

  test('at 1,460 and 1,280 px the bar is one line and clear of the user box; at 800 px it wraps cleanly', async () => {
    for (const width of [1460, 1280]) {
      await page.setViewportSize({width, height: 900});
      await assertOneLine(page, width);
    }
    await page.setViewportSize({width: 800, height: 900});
    const narrow = await page.evaluate(() => {
      const r = (e) => e.getBoundingClientRect();
      const items = [...document.querySelectorAll('#nav > a, #nav > .nav-group > .nav-menu-btn')]
          .filter((e) => e.offsetParent !== null).map(r);
      return {scrollWidth: document.documentElement.scrollWidth, me: r(document.getElementById('me')),
        nav: r(document.getElementById('nav')), right: Math.max(...items.map((b) => b.right)),
        left: Math.min(...items.map((b) => b.left)), maxH: Math.max(...items.map((b) => b.height))};
    });
    assert.ok(narrow.scrollWidth <= 800, `800px: the page scrolls sideways (${narrow.scrollWidth})`);
    assert.ok(narrow.nav.top >= narrow.me.bottom - 1, `800px: the nav is not on a row of its own ${JSON.stringify(narrow)}`);
    assert.ok(narrow.left >= 0 && narrow.right <= 800 && narrow.maxH < 40, JSON.stringify(narrow));
    await page.click('#nav-group-admin .nav-menu-btn');
    const panel = await page.locator('#nav-menu-admin').boundingBox();
    assert.ok(panel.x >= 0 && panel.x + panel.width <= 800, `800px: the Admin menu leaves the window ${JSON.stringify(panel)}`);
    await H.screenshot(page, 'nav-narrow', {fullPage: false});
    await page.keyboard.press('Escape');
    await page.setViewportSize({width: 1460, height: 900});
    assert.deepEqual(problems, []);
  });

  test('a viewer sees no Approvals, Deals, Planning, Retention or Flight risk, and the groups hold the rest', async () => {
    const {ctx, page: v, problems: vProblems} =
        await H.openAs(chrome, server, 'viewer', {viewport: {width: 1460, height: 900}});
    assert.deepEqual(await barItems(v), ['Dashboard', 'Search', 'Pipeline', 'Win', 'Keep', 'Admin']);
    assert.deepEqual(await groupEntries(v, 'win'), ['Map', 'Dinners']);
    assert.deepEqual(await groupEntries(v, 'keep'), ['Watch']);
    assert.deepEqual(await groupEntries(v, 'admin'), ['Fleet', 'Settings']);
    for (const id of ['nav-approvals', 'nav-deals', 'nav-planning', 'nav-retention', 'nav-flight-risk']) {
      assert.equal(await v.locator(`#${id}`).evaluate((e) => e.hidden), true, id);
    }
    // Open, the menus still show none of them.
    await v.click('#nav-group-win .nav-menu-btn');
    assert.deepEqual(await v.$$eval('#nav-menu-win a', (els) => els.filter((e) => e.offsetParent !== null)
        .map((e) => e.textContent.trim())), ['Map', 'Dinners']);
    await v.click('#nav-group-keep .nav-menu-btn');
    assert.deepEqual(await v.$$eval('#nav-menu-keep a', (els) => els.filter((e) => e.offsetParent !== null)
        .map((e) => e.textContent.trim())), ['Watch']);
    await v.click('#nav a[data-nav="watch"]');
    await v.waitForURL((u) => u.pathname === '/watch');
    assert.deepEqual(await v.$$eval('#nav .nav-menu-btn.active', (els) => els.map((e) => e.textContent.trim())), ['Keep']);
    await assertOneLine(v, 1460);
    await ctx.close();
    assert.deepEqual(vProblems, []);
  });
});
