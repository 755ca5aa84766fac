// Search the talent graph: query + organisation + since-year filters → ranked researchers, each with the
// explanation the ranker gives (its top papers and numbers), and "Add to pipeline" in one click.
// The filters live in the URL so a search can be shared, reloaded and reached with Back.

import * as api from '../api.js';
import {navigate} from '../app.js';
import {clear, errorBox, h, num, spinner, stageBadge, toast} from '../dom.js';
import {citationText, explanationPapers, explanationNumbers} from './explain.js';

export async function render(root, _params, query) {
  const q = query.get('q') || '';
  const org = query.get('org') || '';
  const since = query.get('since') || '';
  const top = query.get('top') || '50';

  const qInput = h('input#q', {name: 'q', type: 'search', value: q, autofocus: true,
    placeholder: 'Topic, e.g. large language models (empty: strongest overall)'});
  const orgInput = h('input#org', {name: 'org', value: org, placeholder: 'Any organisation',
    list: 'org-suggestions'});
  const sinceInput = h('input#since', {name: 'since', type: 'number', min: 1950, max: 2100, value: since,
    placeholder: 'Any year'});
  const topSelect = h('select#top', {name: 'top'},
      ['20', '50', '100', '200'].map((n) => h('option', {value: n, selected: n === top}, `Top ${n}`)));
  const orgList = h('datalist#org-suggestions',
      ['Google DeepMind', 'OpenAI', 'Anthropic', 'Meta', 'Microsoft Research', 'Stanford University',
        'MIT', 'Carnegie Mellon University', 'Tsinghua University', 'University of Oxford']
          .map((o) => h('option', {value: o})));

  const form = h('form.search-form',
      h('div.field.field-grow', h('label', {for: 'q'}, 'Research topic'), qInput),
      h('div.field', h('label', {for: 'org'}, 'Now at'), orgInput, orgList),
      h('div.field.field-narrow', h('label', {for: 'since'}, 'Active since'), sinceInput),
      h('div.field.field-narrow', h('label', {for: 'top'}, 'Show'), topSelect),
      h('div.field.field-button', h('button.btn.btn-primary', {type: 'submit'}, 'Search')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    navigate('/search' + api.query({q: qInput.value.trim(), org: orgInput.value.trim(),
      since: sinceInput.value, top: topSelect.value === '50' ? '' : topSelect.value}));
  });

  const results = h('div.results#results');
  root.append(h('section.page',
      h('div.page-head', h('h1', 'Search the talent graph'),
          h('p.muted', 'Ranked by topic relevance, citations, venue, authorship and recency. Every score shows ' +
              'its papers and numbers.')),
      form, results));

  results.append(spinner('Ranking researchers…'));
  const started = performance.now();
  let data;
  try {
    data = await api.get('/api/search' + api.query({q, org, since, top}));
  } catch (e) {
    clear(results).append(errorBox(e));
    return;
  }
  const ms = Math.round(performance.now() - started);
  clear(results);
  const rows = data.results || [];
  const what = q ? `“${q}”` : 'overall strength';
  results.append(h('div.results-meta', `${rows.length} researchers for ${what}`,
      org ? ` at ${org}` : '', since ? ` since ${since}` : '', h('span.muted', ` · ${ms} ms`)));
  if (!rows.length) {
    results.append(h('div.empty', 'Nobody matches. Try a broader topic or remove the organisation filter.'));
    return;
  }
  const maxScore = Math.max(...rows.map((r) => Number(r.score) || 0), 1e-9);
  results.append(h('ol.result-list', rows.map((r) => resultRow(r, maxScore))));
}

function resultRow(r, maxScore) {
  const href = r.person_id ? `/people/${r.person_id}` : `/authors/${r.author_id}`;
  const pct = Math.max(2, Math.round(100 * (Number(r.score) || 0) / maxScore));
  const bar = h('span.score-fill');
  bar.style.width = `${pct}%`;  // CSSOM, allowed by the CSP (unlike a style attribute)
  const ex = r.explanation || {};
  const papers = explanationPapers(ex).slice(0, 3);
  const numbers = explanationNumbers(ex);
  return h('li.result', {dataset: {authorId: r.author_id}},
      h('div.result-rank', String(r.rank ?? '')),
      h('div.result-main',
          h('div.result-title',
              h('a.result-name', {href}, r.name || `Author ${r.author_id}`),
              r.org ? h('span.result-org', r.org) : null),
          numbers.length ? h('div.chips', numbers.map(([k, v]) => h('span.chip', h('b', num(v)), ' ', k)))
              : null,
          papers.length ? h('ul.why', papers.map((p) => {
            // Both texts are cut with an ellipsis to fit the card; the tooltip has them whole.
            const title = p.title || p.id || 'Untitled';
            const where = [p.year, p.venue, p.position === 'first' || p.position === 'last'
              ? `${p.position} author` : ''].filter(Boolean).join(' · ');
            return h('li',
              h('span.why-title', {title}, title),
              p.status && p.status !== 'poster' && p.status !== 'unknown' ? h('span.tag', p.status) : null,
              h('span.muted', {title: where}, where),
              p.citations !== undefined || p.citationsUnknown
                ? h('span.why-num', `${citationText(p, num)} cit.`) : null,
              p.contribution !== undefined ? h('span.why-num', `+${num(p.contribution)}`) : null);
          })) : null),
      h('div.result-side',
          h('div.score', h('span.score-num', scoreText(r.score)), h('span.score-bar', bar)),
          addButton(r)));
}

function scoreText(s) {
  const x = Number(s);
  return Number.isFinite(x) ? (Math.abs(x) < 100 ? x.toFixed(2) : num(x)) : '–';
}

function addButton(r) {
  if (r.person_id) return inPipeline(r.person_id, null);
  if (!api.canWrite()) return null;
  const btn = h('button.btn.btn-add', {type: 'button', dataset: {authorId: r.author_id}}, '+ Add to pipeline');
  btn.addEventListener('click', async () => {
    btn.disabled = true;
    btn.textContent = 'Adding…';
    try {
      const person = await api.post('/api/people', {author_id: r.author_id});
      btn.replaceWith(inPipeline(person.id, person.stage));
      toast(`${person.name || r.name} added to the pipeline`, 'ok');
    } catch (e) {
      if (e.status === 409) {
        const m = /person (\d+)/.exec(e.message);
        btn.replaceWith(m ? inPipeline(Number(m[1]), null) : h('span.muted', 'Already in the pipeline'));
        return;
      }
      btn.disabled = false;
      btn.textContent = '+ Add to pipeline';
      toast(e.message, 'error');
    }
  });
  return btn;
}

function inPipeline(personId, stage) {
  return h('a.in-pipeline', {href: `/people/${personId}`}, '✓ In pipeline', stage ? [' · ', stageBadge(stage)] : null);
}
