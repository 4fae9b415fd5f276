// A trend over months or years: lines (or bars) per measure, target lines, "x" where a value is withheld.
// model.lines: {series: [{key, type}], type: int|pct|dec1, targets}. The first column of model.rows is the period.
import { dataset } from '../panel.js';
import { base, chartOf, formatValue, narrow, partialStyle, PALETTE, targetLines, withheldMarks } from './common.js';

export const needs = 'common';

/** A palette colour with the opacity of the partial-period hook. */
function faded(hex, opacity) {
  if (opacity >= 1) return hex;
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgba(${r},${g},${b},${opacity})`;
}

export function render(element, model, ctx) {
  const chart = chartOf(element);
  const spec = model.lines;
  const keys = model.columns.map((column) => column.key);
  const format = formatValue(ctx.lang, spec.type);
  const small = narrow();
  const series = spec.series.map((item, i) => ({
    type: item.type || 'line', name: model.columns[keys.indexOf(item.key)].label, encode: { x: keys[0], y: item.key },
    showSymbol: model.rows.length <= 36, connectNulls: false, stack: item.stack,
    markLine: i === 0 ? targetLines(spec.targets, ctx.lang) : undefined,
    // Bars of periods: a partial period (model.partial by row) is drawn by the one hook of charts/common.js.
    itemStyle: item.type === 'bar' && model.partial ? { color: (p) => faded(PALETTE[i % PALETTE.length], partialStyle(model.partial[p.dataIndex]).opacity) } : undefined,
  }));
  series.push(...withheldMarks(model, 0, spec.series.map((item) => keys.indexOf(item.key)), false, 'x'));
  chart.setOption({
    ...base(ctx.lang),
    dataset: dataset(model),
    // The legend sits outside the plot: above it on a wide screen, under it on a phone.
    legend: { type: 'scroll', [small ? 'bottom' : 'top']: 0, data: spec.series.map((item) => model.columns[keys.indexOf(item.key)].label), textStyle: { fontSize: small ? 11 : 12 } },
    tooltip: { trigger: 'axis', valueFormatter: format, confine: true },
    grid: { left: 8, right: 16, top: small ? 18 : 40, bottom: small ? 34 : 8, containLabel: true },
    xAxis: { type: 'category', boundaryGap: spec.series.some((item) => item.type === 'bar'), axisLabel: { hideOverlap: true, fontSize: small ? 10.5 : 12 } },
    yAxis: { type: 'value', scale: !!spec.scale, max: spec.type === 'pct' ? 100 : undefined, axisLabel: { formatter: format } },
    series,
  }, true);
  return chart;
}
