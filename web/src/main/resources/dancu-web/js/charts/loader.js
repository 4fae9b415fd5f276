// ECharts is loaded only by the pages that draw with it, and only the parts they draw with: vendor/echarts.dancu.min.js,
// built from web/bundle/echarts.js (bars, lines, scatter, grid, legend, tooltip, mark lines and areas, dataset, aria,
// label layout, the canvas renderer: 179 KB gzipped where ECharts' common build is 215 KB). It lives beside the app's
// files under the content-addressed /app/<hash>/ path, so the browser keeps it a year. The overview draws its
// sparklines itself (spark.js) and loads no chart library at all; the map is SVG drawn by the page.
const ROOT = import.meta.url.replace(/(\/app\/[^/]+\/).*$/, '$1');
export const ECHARTS = `${ROOT}vendor/echarts.dancu.min.js`;
let loading;
/** Every ECharts build loaded in this page: instances are looked up in each. */
export const libraries = [];

function inject() {
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = ECHARTS;
      script.async = true;
      script.dataset.echarts = 'dancu';
      script.onload = () => {
        libraries.push(window.echarts);
        resolve(window.echarts);
      };
      script.onerror = () => reject(new Error('ECharts could not be loaded'));
      document.head.append(script);
    });
  }
  return loading;
}

/** Whether ECharts has arrived (a chart can then be drawn with it at once). */
export function loaded() {
  return libraries.length > 0;
}

/** ECharts when a chart module needs it (need: any truthy value; falsy: a chart drawn without it); resolves to window.echarts. */
export function echartsFor(need) {
  return need ? inject() : Promise.resolve(null);
}

/** Starts loading early (from the page's name, before the API has answered) on the pages that draw with ECharts. */
export function prefetchFor(page) {
  if (['structure', 'communes', 'change', 'forecast', 'd06', 'quality', 'sql'].includes(page)) inject();
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
