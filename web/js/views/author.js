// Researcher page for a talent-graph author who is not (yet) in the pipeline: the graph profile and an
// "Add to pipeline" button. Authors already in the pipeline go straight to their candidate page.

import * as api from '../api.js';
import {navigate} from '../app.js';
import {clear, errorBox, h, spinner, toast} from '../dom.js';
import * as vendor from '../vendor.js';
import * as profile from './profile.js';
import {pick} from './explain.js';

export async function render(root, [idText]) {
  const authorId = Number(idText);
  const page = h('section.page.person-page');
  root.append(page);
  page.append(spinner());
  vendor.cytoscape().catch(() => {});  // in parallel with the profile
  let data;
  try {
    data = await api.get(`/api/authors/${authorId}`);
  } catch (e) {
    clear(page).append(errorBox(e));
    return;
  }
  if (data.person_id) {
    navigate(`/people/${data.person_id}`, {replace: true});
    return;
  }
  const p = data.profile || {};
  const name = pick(p, 'name', 'display_name') || `Author ${authorId}`;
  document.title = `${name} · superteam`;
  const add = api.canWrite() ? h('button.btn.btn-primary#add-author', {type: 'button'}, '+ Add to pipeline') : null;
  if (add) {
    add.addEventListener('click', async () => {
      add.disabled = true;
      try {
        const person = await api.post('/api/people', {author_id: authorId});
        toast(`${name} added to the pipeline`, 'ok');
        navigate(`/people/${person.id}`, {replace: true});
      } catch (e) {
        add.disabled = false;
        const m = e.status === 409 && /person (\d+)/.exec(e.message);
        if (m) navigate(`/people/${m[1]}`, {replace: true});
        else toast(e.message, 'error');
      }
    });
  }
  const org = pick(p, 'org', 'institution', 'current_institution');
  const nbBox = h('div.graph-box');
  clear(page).append(
      h('div.person-head', h('div.person-id', h('h1', name),
          h('div.person-sub', (typeof org === 'object' ? pick(org, 'name', 'display_name') : org) || '',
              h('span.kind', 'Not in pipeline'))), add),
      h('div.person-grid',
          h('div.col-main',
              profile.card('Co-author neighbourhood', nbBox),
              profile.card('Papers', profile.papers(pick(p, 'top_papers', 'papers', 'works'))),
              profile.card('Affiliation history', profile.history(p)),
              profile.card('Top topics', profile.topics(p))),
          h('div.col-side',
              p.identity ? profile.card('Identity', profile.identity(p)) : null,
              profile.card('Metrics', profile.metrics(p.metrics, p)),
              profile.card('Warm paths to our staff', profile.warmPaths(data.warm_paths || p.warm_paths)))));
  return profile.neighbourhood(nbBox, data.neighbourhood || p.neighbourhood || starOf(authorId, name, p),
      (pid) => navigate(`/people/${pid}`));
}

// /api/authors gives the profile's co-author list, not a neighbourhood: draw it as a star around the author.
function starOf(authorId, name, p) {
  const co = (p.coauthors || []).slice(0, 24);
  if (!co.length) return null;
  return {
    nodes: [{id: authorId, name, center: true}, ...co.map((c) => ({id: c.author_id, name: c.name, org: c.org,
      works: c.shared_works}))],
    edges: co.map((c) => ({source: authorId, target: c.author_id, weight: c.weight ?? c.shared_works ?? 1})),
  };
}
