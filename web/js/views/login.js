// Sign-in page. After a successful login it returns to the page the user first asked for (?next=),
// accepting only same-site paths so a crafted link cannot bounce the user elsewhere.

import * as api from '../api.js';
import {navigate} from '../app.js';
import {h} from '../dom.js';

function safeNext(params) {
  const next = params.get('next') || '';
  return /^\/(?!\/)[^\\]*$/.test(next) && !next.startsWith('/login') ? next : '/dashboard';
}

export async function render(root, _params, query) {
  document.getElementById('topbar').hidden = true;
  const error = h('p.form-error#login-error', {role: 'alert', hidden: true});
  const user = h('input#username', {name: 'username', autocomplete: 'username', required: true, autofocus: true});
  const pass = h('input#password', {name: 'password', type: 'password', autocomplete: 'current-password',
    required: true});
  const button = h('button.btn.btn-primary.btn-block', {type: 'submit'}, 'Sign in');

  const form = h('form.login-card', {novalidate: false},
      h('div.login-brand', h('img', {src: '/img/logo.svg', alt: '', width: 36, height: 36}),
          h('div', h('div.login-title', 'superteam'), h('div.muted', 'Find, win and keep the best researchers'))),
      h('label', {for: 'username'}, 'Username'), user,
      h('label', {for: 'password'}, 'Password'), pass,
      error, button);

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.hidden = true;
    button.disabled = true;
    button.textContent = 'Signing in…';
    try {
      await api.login(user.value.trim(), pass.value);
      navigate(safeNext(query), {replace: true});
    } catch (e) {
      error.textContent = e.status === 401 ? 'Wrong username or password.'
          : e.status === 429 ? 'Too many attempts. Wait a few minutes and try again.'
          : e.message;
      error.hidden = false;
      pass.select();
    } finally {
      button.disabled = false;
      button.textContent = 'Sign in';
    }
  });

  root.append(h('section.login-page', form));
  // If a session is still valid, skip the form.
  if (!api.session.user && !api.session.checked && (await api.loadMe().catch(() => false))) navigate(safeNext(query), {replace: true});
}
