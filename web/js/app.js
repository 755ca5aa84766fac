// The app shell: signs the user in, draws the top bar, and routes clean URLs (/search, /board,
// /dashboard, /people/7, /authors/1234) to one view module each. The server answers every extension-less
// path with index.html, so reloads and shared links land here too.

import * as api from './api.js';
import * as live from './live.js';
import {clear, errorBox, h, spinner} from './dom.js';
import {initNav, syncNav} from './nav_menu.js';

const routes = [
  {re: /^\/login$/, view: () => import('./views/login.js'), open: true, title: 'Sign in'},
  {re: /^\/dashboard$/, view: () => import('./views/dashboard.js'), nav: 'dashboard', title: 'Dashboard'},
  {re: /^\/search$/, view: () => import('./views/search.js'), nav: 'search', title: 'Search'},
  {re: /^\/board$/, view: () => import('./views/board.js'), nav: 'board', title: 'Pipeline'},
  {re: /^\/people\/(\d+)$/, view: () => import('./views/person.js'), nav: 'board', title: 'Candidate'},
  {re: /^\/authors\/(\d+)$/, view: () => import('./views/author.js'), nav: 'search', title: 'Researcher'},
  {re: /^\/approvals$/, view: () => import('./views/approvals.js'), nav: 'approvals', title: 'Approvals'},
  {re: /^\/settings$/, view: () => import('./views/settings.js'), nav: 'settings', title: 'Settings'},
  {re: /^\/fleet$/, view: () => import('./views/fleet.js'), nav: 'fleet', title: 'Fleet & compute'},
  {re: /^\/map$/, view: () => import('./views/map.js'), nav: 'map', title: 'Map'},
  {re: /^\/dinners(?:\/(\d+))?$/, view: () => import('./views/dinners.js'), nav: 'dinners', title: 'Trips and dinners'},
  {re: /^\/watch$/, view: () => import('./views/watch.js'), nav: 'watch', title: 'Watchlist'},
  {re: /^\/flight-risk$/, view: () => import('./views/flight_risk.js'), nav: 'flight-risk', title: 'Flight risk'},
  {re: /^\/deals$/, view: () => import('./views/deals.js'), nav: 'deals', title: 'Deals'},
  {re: /^\/deals\/(\d+)$/, view: () => import('./views/deals.js'), nav: 'deals', title: 'Deal'},
  {re: /^\/retention(?:\/(\d+))?$/, view: () => import('./views/retention.js'), nav: 'retention', title: 'Retention'},
  {re: /^\/planning$/, view: () => import('./views/planning.js'), nav: 'planning', title: 'Planning'},
];

const root = document.getElementById('app');
let cleanup = null;
let renderSeq = 0;

export function navigate(url, {replace = false} = {}) {
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  render();
}

function toLogin() {
  const here = location.pathname + location.search;
  const next = here.startsWith('/login') ? '' : `?next=${encodeURIComponent(here)}`;
  live.stop();
  document.getElementById('topbar').hidden = true;
  navigate(`/login${next}`, {replace: true});
}

function drawTopbar(route) {
  const bar = document.getElementById('topbar');
  bar.hidden = false;
  document.getElementById('me-name').textContent = api.session.user.display_name || api.session.user.username;
  document.getElementById('me-role').textContent = api.session.user.role;
  const role = api.session.user.role;
  document.getElementById('nav-approvals').hidden = role !== 'ceo' && role !== 'hr';
  document.getElementById('nav-flight-risk').hidden = role !== 'ceo' && role !== 'hr';
  document.getElementById('nav-deals').hidden = role !== 'ceo' && role !== 'hr';  // deals: ceo, hr only
  document.getElementById('nav-retention').hidden = role !== 'ceo' && role !== 'hr';
  document.getElementById('nav-planning').hidden = role !== 'ceo' && role !== 'hr';
  syncNav(document.getElementById('nav'), route.nav);
}

async function render() {
  const seq = ++renderSeq;
  if (cleanup) {
    try {
      cleanup();
    } catch (e) {
      console.error(e);
    }
    cleanup = null;
  }
  let path = location.pathname.replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/index.html') {
    history.replaceState(null, '', '/dashboard');
    path = '/dashboard';
  }
  const route = routes.find((r) => r.re.test(path));
  if (!route) {
    document.title = 'Not found · superteam';
    clear(root).append(h('section.page', h('h1', 'Page not found'),
        h('p', 'There is no page at ', h('code', path), '. ', h('a', {href: '/dashboard'}, 'Go to the dashboard'))));
    return;
  }
  if (!route.open && !api.session.user) {
    clear(root).append(spinner());
    const signedIn = await api.loadMe().catch(() => false);
    if (seq !== renderSeq) return;
    if (!signedIn) return toLogin();
  }
  if (!route.open) {
    drawTopbar(route);
    live.start();
  }
  document.title = `${route.title} · superteam`;
  const params = route.re.exec(path).slice(1);
  try {
    const mod = await route.view();
    if (seq !== renderSeq) return;
    clear(root);
    root.dataset.view = route.nav || 'login';
    cleanup = (await mod.render(root, params, new URLSearchParams(location.search))) || null;
  } catch (e) {
    if (seq !== renderSeq) return;
    if (e.status === 401) return;
    console.error(e);
    clear(root).append(h('section.page', errorBox(e)));
  }
}

// Same-origin links navigate without a reload; modified clicks (new tab) behave as usual.
document.addEventListener('click', (ev) => {
  const a = ev.target.closest && ev.target.closest('a[href]');
  if (!a || ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
  if (a.target || a.hasAttribute('download')) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
  ev.preventDefault();
  if (url.pathname + url.search !== location.pathname + location.search) navigate(url.pathname + url.search);
});

window.addEventListener('popstate', render);
initNav(document.getElementById('nav'));

document.getElementById('logout').addEventListener('click', async () => {
  try {
    await api.logout();
  } catch (e) {
    // The session is gone on our side either way; the login page is the right place now.
  }
  live.stop();
  document.getElementById('topbar').hidden = true;
  navigate('/login', {replace: true});
});

api.setUnauthenticatedHandler(() => {
  api.session.user = null;
  toLogin();
});

render();
