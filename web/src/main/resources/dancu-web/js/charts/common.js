// What every chart shares: one ECharts instance per element, the palette, number formats, marks for withheld cells.
import { number, percent } from '../format.js';

export const PALETTE = ['#2f6db3', '#e07b39', '#3a9d5d', '#8e5cb5', '#c2418c', '#8a8f96', '#c9a400', '#1b9e9e', '#a33d3d'];
export const TARGET_COLOR = '#b3261e';
export const SEX_COLOURS = { M: '#2f6db3', F: '#c2418c' };

export function chartOf(element) {
  return window.echarts.getInstanceByDom(element) || window.echarts.init(element, null, { renderer: 'canvas' });
}

/** Whether the page is narrow (a phone): legends go under the plot, labels get smaller. */
export function narrow() {
  return window.matchMedia('(max-width: 640px)').matches;
}

/**
 * How a period is drawn when it does not cover its whole span (a year with data for some months only): the one hook
 * for the marking of partial periods. partial: true/false (or undefined when unknown). Returns {opacity, stroke}:
 * a lighter fill and a dashed outline for a partial period.
 */
export function partialStyle(partial) {
  return partial ? { opacity: 0.45, stroke: '3 2' } : { opacity: 1, stroke: undefined };
}

export function formatValue(lang, type) {
  return (value) => {
    if (value === null || value === undefined || value === '-') return 'x';
    if (type === 'pct') return percent(value, lang, 1);
    if (type === 'dec1') return number(value, lang, 1);
    return number(value, lang, 0);
  };
}

/** The smallest of 1, 2, 2.5, 5 × 10^k at or above a value: one scale for both halves of a pyramid. */
export function niceCeiling(value) {
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 2.5, 5, 10].map((step) => step * power).find((candidate) => candidate >= value);
}

export function base(lang) {
  return {
    animation: false,
    color: PALETTE,
    textStyle: { fontFamily: 'system-ui, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif' },
    aria: { enabled: true },
  };
}

/**
 * A scatter series that writes "x" where a value is withheld (null), at the foot of its bar, so that a reader sees
 * that the cell exists but is not published. categoryIndex/valueIndexes are column positions in model.rows.
 */
export function withheldMarks(model, categoryIndex, valueIndexes, horizontal, name, stacked = false) {
  const data = [];
  for (const row of model.rows) {
    // In a stacked bar, the mark of a withheld segment sits where that segment would start (after the ones before it).
    let offset = 0;
    for (const index of valueIndexes) {
      if (row[index] === null) data.push(horizontal ? [offset, row[categoryIndex]] : [row[categoryIndex], offset]);
      else if (stacked && typeof row[index] === 'number') offset += row[index];
    }
  }
  if (!data.length) return [];
  return [{
    type: 'scatter', name, data, symbolSize: 1, silent: true, tooltip: { show: false },
    label: { show: true, formatter: 'x', color: TARGET_COLOR, fontWeight: 'bold', position: horizontal ? 'right' : 'top' },
  }];
}

/** Horizontal target lines (markLine) at the given values. */
export function targetLines(targets, lang) {
  const lines = (targets || []).filter((target) => target.value !== null && target.value !== undefined);
  if (!lines.length) return undefined;
  return {
    silent: true, symbol: 'none', lineStyle: { color: TARGET_COLOR, type: 'dashed', width: 2 },
    // On a white ground, so that a label over a bar stays readable.
    label: { formatter: (p) => `${p.name} ${percent(p.value, lang, 0)}`, position: 'insideEndTop', color: TARGET_COLOR,
      backgroundColor: 'rgba(255,255,255,0.9)', padding: [1, 3], borderRadius: 2 },
    data: lines.map((target) => ({ name: target.label, yAxis: target.value })),
  };
}
