// Reads the ranker's explanation and the graph profile (scoring::ToJson) tolerantly: the pages show
// whatever papers and numbers the server sends, under the names it uses, without hard-coding every field.

const kPaperKeys = ['top_papers', 'papers', 'contributing_papers', 'works', 'top_works'];

// The explanation's paper list, normalised to {id, title, year, venue, citations, contribution}.
export function explanationPapers(ex) {
  if (!ex || typeof ex !== 'object') return [];
  const list = kPaperKeys.map((k) => ex[k]).find(Array.isArray) || [];
  return list.map(normalisePaper);
}

export function normalisePaper(p) {
  if (typeof p === 'string') return {title: p};
  return {
    id: p.id ?? p.work_id ?? p.openalex_id,
    title: p.title ?? p.display_name,
    year: p.year ?? p.publication_year,
    venue: p.venue ?? p.source,
    citations: p.citations ?? p.cited_by_count,
    // The server sends citations: null when no source gave a count: that is "unknown", not 0.
    citationsUnknown: p.citations === null,
    citationsSource: p.citations_source,
    contribution: p.contribution ?? p.score ?? p.weight,
    position: p.position ?? p.author_position,
    status: p.status,
  };
}

// A paper's citation count as text: "unknown" when no source gave one (never 0 or a dash).
export function citationText(p, fmt) {
  if (p.citationsUnknown) return 'unknown';
  return p.citations === undefined ? '–' : fmt(p.citations);
}

// The numbers a recruiter reads first, in this order, with their labels; counts of rare distinctions
// (orals, awards…) only when non-zero. Keys follow scoring::ToJson(AuthorMetrics).
const kHeadline = [
  ['citations', 'citations'], ['h_index', 'h-index'], ['recent_citations', 'cit. last 3 y'],
  ['top_venue_papers', 'top-venue papers', true], ['orals', 'orals', true], ['spotlights', 'spotlights', true],
  ['awards', 'awards', true], ['first_author', 'first-author', true], ['last_author', 'last-author', true],
  ['rising', 'rising'], ['matched_works', 'matching papers', true],
];

// The explanation's numbers as [label, value] pairs: the headline metrics first, then any other plain number
// the ranker adds (nested objects flattened one level: "metrics": {"h_index": 3}).
export function explanationNumbers(ex, limit = 8) {
  const flat = {};
  const visit = (obj, depth) => {
    for (const [k, v] of Object.entries(obj || {})) {
      if (typeof v === 'number' && Number.isFinite(v)) flat[k] ??= v;
      else if (v && typeof v === 'object' && !Array.isArray(v) && depth === 0) visit(v, 1);
    }
  };
  if (ex && typeof ex === 'object') visit(ex, 0);
  const out = [];
  for (const [key, text, onlyIfSet] of kHeadline) {
    if (flat[key] === undefined || (onlyIfSet && !flat[key])) continue;
    out.push([text, flat[key]]);
  }
  return out.slice(0, limit);
}

// First present key among names, for profile fields whose exact name the scoring code owns.
export function pick(obj, ...names) {
  if (!obj) return undefined;
  for (const n of names) if (obj[n] !== undefined && obj[n] !== null) return obj[n];
  return undefined;
}
