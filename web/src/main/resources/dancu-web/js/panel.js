// The frame every chart sits in: a title saying what and when, the filters applied, the chart or its data table,
// marks for withheld cells, the source and version, and downloads (CSV, XLSX, JSON-stat through the API; PNG).
import { el, clear } from './dom.js';
import { url } from './api.js';
import { number, percent, date } from './format.js';
import { echartsFor, instanceOf, loaded } from './charts/loader.js';

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
  return el('table', { class: 'data', dataset: { columns: String(model.columns.length) } },
    el('caption', { text: caption }),
    el('thead', {}, el('tr', {}, model.columns.map((column) => el('th', { scope: 'col', text: column.label })))),
    el('tbody', {}, model.rows.map((row) => el('tr', {}, row.map((value, i) => {
      const type = model.columns[i].type || 'int';
      return el(i === 0 ? 'th' : 'td', { scope: i === 0 ? 'row' : undefined, class: type === 'text' ? '' : 'num', text: cell(value, type, lang) });
    })))));
}

/** The ECharts instance drawn in a chart element (or inside it), if any. */
export function instanceIn(node) {
  const target = node.hasAttribute('_echarts_instance_') ? node : node.querySelector('[_echarts_instance_]');
  return target ? instanceOf(target) : undefined;
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

/** The source in plain words ("CSDL dân cư, số liệu đến 30/11/2026, cập nhật 04/12/2026") and its details (cube, version). */
export function sourceLine(ctx, source) {
  const { t, catalog } = ctx;
  const plain = source.plain || t.sourcePlain(date(source.extractDate || catalog.extractDate), date(catalog.builtAt));
  return { plain, detail: source.detail || '' };
}

function sourceElement(ctx, source, id) {
  const { plain, detail } = sourceLine(ctx, source);
  const more = el('span', { class: 'source-detail', id: `source-${id}`, hidden: true, text: detail });
  const toggle = el('button', { type: 'button', class: 'link source-toggle', 'aria-expanded': 'false', 'aria-controls': `source-${id}`, text: ctx.t.details });
  toggle.addEventListener('click', () => {
    more.hidden = !more.hidden;
    toggle.setAttribute('aria-expanded', String(!more.hidden));
  });
  return el('p', { class: 'source' }, `${ctx.t.source}: ${plain} `, detail ? toggle : null, detail ? ' ' : null, detail ? more : null);
}

/** A PNG of a chart that stands on its own: title, filters, the chart, reference date and source, on white. */
async function exportImage(ctx, chart, model, subtitle, fileName) {
  const ratio = 2;
  const picture = chart.getDataURL({ type: 'png', pixelRatio: ratio, backgroundColor: '#fff' });
  const image = new Image();
  await new Promise((resolve, reject) => {
    image.onload = resolve;
    image.onerror = reject;
    image.src = picture;
  });
  const width = image.width;
  const pad = 16 * ratio;
  const font = 'system-ui, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif';
  const { plain } = sourceLine(ctx, model.source);
  const lines = [
    { text: model.title, size: 15, weight: 'bold', color: '#1d2733' },
    subtitle ? { text: subtitle, size: 12, weight: 'normal', color: '#56616d' } : null,
  ].filter(Boolean);
  const footer = [`${ctx.t.source}: ${plain}`, `${ctx.t.date}: ${date(ctx.refDate)} · ${ctx.areaName()} · ${ctx.t.printedAt(date(new Date().toISOString()))}`];
  const canvas = document.createElement('canvas');
  const measure = canvas.getContext('2d');
  const wrap = (text, size, weight) => {
    measure.font = `${weight} ${size * ratio}px ${font}`;
    const words = String(text).split(' ');
    const out = [];
    let line = '';
    for (const word of words) {
      const next = line ? `${line} ${word}` : word;
      if (measure.measureText(next).width > width - 2 * pad && line) {
        out.push(line);
        line = word;
      }
      else line = next;
    }
    if (line) out.push(line);
    return out;
  };
  const head = lines.flatMap((line) => wrap(line.text, line.size, line.weight).map((text) => ({ ...line, text })));
  const foot = footer.flatMap((text) => wrap(text, 11, 'normal').map((part) => ({ text: part, size: 11, weight: 'normal', color: '#56616d' })));
  const heightOf = (items) => items.reduce((sum, item) => sum + item.size * ratio * 1.45, 0);
  canvas.width = width;
  canvas.height = Math.round(pad + heightOf(head) + pad / 2 + image.height + pad / 2 + heightOf(foot) + pad);
  const g = canvas.getContext('2d');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  let y = pad;
  const write = (item) => {
    g.font = `${item.weight} ${item.size * ratio}px ${font}`;
    g.fillStyle = item.color;
    g.textBaseline = 'top';
    g.fillText(item.text, pad, y);
    y += item.size * ratio * 1.45;
  };
  head.forEach(write);
  y += pad / 2;
  g.drawImage(image, 0, y);
  y += image.height + pad / 2;
  foot.forEach(write);
  const link = el('a', { href: canvas.toDataURL('image/png'), download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
}

/** One menu per card: the data downloads (CSV, XLSX, JSON-stat of the same question) and the chart as a picture. */
function downloadMenu(ctx, spec, model, body, subtitle) {
  const { t } = ctx;
  const items = [];
  // A chart drawn from two answers (natural increase: births and deaths) offers both downloads, each named.
  for (const download of [].concat(model.download || [])) {
    for (const [format, label] of FORMATS.filter(([code]) => !download.formats || download.formats.includes(code))) {
      items.push(el('li', {}, el('a', { class: 'menu-item', href: url(download.path, { ...download.params, format }), download: '', dataset: { format },
        text: download.label ? `${download.label}: ${label}` : label })));
    }
  }
  if (instanceIn(body)) {
    const png = el('button', { type: 'button', class: 'menu-item', dataset: { format: 'png' }, text: t.image });
    png.addEventListener('click', () => exportImage(ctx, instanceIn(body), model, subtitle, `dancu_${spec.id}_${ctx.refDate}.png`).catch((error) => console.warn(error)));
    items.push(el('li', {}, png));
  }
  if (!items.length) return null;
  return el('details', { class: 'download-menu' }, el('summary', { class: 'link', text: t.download }), el('ul', { class: 'menu' }, items));
}

/**
 * spec: {id, size, chart (module with render and needs), load(ctx) → model}. A model: {title, columns, rows, withheld,
 * notes, source, download: {path, params}, applied, ignored, ...chart-specific fields}. load may throw an ApiError or
 * return {message} for a panel with nothing to draw (a cube not published, a role that may not see it).
 */
export function createPanel(spec, ctx) {
  const t = ctx.t;
  const title = el('h3', { class: 'panel-title', id: `title-${spec.id}`, text: t.loading });
  const subtitle = el('p', { class: 'panel-sub' });
  const body = el('div', { class: `chart chart-${spec.id}`, role: 'img', 'aria-labelledby': `title-${spec.id}` });
  const tableBox = el('div', { class: 'table-box', hidden: true });
  const notes = el('div', { class: 'panel-notes' });
  const footer = el('footer', {});
  const element = el('section', { class: `panel panel-${spec.size || 'half'}`, dataset: { panel: spec.id, state: 'loading' }, 'aria-labelledby': `title-${spec.id}` },
    el('header', {}, title, subtitle, spec.controls ? spec.controls(ctx) : null), body, tableBox, notes, footer);

  // Resolved when the panel first shows its chart (or its message): a drawing of its own when ECharts has not arrived.
  let markDrawn;
  const drawn = new Promise((resolve) => { markDrawn = resolve; });

  function showMessage(model) {
    title.textContent = model.title || spec.title || '';
    clear(body).append(el('p', { class: 'message', text: model.message }));
    body.removeAttribute('role');
    element.dataset.state = model.failed ? 'error' : 'message';
    markDrawn();
  }

  /** The chart (drawn by draw), its data table, notes, source and downloads. */
  function show(model, draw) {
    title.textContent = model.title;
    const filters = filterSummary(ctx, model.applied || [], model.ignored || []);
    subtitle.textContent = filters;
    element.dancuDataset = dataset(model);
    clear(body);
    draw(body, model, ctx);
    if (body.getAttribute('role') === 'img') body.setAttribute('aria-label', model.title);
    clear(tableBox).append(table(model, ctx.lang, model.title));
    clear(notes);
    for (const note of [...(model.notes || []), model.withheld ? t.withheld(model.withheld) : null].filter(Boolean)) {
      notes.append(el('p', { class: model.withheld && note.startsWith('x') ? 'withheld-note' : '', text: note }));
    }
    const actions = el('div', { class: 'actions' });
    clear(footer).append(sourceElement(ctx, model.source, spec.id), actions);
    element.dataset.withheld = String(model.withheld || 0);
    const toggle = el('button', { type: 'button', class: 'link table-toggle', 'aria-pressed': String(!tableBox.hidden),
      text: tableBox.hidden ? t.showTable : t.showChart });
    toggle.addEventListener('click', () => {
      const showTable = tableBox.hidden;
      tableBox.hidden = !showTable;
      body.hidden = showTable;
      toggle.textContent = showTable ? t.showChart : t.showTable;
      toggle.setAttribute('aria-pressed', String(showTable));
      if (!showTable) instanceIn(body)?.resize();
    });
    if (!spec.chart.isTable) actions.append(toggle);
    const menu = downloadMenu(ctx, spec, model, body, filters);
    if (menu) actions.append(menu);
    markDrawn();
    // For the benchmark: when each key figure is on screen (the slowest of them is "KPI numbers visible").
    if (spec.size === 'kpi' && !performance.getEntriesByName(`dancu-kpi-${spec.id}`).length) performance.mark(`dancu-kpi-${spec.id}`);
  }

  async function load() {
    const needs = spec.chart.needs === undefined ? 'common' : spec.chart.needs;
    const library = echartsFor(needs);
    let model;
    try {
      model = await spec.load(ctx);
    }
    catch (error) {
      model = { message: error.message, detail: error.detail, failed: error.status === undefined || error.status >= 500 || error.status === 400 };
      if (error.status === undefined) console.error(error);
    }
    if (model.message) {
      showMessage(model);
      return element;
    }
    let sketched = false;
    if (needs && spec.chart.sketch && !loaded()) {
      // The answers are in but the chart library is not: the page draws the chart now, ECharts when it arrives.
      show(model, spec.chart.sketch);
      element.dataset.state = 'drawn';
      sketched = true;
    }
    try {
      await library;
    }
    catch (error) {
      // Without the library (a lost link), a drawing stays: the reader keeps the chart, without its tooltips.
      if (!sketched) {
        console.error(error);
        showMessage({ message: error.message, failed: true });
        return element;
      }
      console.warn(error);
      element.dataset.state = 'ready';
      return element;
    }
    if (ctx.stale?.() && sketched) return element;
    show(model, spec.chart.render);
    element.dataset.state = 'ready';
    return element;
  }

  return { element, load, drawn };
}
