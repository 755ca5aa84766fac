// Browser-test harness: builds a small real world with the built `superteam` binary (gen-corpus → ingest →
// seed, which prints the demo logins), serves it on a free 127.0.0.1 port with the built pages, and drives
// Debian's chromium through playwright-core (from tools/node_modules). Everything lives in a fresh temp dir
// removed at the end.
//
// Environment (set by ctest, see CMakeLists.txt "web assets"):
//   ST_BINARY     the built superteam binary          ST_WEB_DIR   the built pages (${build}/web)
//   ST_ARTIFACTS  where screenshots go               ST_SOURCE_DIR the checkout (for tools/node_modules)
//
// A browser test for a capability (app.test.mjs is the worked example):
//   1. tests/browser/<capability>.test.mjs, a node:test file:
//        import * as H from './harness.mjs';
//        describe('…', () => {
//          const world = H.startWorld();  // server + browser before the tests, stopped after
//          test('…', async () => {
//            const {ctx, page, problems} = await H.openAs(world.chrome, world.server, 'ceo', {next: '/deals'});
//            … H.screenshot(page, name); assert.deepEqual(problems, []); await ctx.close();
//          });
//        });
//   2. CMakeLists.txt, in your section: st_browser_test(<capability>_browser_test tests/browser/<capability>.test.mjs)
// ctest runs it through tests/browser/run.mjs, which checks skipReason() first. A missing prerequisite
// (playwright-core, chromium, the built binary or pages) exits kSkipExitCode — ctest's SKIP_RETURN_CODE, shown
// as "Skipped" — on a developer's machine, and fails with the reason under CI=true or ST_REQUIRE_ALL=1. A
// test that cannot run for another missing prerequisite calls skipOrFail(t, reason) (never a bare t.skip()):
// run.mjs counts skipped subtests the same way, so nothing passes by skipping.

import {spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import {createRequire} from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {after, before} from 'node:test';
import {fileURLToPath} from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const sourceDir = process.env.ST_SOURCE_DIR || path.resolve(here, '../..');
export const binary = process.env.ST_BINARY || path.join(sourceDir, 'build/superteam');
export const webDir = process.env.ST_WEB_DIR || path.join(path.dirname(binary), 'web');
export const artifacts = process.env.ST_ARTIFACTS || path.join(path.dirname(binary), 'test-artifacts');
export const chromiumPath = process.env.ST_CHROMIUM || '/usr/bin/chromium';

// Demo-scale but small: enough researchers for ranking, co-authors and warm paths; seconds to build.
const kCorpusAuthors = 1500;

export function loadPlaywright() {
  const require = createRequire(path.join(sourceDir, 'tools/package.json'));
  return require('playwright-core');
}

// Exit code of a run whose prerequisites are missing (ctest SKIP_RETURN_CODE, see st_browser_test).
export const kSkipExitCode = 77;

// Under CI (CI=true) or ST_REQUIRE_ALL=1 nothing may be skipped (src/base/test_require.h is the C++ side).
export function requireAll() {
  return process.env.CI === 'true' || process.env.ST_REQUIRE_ALL === '1';
}

// Inside a test: skips it with the reason on a developer's machine, fails it with the reason under CI.
export function skipOrFail(t, reason) {
  if (requireAll()) throw new Error(`prerequisite missing (CI=true or ST_REQUIRE_ALL=1): ${reason}`);
  return t.skip(reason);
}

// Why the suite cannot run here, or '' when it can. Missing tools are a skip with this message.
export function skipReason() {
  if (!fs.existsSync(path.join(sourceDir, 'tools/node_modules/playwright-core'))) {
    return 'tools/node_modules/playwright-core is missing (run `npm ci` in tools/, as ./superteam.sh test does)';
  }
  if (!fs.existsSync(chromiumPath)) return `${chromiumPath} is missing (Debian package chromium)`;
  if (!fs.existsSync(binary)) return `${binary} is not built`;
  if (!fs.existsSync(path.join(webDir, 'index.html'))) return `${webDir}/index.html is missing (build web_assets)`;
  // While a subcommand is still the skeleton's placeholder, say so instead of failing on it.
  for (const cmd of ['gen-corpus', 'ingest', 'seed', 'serve']) {
    const r = spawnSync(binary, [cmd, '--help'], {encoding: 'utf8', timeout: 10_000});
    if (/not built yet/.test(`${r.stdout}${r.stderr}`)) return `\`superteam ${cmd}\` is not built yet`;
  }
  return '';
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const {port} = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// Runs `superteam args...` to completion; throws with its output when it fails.
export function run(args) {
  const r = spawnSync(binary, args, {encoding: 'utf8', timeout: 300_000});
  if (r.status !== 0) {
    throw new Error(`superteam ${args.join(' ')} exited ${r.status ?? r.signal}:\n${r.stdout}\n${r.stderr}`);
  }
  return r.stdout;
}

async function waitForHttp(url, proc, logs, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`superteam serve exited ${proc.exitCode}:\n${logs.join('')}`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch (e) {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`superteam serve did not answer ${url} within ${ms} ms:\n${logs.join('')}`);
}

// The demo logins `superteam seed` prints once ("  <username> <role> <password>"), by role.
export function parseLogins(seedOutput) {
  const users = {};
  for (const m of seedOutput.matchAll(/^\s+(\S+)\s+(ceo|recruiter|hr|viewer)\s+(\S+)\s*$/gm)) {
    users[m[2]] = {username: m[1], role: m[2], password: m[3]};
  }
  return users;
}

// Builds the world and starts the server. Returns {baseUrl, users, stop()}.
// serveArgs: extra `superteam serve` flags (e.g. the outreach loop's interval).
export async function startServer({serveArgs = []} = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'superteam-browser-'));
  const corpus = path.join(dir, 'corpus');
  const graph = path.join(dir, 'graph');
  const db = path.join(dir, 'campaign.db');
  run(['gen-corpus', '--out', corpus, '--authors', String(kCorpusAuthors)]);
  run(['ingest', corpus, '--graph', graph]);
  const users = parseLogins(run(['seed', '--graph', graph, '--db', db]));
  if (!users.ceo || !users.recruiter) throw new Error('`superteam seed` printed no ceo and recruiter logins');
  const port = await freePort();
  const logs = [];
  const proc = spawn(binary, ['serve', '--graph', graph, '--db', db, '--listen', `127.0.0.1:${port}`,
    '--static', webDir, ...serveArgs], {stdio: ['ignore', 'pipe', 'pipe']});
  proc.stdout.on('data', (d) => logs.push(String(d)));
  proc.stderr.on('data', (d) => logs.push(String(d)));
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${baseUrl}/api/openapi.json`, proc, logs);
  } catch (e) {
    proc.kill('SIGKILL');
    fs.rmSync(dir, {recursive: true, force: true});
    throw e;
  }
  return {
    baseUrl,
    users,
    logs,
    dir,
    async stop() {
      if (proc.exitCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dir, {recursive: true, force: true});
    },
  };
}

// playwright-core's launch() starts chromium on a fresh temporary --user-data-dir of its own (it refuses
// one passed in args) and removes it on close, so every run starts with an empty profile.
export async function launchBrowser() {
  const {chromium} = loadPlaywright();
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {browser, close: () => browser.close()};
}

// A page that records what a person would never want to see: uncaught errors, CSP violations and
// console errors other than the HTTP statuses a test provokes on purpose.
export function watchPage(page, name) {
  const problems = [];
  page.on('pageerror', (e) => problems.push(`${name}: uncaught ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const text = m.text();
    if (/Failed to load resource: the server responded with a status of (401|409)/.test(text)) return;
    problems.push(`${name}: console error: ${text}`);
  });
  return problems;
}

