// The candidate's page (/offer.html#TOKEN), no login: the token stays in the URL fragment, which the
// browser never sends to the server (so no log holds it); the page passes it to /api/offer-link/TOKEN.
// Shows the offer, the year-by-year figures, the letter (HTML and PDF, from the server's template)
// and accept / decline. After a decision the page shows it and offers no second one.

import {request} from './api.js';
import {clear, errorBox, h, spinner} from './dom.js';
import {promises, valueTable} from './views/offer_panel.js';

const root = document.getElementById('app');
const token = location.hash.replace(/^#/, '');

async function load() {
  clear(root).append(spinner());
  if (!/^[0-9a-f]{64}$/.test(token)) {
    clear(root).append(h('section.page', errorBox({message: 'This offer link is not complete. Open it exactly as you received it.'})));
    return;
  }
  try {
    draw(await request('GET', `/api/offer-link/${token}`));
  } catch (e) {
    clear(root).append(h('section.page#offer-link-error', errorBox(e)));
  }
}

function draw(o) {
  const error = h('div.form-error#candidate-error', {role: 'alert', hidden: true});
  const decide = (what) => async (ev) => {
    ev.target.disabled = true;
    try {
      draw(await request('POST', `/api/offer-link/${token}/${what}`, {}));
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
      ev.target.disabled = false;
    }
  };
  const decided = o.state !== 'sent';
  const status = {accepted: 'You accepted this offer. Welcome aboard!', declined: 'You declined this offer.',
    expired: 'This offer has expired.', withdrawn: 'This offer was withdrawn.'}[o.state];
  clear(root).append(h('section.page.candidate-offer', {dataset: {state: o.state}},
      h('h1', `Your offer, ${o.person_name}`),
      h('p', h('b', o.terms.title), o.terms.location ? ` · ${o.terms.location}` : '',
          ` · starts ${o.terms.start_date} · this offer expires ${o.terms.expiry_date}`),
      decided ? h('p.offer-decision#candidate-state', status || o.state) : null,
      valueTable(o.value),
      promises(o.terms),
      h('div.offer-actions',
          h('a.btn.btn-ghost#letter-html', {href: `/api/offer-link/${token}/letter.html`, target: '_blank'},
              'Read the letter'),
          h('a.btn.btn-ghost#letter-pdf', {href: `/api/offer-link/${token}/letter.pdf`, target: '_blank'},
              'Download the letter (PDF)'),
          decided ? null : h('button.btn.btn-primary#accept', {type: 'button', onclick: decide('accept')}, 'Accept the offer'),
          decided ? null : h('button.btn#decline', {type: 'button', onclick: decide('decline')}, 'Decline')),
      error));
}

window.addEventListener('hashchange', () => location.reload());
load();
