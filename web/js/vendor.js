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

export const chartJs = () => load('/vendor/chart.umd.min.js', 'Chart');
export const cytoscape = () => load('/vendor/cytoscape.min.js', 'cytoscape');
