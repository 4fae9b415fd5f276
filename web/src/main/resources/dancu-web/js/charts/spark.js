// A sparkline drawn as SVG by the page itself (no chart library: the overview's key figures appear before any chart
// library could arrive on a slow link). It shows its scale: the top and bottom of its value axis, the first and last
// periods, the lowest and highest points; a line's axis spans at least a minimum range (10 points for a share, 10 %
// of the largest value for a count), so that a change of 0.2 points looks like one; bars start at zero.
// spec: {kind: line|bar, points: [{label, tick, value, partial}], type: int|pct|dec1, target, format}; tick (optional) is
// the period's short name under the axis ("2026" for "2026 (T1–T11/2026)": the months would run into the next bar).
import { partialStyle, PALETTE, TARGET_COLOR } from './common.js';

const NS = 'http://www.w3.org/2000/svg';
const HEIGHT = 78;
const LEFT = 44;
const RIGHT = 8;
const TOP = 8;
const BOTTOM = 18;

function node(tag, attributes = {}, text) {
  const element = document.createElementNS(NS, tag);
  for (const [key, value] of Object.entries(attributes)) if (value !== undefined && value !== null) element.setAttribute(key, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/** The value axis: [low, high] of a line spanning at least the minimum range; bars from 0. */
export function scale(values, { kind, type, target }) {
  const known = values.filter((v) => v !== null && v !== undefined);
  if (target !== null && target !== undefined) known.push(target);
  if (!known.length) return [0, 1];
  let low = Math.min(...known);
  let high = Math.max(...known);
  if (kind === 'bar') return [Math.min(0, low), high > 0 ? high : 1];
  const minimum = type === 'pct' ? 10 : Math.max(1, Math.abs(high) * 0.1);
  if (high - low < minimum) {
    const middle = (high + low) / 2;
    low = middle - minimum / 2;
    high = middle + minimum / 2;
  }
  if (type === 'pct') {
    if (high > 100) [low, high] = [low - (high - 100), 100];
    if (low < 0) [low, high] = [0, high - low];
  }
  return [low, high];
}

export function draw(box, spec) {
  const width = Math.max(160, Math.round(box.clientWidth || box.parentElement?.clientWidth || 260));
  const points = spec.points;
  const [low, high] = scale(points.map((p) => p.value), spec);
  const plotWidth = width - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const y = (value) => TOP + plotHeight * (1 - (value - low) / (high - low || 1));
  const slot = plotWidth / Math.max(1, points.length);
  const x = (i) => (spec.kind === 'bar' ? LEFT + slot * (i + 0.5) : LEFT + (points.length > 1 ? (plotWidth * i) / (points.length - 1) : plotWidth / 2));
  const svg = node('svg', { viewBox: `0 0 ${width} ${HEIGHT}`, width, height: HEIGHT, class: 'spark-svg', 'aria-hidden': 'true', focusable: 'false' });
  // The scale: top and bottom of the value axis, with light rules.
  for (const value of [high, low]) {
    svg.append(node('line', { x1: LEFT, x2: width - RIGHT, y1: y(value), y2: y(value), stroke: '#d9dfe6', 'stroke-width': 1 }));
    svg.append(node('text', { x: LEFT - 4, y: y(value) + 3.5, 'text-anchor': 'end', class: 'spark-tick' }, spec.format(value)));
  }
  if (spec.target !== null && spec.target !== undefined) {
    svg.append(node('line', { x1: LEFT, x2: width - RIGHT, y1: y(spec.target), y2: y(spec.target), stroke: TARGET_COLOR, 'stroke-width': 1.5, 'stroke-dasharray': '4 3' }));
  }
  const known = points.map((p, i) => ({ ...p, i })).filter((p) => p.value !== null && p.value !== undefined);
  if (spec.kind === 'bar') {
    const zero = y(Math.max(low, 0));
    const barWidth = Math.max(2, Math.min(22, slot * 0.7));
    for (const p of known) {
      const top = Math.min(y(p.value), zero);
      const style = partialStyle(p.partial);
      svg.append(node('rect', { x: x(p.i) - barWidth / 2, y: top, width: barWidth, height: Math.max(1, Math.abs(zero - y(p.value))), fill: PALETTE[0],
        'fill-opacity': style.opacity, stroke: style.stroke ? PALETTE[0] : undefined, 'stroke-dasharray': style.stroke }));
    }
    for (const p of points.map((q, i) => ({ ...q, i })).filter((q) => q.value === null)) {
      svg.append(node('text', { x: x(p.i), y: zero - 2, 'text-anchor': 'middle', class: 'spark-withheld' }, 'x'));
    }
  }
  else {
    let path = '';
    let pen = false;
    for (const [i, p] of points.entries()) {
      if (p.value === null || p.value === undefined) {
        pen = false;
        continue;
      }
      path += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`;
      pen = true;
    }
    svg.append(node('path', { d: path, fill: 'none', stroke: PALETTE[0], 'stroke-width': 2, 'stroke-linejoin': 'round' }));
    const extremes = extremesOf(known);
    for (const p of [extremes.min, extremes.max, known[0], known[known.length - 1]].filter(Boolean)) {
      svg.append(node('circle', { cx: x(p.i), cy: y(p.value), r: 2.8, fill: PALETTE[0] }));
    }
  }
  // The periods: every bar's own label when they fit (years), else the first and the last.
  const every = spec.kind === 'bar' && points.length * 34 <= plotWidth;
  const labelled = every ? points.map((p, i) => i) : [0, points.length - 1].filter((i, k, all) => i >= 0 && all.indexOf(i) === k);
  for (const i of labelled) {
    const anchor = every ? 'middle' : i === 0 ? 'start' : 'end';
    const at = every ? x(i) : i === 0 ? LEFT : width - RIGHT;
    svg.append(node('text', { x: at, y: HEIGHT - 4, 'text-anchor': anchor, class: 'spark-tick' }, points[i].tick ?? points[i].label));
  }
  box.replaceChildren(svg);
  box.dataset.low = String(low);
  box.dataset.high = String(high);
  return svg;
}

export function extremesOf(known) {
  if (!known.length) return {};
  let min = known[0];
  let max = known[0];
  for (const p of known) {
    if (p.value < min.value) min = p;
    if (p.value > max.value) max = p;
  }
  return { min, max };
}

const drawn = new Set();

/** Draws and keeps the sparkline redrawn at its box's width (window resize, print). */
export function render(box, spec) {
  const entry = { box, spec };
  drawn.add(entry);
  draw(box, spec);
  return entry;
}

export function redrawAll() {
  for (const entry of [...drawn]) {
    if (!entry.box.isConnected) drawn.delete(entry);
    else draw(entry.box, entry.spec);
  }
}
