// The first drawing of a chart, before ECharts has arrived: a plain SVG drawn by the page from the same model, with
// the same colours, values, target lines, partial-period marks and "x" for withheld cells. On a slow link the chart
// library is most of the bytes of a first visit (about 179 KB gzipped: 3.6 s at 400 kbit/s); the reader sees every
// chart as soon as the answers are in, and the interactive chart (tooltips, legend, PNG) replaces the drawing when
// the library has loaded. Nothing here is interactive, and nothing here needs the library.
import { formatValue, niceCeiling, PALETTE, SEX_COLOURS, TARGET_COLOR, narrow } from './common.js';

const SVG = 'http://www.w3.org/2000/svg';
const FONT = 'system-ui, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif';
const AXIS = '#6e7781';
const GRID = '#eef1f4';

function node(name, attributes = {}, text) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) if (value !== undefined && value !== null) element.setAttribute(key, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

function frame(element) {
  const width = Math.max(240, element.clientWidth || 600);
  const height = Math.max(160, element.clientHeight || 300);
  const svg = node('svg', { class: 'sketch', width, height, viewBox: `0 0 ${width} ${height}`, 'font-family': FONT, 'font-size': narrow() ? 10.5 : 12, 'aria-hidden': 'true' });
  return { svg, width, height };
}

/** A label cut to a width (in characters of about 0.6 em), with an ellipsis. */
function fit(text, pixels, size) {
  const chars = Math.max(3, Math.floor(pixels / (size * 0.58)));
  const value = String(text);
  return value.length <= chars ? value : `${value.slice(0, chars - 1)}…`;
}

function ticks(max, count = 4) {
  const step = niceCeiling(max / count);
  const values = [];
  for (let v = 0; v <= max + step / 2 && values.length < 12; v += step) values.push(v);
  return values;
}

function legend(svg, items, width, y) {
  let x = 8;
  for (const item of items) {
    svg.append(node('rect', { x, y: y - 9, width: 12, height: 10, rx: 2, fill: item.colour }));
    const label = fit(item.label, width / items.length - 24, 12);
    svg.append(node('text', { x: x + 16, y, fill: '#1d2733' }, label));
    x += 16 + label.length * 7 + 16;
  }
}

/** The room the value axis' labels need on the left. */
function axisRoom(labels) {
  return 10 + 6.6 * Math.max(3, ...labels.map((label) => String(label).length));
}

function colourOf(key, index) {
  return SEX_COLOURS[key] || PALETTE[index % PALETTE.length];
}

/** Bars by category (charts/bars.js): grouped or stacked, horizontal or vertical, with target lines and "x" marks. */
export function bars(element, model, ctx) {
  const spec = model.bars;
  const keys = model.columns.map((column) => column.key);
  const series = spec.series.map((item, i) => ({ ...item, index: keys.indexOf(item.key), colour: colourOf(item.key, i), label: model.columns[keys.indexOf(item.key)].label }));
  const stacked = series.some((item) => item.stack);
  const format = formatValue(ctx.lang, spec.type);
  const { svg, width, height } = frame(element);
  const size = narrow() ? 10.5 : 12;
  const top = series.length > 1 ? 26 : 10;
  const total = (row) => series.reduce((sum, item) => sum + (typeof row[item.index] === 'number' ? row[item.index] : 0), 0);
  const largest = Math.max(1, ...model.rows.map((row) => (stacked ? total(row) : Math.max(0, ...series.map((item) => row[item.index] || 0)))),
    ...(spec.targets || []).map((target) => target.value || 0));
  const max = spec.type === 'pct' ? 100 : niceCeiling(largest);
  if (series.length > 1) legend(svg, series, width, 14);
  const showLabels = spec.labels !== false && !stacked && model.rows.length * series.length <= (narrow() ? 12 : 24);
  const n = Math.max(1, model.rows.length);
  if (spec.horizontal) {
    const labelWidth = Math.min(narrow() ? 90 : 150, width * 0.36);
    const left = labelWidth + 8;
    const right = showLabels ? 56 : 16;
    const bottom = 22;
    const plot = width - left - right;
    const band = (height - top - bottom) / n;
    const x = (value) => left + (plot * value) / max;
    for (const tick of ticks(max)) {
      svg.append(node('line', { x1: x(tick), x2: x(tick), y1: top, y2: height - bottom, stroke: GRID }));
      svg.append(node('text', { x: x(tick), y: height - 6, 'text-anchor': 'middle', fill: AXIS }, format(tick)));
    }
    model.rows.forEach((row, r) => {
      const y0 = top + r * band;
      const strong = row[0] === spec.highlight;
      svg.append(node('text', { x: labelWidth, y: y0 + band / 2 + 4, 'text-anchor': 'end', fill: strong ? TARGET_COLOR : '#1d2733', 'font-weight': strong ? 'bold' : undefined },
        fit(row[0], labelWidth, size)));
      let offset = 0;
      const thickness = stacked ? band * 0.6 : (band * 0.7) / series.length;
      series.forEach((item, s) => {
        const value = row[item.index];
        const y = stacked ? y0 + band * 0.2 : y0 + band * 0.15 + s * thickness;
        if (value === null) {
          svg.append(node('text', { x: x(offset) + 3, y: y + thickness / 2 + 4, fill: TARGET_COLOR, 'font-weight': 'bold' }, 'x'));
          return;
        }
        if (typeof value !== 'number') return;
        const start = stacked ? offset : 0;
        svg.append(node('rect', { class: 'bar', x: x(start), y, width: Math.max(0, x(start + value) - x(start)), height: Math.max(1, thickness - 1), fill: item.colour }));
        if (showLabels) svg.append(node('text', { x: x(value) + 4, y: y + thickness / 2 + 4, fill: '#1d2733', 'font-size': 11 }, format(value)));
        if (stacked) offset += value;
      });
    });
    for (const target of (spec.targets || []).filter((t) => t.value !== null && t.value !== undefined)) {
      svg.append(node('line', { x1: x(target.value), x2: x(target.value), y1: top, y2: height - bottom, stroke: TARGET_COLOR, 'stroke-width': 2, 'stroke-dasharray': '6 4' }));
    }
  }
  else {
    const left = axisRoom(ticks(max).map(format));
    const bottom = 40;
    const plot = height - top - bottom;
    const band = (width - left - 12) / n;
    const y = (value) => top + plot - (plot * value) / max;
    for (const tick of ticks(max)) {
      svg.append(node('line', { x1: left, x2: width - 12, y1: y(tick), y2: y(tick), stroke: GRID }));
      svg.append(node('text', { x: left - 6, y: y(tick) + 4, 'text-anchor': 'end', fill: AXIS }, format(tick)));
    }
    const every = Math.max(1, Math.ceil(n / Math.max(1, Math.floor((width - left) / 56))));
    model.rows.forEach((row, r) => {
      const x0 = left + r * band;
      if (r % every === 0) {
        svg.append(node('text', { x: x0 + band / 2, y: height - bottom + 16, 'text-anchor': 'middle', fill: row[0] === spec.highlight ? TARGET_COLOR : '#1d2733' },
          fit(row[0], band * every, size)));
      }
      let offset = 0;
      const thickness = stacked ? band * 0.6 : (band * 0.7) / series.length;
      series.forEach((item, s) => {
        const value = row[item.index];
        const x = stacked ? x0 + band * 0.2 : x0 + band * 0.15 + s * thickness;
        if (value === null) {
          svg.append(node('text', { x: x + thickness / 2, y: y(offset) - 4, 'text-anchor': 'middle', fill: TARGET_COLOR, 'font-weight': 'bold' }, 'x'));
          return;
        }
        if (typeof value !== 'number') return;
        const start = stacked ? offset : 0;
        svg.append(node('rect', { class: 'bar', x, y: y(start + value), width: Math.max(1, thickness - 1), height: Math.max(0, y(start) - y(start + value)), fill: item.colour }));
        if (showLabels) svg.append(node('text', { x: x + thickness / 2, y: y(value) - 4, 'text-anchor': 'middle', fill: '#1d2733', 'font-size': 11 }, format(value)));
        if (stacked) offset += value;
      });
    });
    for (const target of (spec.targets || []).filter((t) => t.value !== null && t.value !== undefined)) {
      svg.append(node('line', { x1: left, x2: width - 12, y1: y(target.value), y2: y(target.value), stroke: TARGET_COLOR, 'stroke-width': 2, 'stroke-dasharray': '6 4' }));
      svg.append(node('text', { x: width - 14, y: y(target.value) - 4, 'text-anchor': 'end', fill: TARGET_COLOR }, `${target.label} ${formatValue(ctx.lang, 'pct')(target.value)}`));
    }
  }
  element.append(svg);
  return svg;
}

/** A trend (charts/lines.js): lines or bars per measure over periods, partial periods marked, targets, "x" marks. */
export function lines(element, model, ctx) {
  const spec = model.lines;
  const keys = model.columns.map((column) => column.key);
  const series = spec.series.map((item, i) => ({ ...item, index: keys.indexOf(item.key), colour: PALETTE[i % PALETTE.length], label: model.columns[keys.indexOf(item.key)].label }));
  const format = formatValue(ctx.lang, spec.type);
  const { svg, width, height } = frame(element);
  const partial = new Set((spec.partial || []).map((mark) => mark.category));
  const isPartial = (r) => (model.partial ? !!model.partial[r] : partial.has(model.rows[r][0]));
  const values = model.rows.flatMap((row) => series.map((item) => row[item.index])).filter((v) => typeof v === 'number');
  const targets = (spec.targets || []).filter((t) => t.value !== null && t.value !== undefined);
  const high = Math.max(1, ...values, ...targets.map((t) => t.value));
  let low = 0;
  if (spec.scale && values.length) {
    const least = Math.min(...values);
    const step = niceCeiling(Math.max(1e-9, (high - least) / 4));
    low = Math.max(0, Math.floor(least / step) * step);
  }
  const max = spec.type === 'pct' ? 100 : (spec.scale ? low + niceCeiling(high - low) : niceCeiling(high));
  legend(svg, series, width, 14);
  const left = axisRoom([0, 1, 2, 3, 4].map((i) => format(low + ((max - low) / 4) * i)));
  const top = 28;
  const bottom = 28;
  const plotW = width - left - 14;
  const plotH = height - top - bottom;
  const n = Math.max(1, model.rows.length);
  const band = plotW / n;
  const cx = (r) => left + band * (r + 0.5);
  const y = (value) => top + plotH - (plotH * (value - low)) / Math.max(1e-9, max - low);
  const step = (max - low) / 4;
  for (let i = 0; i <= 4; i++) {
    const tick = low + step * i;
    svg.append(node('line', { x1: left, x2: width - 14, y1: y(tick), y2: y(tick), stroke: GRID }));
    svg.append(node('text', { x: left - 6, y: y(tick) + 4, 'text-anchor': 'end', fill: AXIS }, format(tick)));
  }
  const short = new Map((spec.partial || []).map((mark) => [mark.category, mark.category.replace(` (${mark.label})`, '')]));
  const every = Math.max(1, Math.ceil(n / Math.max(1, Math.floor(plotW / 52))));
  model.rows.forEach((row, r) => {
    if (isPartial(r)) {
      svg.append(node('rect', { x: left + band * r, y: top, width: band, height: plotH, fill: 'rgba(120,120,120,0.10)', stroke: '#8a8f96', 'stroke-dasharray': '3 2' }));
    }
    if (r % every === 0) {
      const name = spec.axisLabel ? spec.axisLabel(row[0]) : (short.get(row[0]) ?? row[0]);
      svg.append(node('text', { x: cx(r), y: height - 8, 'text-anchor': 'middle', fill: '#1d2733' }, fit(name, band * every, 12)));
    }
  });
  const barSeries = series.filter((item) => item.type === 'bar');
  series.forEach((item) => {
    if (item.type === 'bar') {
      const thickness = (band * 0.7) / barSeries.length;
      const slot = barSeries.indexOf(item);
      model.rows.forEach((row, r) => {
        const value = row[item.index];
        const x = left + band * r + band * 0.15 + slot * thickness;
        if (value === null) {
          svg.append(node('text', { x: x + thickness / 2, y: y(low) - 4, 'text-anchor': 'middle', fill: TARGET_COLOR, 'font-weight': 'bold' }, 'x'));
        }
        else if (typeof value === 'number') {
          svg.append(node('rect', { class: 'bar', x, y: y(value), width: Math.max(1, thickness - 1), height: Math.max(0, y(low) - y(value)), fill: item.colour,
            'fill-opacity': isPartial(r) ? 0.45 : 1 }));
        }
      });
      return;
    }
    let path = '';
    model.rows.forEach((row, r) => {
      const value = row[item.index];
      if (typeof value !== 'number') {
        path += ' ';
        if (value === null) svg.append(node('text', { x: cx(r), y: y(low) - 4, 'text-anchor': 'middle', fill: TARGET_COLOR, 'font-weight': 'bold' }, 'x'));
        return;
      }
      path += `${path === '' || path.endsWith(' ') ? 'M' : 'L'}${cx(r).toFixed(1)},${y(value).toFixed(1)}`;
      if (n <= 36) svg.append(node('circle', { cx: cx(r), cy: y(value), r: 2.5, fill: item.colour }));
    });
    svg.append(node('path', { d: path.trim().replace(/ +/g, ' '), fill: 'none', stroke: item.colour, 'stroke-width': 2 }));
  });
  for (const target of targets) {
    svg.append(node('line', { x1: left, x2: width - 14, y1: y(target.value), y2: y(target.value), stroke: TARGET_COLOR, 'stroke-width': 2, 'stroke-dasharray': '6 4' }));
    svg.append(node('text', { x: width - 16, y: y(target.value) - 4, 'text-anchor': 'end', fill: TARGET_COLOR }, `${target.label} ${formatValue(ctx.lang, 'pct')(target.value)}`));
  }
  element.append(svg);
  return svg;
}

/** The age-sex pyramid (charts/pyramid.js): males left, females right, youngest at the bottom, "x" marks. */
export function pyramid(element, model, ctx) {
  const format = formatValue(ctx.lang);
  const { svg, width, height } = frame(element);
  const max = niceCeiling(Math.max(1, ...model.rows.flatMap((row) => row.slice(1).filter((v) => typeof v === 'number'))));
  legend(svg, [{ label: model.columns[1].label, colour: SEX_COLOURS.M }, { label: model.columns[2].label, colour: SEX_COLOURS.F }], width, 14);
  const left = 58;
  const right = 24;
  const top = narrow() ? 44 : 32;
  const bottom = 30;
  const middle = left + (width - left - right) / 2;
  const half = (width - left - right) / 2;
  const n = Math.max(1, model.rows.length);
  const band = (height - top - bottom) / n;
  for (const tick of ticks(max, 2)) {
    for (const side of [-1, 1]) {
      const x = middle + side * (half * tick) / max;
      svg.append(node('line', { x1: x, x2: x, y1: top, y2: height - bottom, stroke: GRID }));
      if (tick > 0 || side > 0) svg.append(node('text', { x, y: height - 10, 'text-anchor': 'middle', fill: AXIS }, format(tick)));
    }
  }
  const every = Math.max(1, Math.ceil(n / Math.max(1, Math.floor((height - top - bottom) / 14))));
  model.rows.forEach((row, r) => {
    const y0 = height - bottom - (r + 1) * band;
    if (r % every === 0) {
      svg.append(node('text', { x: left - 4, y: y0 + band / 2 + 4, 'text-anchor': 'end', fill: '#1d2733' },
        String(row[0]).replace(/ tuổi trở lên| and over/, '+').replace(/ tuổi$/, '')));
    }
    [[1, -1, SEX_COLOURS.M], [2, 1, SEX_COLOURS.F]].forEach(([index, side, colour]) => {
      const value = row[index];
      if (value === null) {
        svg.append(node('text', { x: middle + side * 8, y: y0 + band / 2 + 4, 'text-anchor': 'middle', fill: TARGET_COLOR, 'font-weight': 'bold' }, 'x'));
        return;
      }
      if (typeof value !== 'number') return;
      const length = (half * value) / max;
      svg.append(node('rect', { class: 'bar', x: side < 0 ? middle - length : middle, y: y0 + band * 0.06, width: length, height: Math.max(1, band * 0.88), fill: colour }));
    });
  });
  element.append(svg);
  element.dataset.total = String(model.rows.reduce((sum, row) => sum + (row[1] || 0) + (row[2] || 0), 0));
  return svg;
}
