// Loads the npm libraries (copied into /vendor by the build; no CDN) only on the pages that draw with
// them, so the search and board pages stay light. Each script is fetched once.

const loaded = new Map();

function load(src, globalName) {
  if (window[globalName]) return Promise.resolve(window[globalName]);
  if (!loaded.has(src)) {
    loaded.set(src, new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = src;
      s.onload = () => (window[globalName] ? resolve(window[globalName])
          : reject(new Error(`${src} loaded but defined no ${globalName}`)));
      s.onerror = () => {
        loaded.delete(src);
        reject(new Error(`Could not load ${src}`));
      };
      document.head.append(s);
    }));
  }
  return loaded.get(src);
}

// d3-geo extends the `d3` global that d3-array defines, so it is loaded after it and checked by its own name.
function loadAfter(src, ready) {
  if (ready()) return Promise.resolve();
  if (!loaded.has(src)) {
    loaded.set(src, new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = src;
      s.onload = () => (ready() ? resolve() : reject(new Error(`${src} loaded but defined nothing`)));
      s.onerror = () => {
        loaded.delete(src);
        reject(new Error(`Could not load ${src}`));
      };
      document.head.append(s);
    }));
  }
  return loaded.get(src);
}

export const chartJs = () => load('/vendor/chart.umd.min.js', 'Chart');
export const cytoscape = () => load('/vendor/cytoscape.min.js', 'cytoscape');

// The offline world map: d3-geo (projections, paths) on d3-array, topojson-client, and world-atlas's
// country shapes (Natural Earth 1:110m) — all from web/node_modules, no tile server.
export async function worldMap() {
  const [, topojson, atlas] = await Promise.all([
    load('/vendor/d3-array.min.js', 'd3').then(() => loadAfter('/vendor/d3-geo.min.js', () => !!window.d3.geoPath)),
    load('/vendor/topojson-client.min.js', 'topojson'),
    fetch('/vendor/countries-110m.json').then((r) => {
      if (!r.ok) throw new Error(`Could not load /vendor/countries-110m.json (${r.status})`);
      return r.json();
    }),
  ]);
  return {d3: window.d3, topojson, countries: topojson.feature(atlas, atlas.objects.countries)};
}
