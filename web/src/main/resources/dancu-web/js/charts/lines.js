// A trend over months or years: lines (or bars) per measure, target lines, "x" where a value is withheld.
// model.lines: {series: [{key, type}], type: int|pct|dec1, targets}. The first column of model.rows is the period.
import { dataset } from '../panel.js';
import { base, chartOf, formatValue, targetLines, withheldMarks } from './common.js';

export function render(element, model, ctx) {
  const chart = chartOf(element);
  const spec = model.lines;
  const keys = model.columns.map((column) => column.key);
  const format = formatValue(ctx.lang, spec.type);
  const series = spec.series.map((item, i) => ({
    type: item.type || 'line', name: model.columns[keys.indexOf(item.key)].label, encode: { x: keys[0], y: item.key },
    showSymbol: model.rows.length <= 36, connectNulls: false, stack: item.stack,
    markLine: i === 0 ? targetLines(spec.targets, ctx.lang) : undefined,
  }));
  series.push(...withheldMarks(model, 0, spec.series.map((item) => keys.indexOf(item.key)), false, 'x'));
  chart.setOption({
    ...base(ctx.lang),
    dataset: dataset(model),
    legend: { top: 0, data: spec.series.map((item) => model.columns[keys.indexOf(item.key)].label) },
    tooltip: { trigger: 'axis', valueFormatter: format },
    grid: { left: 56, right: 24, top: spec.series.length > 3 ? 56 : 40, bottom: 32, containLabel: false },
    xAxis: { type: 'category', boundaryGap: spec.series.some((item) => item.type === 'bar'), axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', scale: !!spec.scale, max: spec.type === 'pct' ? 100 : undefined, axisLabel: { formatter: format } },
    series,
  }, true);
  return chart;
}
