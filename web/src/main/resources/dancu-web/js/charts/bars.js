// Bars by category (units, age groups, reasons…), grouped or stacked, optionally with target lines.
// model.bars: {series: [{key, stack}], horizontal, type: int|pct|dec1, targets: [{label, value}], highlight, onClick}.
// The first column of model.rows is the category.
import { dataset } from '../panel.js';
import { base, chartOf, formatValue, narrow, targetLines, withheldMarks, SEX_COLOURS } from './common.js';

export const needs = 'common';
// The first drawing, before ECharts has arrived (charts/sketch.js).
export { bars as sketch } from './sketch.js';

export function render(element, model, ctx) {
  const chart = chartOf(element);
  const spec = model.bars;
  const keys = model.columns.map((column) => column.key);
  const category = keys[0];
  const format = formatValue(ctx.lang, spec.type);
  const valueAxis = { type: 'value', axisLabel: { formatter: format, hideOverlap: true }, max: spec.type === 'pct' ? 100 : undefined };
  const small = narrow();
  const categoryAxis = {
    type: 'category', inverse: spec.horizontal, axisTick: { show: false },
    axisLabel: {
      interval: 0, width: spec.horizontal ? (small ? 84 : 150) : Math.max(48, (small ? 300 : 600) / Math.max(1, model.rows.length)), overflow: 'break',
      hideOverlap: !spec.horizontal && model.rows.length > 12, lineHeight: 14, fontSize: small ? 10.5 : 12,
      formatter: (value) => (value === spec.highlight ? `{strong|${value}}` : value),
      rich: { strong: { fontWeight: 'bold', color: '#b3261e', lineHeight: 14 } },
    },
  };
  const series = spec.series.map((item, i) => ({
    type: 'bar', name: model.columns[keys.indexOf(item.key)].label, stack: item.stack,
    encode: spec.horizontal ? { x: item.key, y: category } : { x: category, y: item.key },
    label: { show: spec.labels !== false && !item.stack && model.rows.length * spec.series.length <= (small ? 12 : 24), position: spec.horizontal ? 'right' : 'top',
      formatter: (p) => format(p.value[p.encode[spec.horizontal ? 'x' : 'y'][0]]), fontSize: small ? 10 : 11 },
    labelLayout: { hideOverlap: true },
    itemStyle: SEX_COLOURS[item.key] ? { color: SEX_COLOURS[item.key] } : undefined,
    markLine: i === 0 ? targetLines(spec.targets, ctx.lang) : undefined,
    emphasis: { focus: 'series' },
  }));
  const valueIndexes = spec.series.map((item) => keys.indexOf(item.key));
  series.push(...withheldMarks(model, 0, valueIndexes, spec.horizontal, 'x', spec.series.some((item) => item.stack)));
  const horizontalTargets = spec.horizontal && spec.targets;
  if (horizontalTargets) {
    for (const s of series) if (s.markLine) s.markLine.data = s.markLine.data.map((d) => ({ name: d.name, xAxis: d.yAxis }));
  }
  chart.setOption({
    ...base(ctx.lang),
    dataset: dataset(model),
    // The legend sits outside the plot: above it on a wide screen, under it on a phone.
    legend: spec.series.length > 1 ? { type: 'scroll', [small ? 'bottom' : 'top']: 0, data: spec.series.map((item) => model.columns[keys.indexOf(item.key)].label),
      textStyle: { fontSize: small ? 11 : 12 } } : undefined,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: format, confine: true },
    grid: { left: 8, right: spec.horizontal ? (small ? 44 : 56) : 16, top: spec.series.length > 1 && !small ? 40 : 18,
      bottom: spec.series.length > 1 && small ? 34 : 8, containLabel: true },
    xAxis: spec.horizontal ? valueAxis : categoryAxis,
    yAxis: spec.horizontal ? categoryAxis : valueAxis,
    series,
  }, true);
  chart.off('click');
  if (spec.onClick) {
    chart.on('click', (event) => spec.onClick(event.value ? event.value[0] : event.name));
  }
  return chart;
}
