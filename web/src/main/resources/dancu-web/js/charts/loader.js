// ECharts is loaded only by the pages that draw with it, and only the build they need: the "common" build (bars,
// lines, scatter, legend, tooltip, mark lines, dataset: 210 KB gzipped); the full build (321 KB) only for a chart that
// says it needs it (none does now: the map is SVG drawn by the page). The overview draws its sparklines itself
// (spark.js) and loads no chart library at all.
const BASE = '/webjars/echarts/5.3.1/dist/';
const FILES = { common: 'echarts.common.min.js', full: 'echarts.min.js' };
const loading = new Map();
/** Every ECharts build loaded in this page (a page may load common, then full): instances are looked up in each. */
export const libraries = [];

function inject(build) {
  if (!loading.has(build)) {
    loading.set(build, new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = BASE + FILES[build];
      script.async = true;
      script.dataset.echarts = build;
      script.onload = () => {
        libraries.push(window.echarts);
        window.echarts.build = build;
        resolve(window.echarts);
      };
      script.onerror = () => reject(new Error(`ECharts (${build}) could not be loaded`));
      document.head.append(script);
    }));
  }
  return loading.get(build);
}

/** The ECharts build a chart module needs ('common' or 'full'); resolves to the library (window.echarts). */
export function echartsFor(need) {
  if (!need) return Promise.resolve(null);
  if (need === 'common' && loading.has('full')) return inject('full');
  return inject(need);
}

/** Starts loading early (from the page's name, before the API has answered): the map needs the full build. */
export function prefetchFor(page) {
  if (['structure', 'communes', 'change', 'd06', 'quality', 'sql'].includes(page)) inject('common');
}

/** The ECharts instance drawn in a node, whichever build drew it. */
export function instanceOf(node) {
  for (const library of libraries) {
    const instance = library.getInstanceByDom(node);
    if (instance) return instance;
  }
  return undefined;
}

export function disposeIn(root) {
  for (const node of root.querySelectorAll('[_echarts_instance_]')) instanceOf(node)?.dispose();
}

export function resizeAll() {
  for (const node of document.querySelectorAll('[_echarts_instance_]')) instanceOf(node)?.resize();
}
