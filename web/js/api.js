// The one place that talks to the JSON API (docs/API.md). Keeps the signed-in user and the CSRF token,
// sends the token on every write, and turns error bodies into ApiError with the server's stable code.

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message || code || `HTTP ${status}`);
    this.status = status;
    this.code = code || 'internal';
  }
}

export const session = {
  user: null,      // User object from /api/me or /api/login
  csrf: '',        // X-CSRF-Token for non-GET requests
  can: {},         // {write, compensation, users, audit, erase}
  checked: false,  // /api/me was asked at least once
  stages: ['identified', 'contacted', 'replied', 'meeting', 'offer', 'accepted', 'declined', 'joined',
    'withdrawn'],
};

// Called when any request answers 401: the app sends the user to the login page.
let onUnauthenticated = () => {};
export function setUnauthenticatedHandler(fn) {
  onUnauthenticated = fn;
}

export async function request(method, path, body) {
  const headers = {Accept: 'application/json'};
  const init = {method, headers, credentials: 'same-origin'};
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (method !== 'GET' && session.csrf) headers['X-CSRF-Token'] = session.csrf;
  let res;
  try {
    res = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, 'network', 'The server cannot be reached. Check your connection and retry.');
  }
  if (res.status === 204) return null;
  const text = await res.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch (e) {
    if (res.ok) throw new ApiError(res.status, 'internal', `Unreadable answer from ${path}`);
  }
  if (!res.ok) {
    const err = (data && data.error) || {};
    const e = new ApiError(res.status, err.code, err.message || `${method} ${path} failed (${res.status})`);
    // /api/me and /api/login answer 401 as a normal outcome; their callers decide.
    if (res.status === 401 && path !== '/api/login' && path !== '/api/me') onUnauthenticated(e);
    throw e;
  }
  return data;
}

export const get = (path) => request('GET', path);
export const post = (path, body) => request('POST', path, body === undefined ? {} : body);
export const patch = (path, body) => request('PATCH', path, body);

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, v);
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

function adopt(data) {
  session.user = data.user;
  session.csrf = data.csrf_token || '';
  session.can = data.can || session.can;
  if (Array.isArray(data.stages) && data.stages.length) session.stages = data.stages;
}

// Loads the current user; returns false when nobody is signed in.
export async function loadMe() {
  session.checked = true;
  try {
    adopt(await request('GET', '/api/me'));
    return true;
  } catch (e) {
    if (e.status === 401) return false;
    throw e;
  }
}

export async function login(username, password) {
  const data = await request('POST', '/api/login', {username, password});
  adopt(data);
  await loadMe();  // for the capability flags ("can"), which only /api/me returns
}

export async function logout() {
  try {
    await request('POST', '/api/logout');
  } finally {
    session.user = null;
    session.csrf = '';
    session.can = {};
  }
}

export function canWrite() {
  if (session.can && typeof session.can.write === 'boolean') return session.can.write;
  return !!session.user && session.user.role !== 'viewer';
}