export async function screenshot(page, name, {fullPage = true} = {}) {
  fs.mkdirSync(artifacts, {recursive: true});
  const file = path.join(artifacts, `${name}.png`);
  // From the top, so the sticky top bar is drawn where a person sees it.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({path: file, fullPage});
  return file;
}

// The set-up every page suite shares: a server (built world) and a browser, started before the suite's tests
// and stopped after them. Call inside describe(); the returned object's `server` and `chrome` are set once
// the suite's before() has run.
export function startWorld({serveArgs = []} = {}) {
  const world = {server: null, chrome: null};
  before(async () => {
    world.server = await startServer({serveArgs});
    world.chrome = await launchBrowser();
  });
  after(async () => {
    if (world.chrome) await world.chrome.close();
    if (world.server) await world.server.stop();
  });
  return world;
}

// A page signed in as `role` in a fresh browser context (its own cookies), watched for problems:
// {ctx, page, problems}. `next` is where login lands; other options go to newContext (e.g. acceptDownloads).
// `server` is startServer()'s result or any {baseUrl, users}. Close with ctx.close() when the test is done.
export async function openAs(chrome, server, role,
    {next = '/dashboard', viewport = {width: 1400, height: 900}, name = role, ...contextOptions} = {}) {
  const ctx = await chrome.browser.newContext({viewport, ...contextOptions});
  const page = await ctx.newPage();
  const problems = watchPage(page, name);
  await login(page, server.baseUrl, server.users[role], next);
  return {ctx, page, problems};
}

export async function login(page, baseUrl, user, next = '/dashboard') {
  await page.goto(`${baseUrl}/login?next=${encodeURIComponent(next)}`);
  await page.fill('#username', user.username);
  await page.fill('#password', user.password);
  await page.click('form.login-card button[type=submit]');
  await page.waitForURL((u) => u.pathname === next);
  await page.waitForSelector('#topbar:not([hidden])');
}

// Clicks the top-bar entry `data-nav=key` the way a person does: a grouped entry (Win/Keep/Admin menus) is
// reached by opening its menu first.
export async function navTo(page, key) {
  const link = page.locator(`#nav a[data-nav="${key}"]`);
  const group = page.locator(`#nav .nav-group:has(a[data-nav="${key}"])`);
  if (await group.count() && !(await link.isVisible())) await group.locator('.nav-menu-btn').click();
  await link.click();
}

// JSON API calls from a signed-in browser context (shares its session cookie), with the CSRF token.
export async function apiCall(context, baseUrl, method, route, body) {
  const me = await (await context.request.get(`${baseUrl}/api/me`)).json();
  const res = await context.request.fetch(`${baseUrl}${route}`, {
    method,
    headers: {'X-CSRF-Token': me.csrf_token, 'Origin': baseUrl, 'Content-Type': 'application/json'},
    data: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return {status: res.status(), body: text ? JSON.parse(text) : null};
}
