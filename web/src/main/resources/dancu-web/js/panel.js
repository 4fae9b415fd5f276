// The frame every chart sits in: a title saying what and when, the filters applied, the chart or its data table,
// marks for withheld cells, the source and version, and downloads (CSV, XLSX, JSON-stat through the API; PNG).
import { el, clear } from './dom.js';
import { url } from './api.js';
import { number, percent } from './format.js';

const FORMATS = [['csv', 'CSV'], ['xlsx', 'XLSX'], ['json-stat', 'JSON-stat']];

/** A cell as the data table writes it. */
export function cell(value, type, lang) {
  if (value === null || value === undefined) return 'x';
  if (value === '') return '—';
  if (type === 'text') return String(value);
  if (type === 'pct') return percent(value, lang, 1);
  if (type === 'dec1') return number(value, lang, 1);
  if (type === 'dec2') return number(value, lang, 2);
  return number(value, lang, 0);
}

/** The ECharts dataset of a model: its columns as dimensions (key, label) and its rows. */
export function dataset(model) {
  return { dimensions: model.columns.map((column) => ({ name: column.key, displayName: column.label })), source: model.rows };
}

export function table(model, lang, caption) {
  return el('table', { class: 'data' },
    el('caption', { text: caption }),
    el('thead', {}, el('tr', {}, model.columns.map((column) => el('th', { scope: 'col', text: column.label })))),
    el('tbody', {}, model.rows.map((row) => el('tr', {}, row.map((value, i) => {
      const type = model.columns[i].type || 'int';
      return el(i === 0 ? 'th' : 'td', { scope: i === 0 ? 'row' : undefined, class: type === 'text' ? '' : 'num', text: cell(value, type, lang) });
    })))));
}

/** The ECharts instance drawn in a chart element (or inside it, as a KPI's sparkline), if any. */
export function instanceIn(node) {
  const target = node.hasAttribute('_echarts_instance_') ? node : node.querySelector('[_echarts_instance_]');
  return target && window.echarts ? window.echarts.getInstanceByDom(target) : undefined;
}

function filterSummary(ctx, applied, ignored) {
  const parts = [];
  const t = ctx.t;
  const names = applied.map((key) => ctx.filterLabel(key)).filter(Boolean);
  if (names.length) parts.push(`${t.filtersApplied}: ${names.join('; ')}`);
  const skipped = ignored.filter((key) => ctx.filterLabel(key)).map((key) => t[key].toLowerCase());
  if (skipped.length) parts.push(`${t.filtersIgnored}: ${skipped.join(', ')}`);
  return parts.join(' · ');
}

/**
 * spec: {id, size, chart (module with render), load(ctx) → model}. A model: {title, columns, rows, withheld, notes,
 * source, download: {path, params}, applied, ignored, ...chart-specific fields}. load may throw an ApiError or return
 * {message} for a panel with nothing to draw (a cube not published, a role that may not see it).
 */
export function createPanel(spec, ctx) {
  const t = ctx.t;
  const title = el('h3', { class: 'panel-title', id: `title-${spec.id}`, text: t.loading });
  const subtitle = el('p', { class: 'panel-sub' });
  const body = el('div', { class: `chart chart-${spec.id}`, role: 'img', 'aria-labelledby': `title-${spec.id}` });
  const tableBox = el('div', { class: 'table-box', hidden: true });
  const notes = el('div', { class: 'panel-notes' });
  const source = el('p', { class: 'source' });
  const actions = el('div', { class: 'actions' });
  const element = el('section', { class: `panel panel-${spec.size || 'half'}`, dataset: { panel: spec.id, state: 'loading' }, 'aria-labelledby': `title-${spec.id}` },
    el('header', {}, title, subtitle, spec.controls ? spec.controls(ctx) : null), body, tableBox, notes, el('footer', {}, source, actions));

  async function load() {
    let model;
    try {
      model = await spec.load(ctx);
    }
    catch (error) {
      model = { message: error.message, failed: error.status === undefined || error.status >= 500 || error.status === 400 };
      if (error.status === undefined) console.error(error);
    }
    if (model.message) {
      title.textContent = model.title || spec.title || '';
      clear(body).append(el('p', { class: 'message', text: model.message }));
      body.removeAttribute('role');
      element.dataset.state = model.failed ? 'error' : 'message';
      return element;
    }
    title.textContent = model.title;
    subtitle.textContent = filterSummary(ctx, model.applied || [], model.ignored || []);
    spec.chart.render(body, model, ctx);
    body.setAttribute('aria-label', model.title);
    clear(tableBox).append(table(model, ctx.lang, model.title));
    for (const note of [...(model.notes || []), model.withheld ? t.withheld(model.withheld) : null].filter(Boolean)) {
      notes.append(el('p', { class: model.withheld && note.startsWith('x') ? 'withheld-note' : '', text: note }));
    }
    source.textContent = `${t.source}: ${model.source}`;
    element.dataset.withheld = String(model.withheld || 0);
    const toggle = el('button', { type: 'button', class: 'link', 'aria-pressed': 'false', text: t.showTable });
    toggle.addEventListener('click', () => {
      const showTable = tableBox.hidden;
      tableBox.hidden = !showTable;
      body.hidden = showTable;
      toggle.textContent = showTable ? t.showChart : t.showTable;
      toggle.setAttribute('aria-pressed', String(showTable));
      if (!showTable) instanceIn(body)?.resize();
    });
    if (!spec.chart.isTable) actions.append(toggle);
    // A chart drawn from two answers (natural increase: births and deaths) offers both downloads, each named.
    for (const download of [].concat(model.download || [])) {
      const links = FORMATS.map(([format, label]) => el('a', { class: 'link', href: url(download.path, { ...download.params, format }), download: '',
        dataset: { format }, text: label }));
      actions.append(...(download.label ? [el('span', { class: 'download-group' }, `${download.label}:`, ...links)] : links));
    }
    if (instanceIn(body)) {
      const png = el('button', { type: 'button', class: 'link', text: t.image });
      png.addEventListener('click', () => {
        const chart = instanceIn(body);
        const link = el('a', { href: chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' }), download: `dancu_${spec.id}_${ctx.refDate}.png` });
        document.body.append(link);
        link.click();
        link.remove();
      });
      actions.append(png);
    }
    element.dataset.state = 'ready';
    return element;
  }

  return { element, load };
}
