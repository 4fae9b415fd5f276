// A key figure: the value in large type, what it is compared with, and its trend as a sparkline drawn by the page
// (spark.js: no chart library) with its scale written out: first and last, lowest and highest.
// model.kpi: {value (number or null), text, unit, details: [text], spark: line|bar|meters, type, target, meters: [{label, value}]}.
// The sparkline draws model.rows (period, value[, target]); model.partial (optional) marks partial periods by row (a
// lighter bar with a dashed outline), model.ticks (optional) are the periods' short names under its axis. The line
// under it names the first and last periods in full: a partial year, always the data's first or last, with its months.
import { el, clear } from '../dom.js';
import { formatValue } from './common.js';
import { render as spark, extremesOf } from './spark.js';

/** The frame needs no chart library for a key figure. */
export const needs = null;

function meters(model, format) {
  return el('ul', { class: 'meters' }, model.kpi.meters.map((meter) => el('li', {},
    el('span', { class: 'meter-label', text: meter.label }),
    el('span', { class: 'meter-track', 'aria-hidden': 'true' }, meterFill(meter.value)),
    el('span', { class: 'meter-value', text: format(meter.value) }))));
}

function meterFill(value) {
  const fill = el('span', { class: 'meter-fill' });
  fill.style.width = `${Math.max(0, Math.min(100, value || 0))}%`;
  return fill;
}

export function render(element, model, ctx) {
  const kpi = model.kpi;
  const format = formatValue(ctx.lang, kpi.type);
  const value = el('p', { class: 'kpi-line' }, el('span', { class: 'kpi-value', dataset: { value: kpi.value === null ? '' : String(kpi.value) }, text: kpi.text }),
    kpi.unit ? el('span', { class: 'kpi-unit', text: ` ${kpi.unit}` }) : null);
  clear(element).append(value, ...kpi.details.filter(Boolean).map((text) => el('p', { class: 'kpi-detail', text })));
  element.classList.add('kpi');
  if (kpi.spark === 'meters') {
    element.append(meters(model, format));
    return null;
  }
  const points = model.rows.map((row, i) => ({
    label: row[0], tick: model.ticks ? model.ticks[i] : undefined, value: row[1], partial: model.partial ? model.partial[i] : undefined,
  }));
  if (points.length < 2) return null;
  const box = el('div', { class: 'spark' });
  element.append(box);
  spark(box, { kind: kpi.spark, points, type: kpi.type, target: kpi.target ?? null, format });
  // The scale in words, for every reader (and for print): first → last; lowest and highest of a line.
  const known = points.filter((p) => p.value !== null && p.value !== undefined);
  if (known.length >= 2) {
    const first = known[0];
    const last = known[known.length - 1];
    const lines = [ctx.t.sparkRange(first.label, format(first.value), last.label, format(last.value))];
    if (kpi.spark === 'line') {
      const { min, max } = extremesOf(known);
      lines.push(ctx.t.sparkExtremes(format(min.value), min.label, format(max.value), max.label));
    }
    element.append(el('p', { class: 'spark-scale' }, lines.join(' · ')));
  }
  return null;
}
