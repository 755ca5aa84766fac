// The opt-out page (/optout.html#TOKEN) every outreach e-mail links to, no login. The token stays in the URL
// fragment (never sent by the browser, so in no log); the page asks before it acts, because mail scanners
// open links — only the button's POST puts the address on the suppression list.

import {request} from './api.js';
import {clear, errorBox, h, spinner} from './dom.js';

const root = document.getElementById('app');
const token = location.hash.replace(/^#/, '');

async function load() {
  clear(root).append(spinner());
  if (!/^[0-9a-f]{64}$/.test(token)) {
    clear(root).append(h('section.page', errorBox({message: 'This link is not complete. Open it exactly as you received it.'})));
    return;
  }
  try {
    draw(await request('GET', `/api/optout/${token}`));
  } catch (e) {
    clear(root).append(h('section.page#optout-error', errorBox(e)));
  }
}

function draw(v) {
  const error = h('div.form-error#optout-form-error', {role: 'alert', hidden: true});
  const from = v.sender || 'us';
  if (v.opted_out) {
    clear(root).append(h('section.page#optout-done',
      h('h1', 'You will not hear from us again'),
      h('p', `${v.address} is on our do-not-contact list: no e-mail from ${from} or anyone at the lab will reach it.`)));
    return;
  }
  const stop = h('button.primary#optout-confirm', {type: 'button'}, 'Stop these e-mails');
  stop.addEventListener('click', async () => {
    stop.disabled = true;
    try {
      draw(await request('POST', `/api/optout/${token}`));
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
      stop.disabled = false;
    }
  });
  clear(root).append(h('section.page#optout-ask',
    h('h1', 'Stop e-mails from ' + from + '?'),
    h('p', `No further message — from ${from}, a follow-up, or any later campaign — will be sent to ${v.address}.`),
    stop, error));
}
// Another link pasted into the same tab changes only the fragment: start over with its token.
window.addEventListener('hashchange', () => location.reload());
load();
