// A trend over months or years: lines (or bars) per measure, target lines, "x" where a value is withheld.
// model.lines: {series: [{key, type}], type: int|pct|dec1, targets, partial: [{category, label}]}. The first column of
// model.rows is the period. A partial period (a year the data cover in part) gets a shaded band labelled with the
// months it covers, and lighter bars, so that it is never read as a whole one.
import { dataset } from '../panel.js';
import { base, chartOf, formatValue, targetLines, withheldMarks, PALETTE } from './common.js';

/** A colour made lighter (the bars of a partial period). */
function lighter(hex) {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgba(${r}, ${g}, ${b}, 0.4)`;
}

function partialBands(partial) {
  if (!partial || !partial.length) return undefined;
  return {
    silent: true,
    itemStyle: { color: 'rgba(120, 120, 120, 0.10)', borderColor: '#8a8f96', borderType: 'dashed', borderWidth: 1 },
    label: { show: true, position: 'insideTop', color: '#444', fontSize: 11, formatter: (p) => p.name },
    data: partial.map((mark) => [{ name: mark.label, xAxis: mark.category }, { xAxis: mark.category }]),
  };
}

export function render(element, model, ctx) {
  const chart = chartOf(element);
  const spec = model.lines;
  const keys = model.columns.map((column) => column.key);
  const format = formatValue(ctx.lang, spec.type);
  const partial = new Set((spec.partial || []).map((mark) => mark.category));
  const series = spec.series.map((item, i) => {
    const colour = PALETTE[i % PALETTE.length];
    return {
      type: item.type || 'line', name: model.columns[keys.indexOf(item.key)].label, encode: { x: keys[0], y: item.key },
      showSymbol: model.rows.length <= 36, connectNulls: false, stack: item.stack,
      itemStyle: item.type === 'bar' && partial.size ? { color: (p) => (partial.has(p.value[0]) ? lighter(colour) : colour) } : undefined,
      markLine: i === 0 ? targetLines(spec.targets, ctx.lang) : undefined,
      markArea: i === 0 ? partialBands(spec.partial) : undefined,
    };
  });
  series.push(...withheldMarks(model, 0, spec.series.map((item) => keys.indexOf(item.key)), false, 'x'));
  chart.setOption({
    ...base(ctx.lang),
    dataset: dataset(model),
    legend: { top: 0, data: spec.series.map((item) => model.columns[keys.indexOf(item.key)].label) },
    tooltip: { trigger: 'axis', valueFormatter: format },
    grid: { left: 56, right: 24, top: spec.series.length > 3 ? 56 : 40, bottom: 32, containLabel: false },
    xAxis: { type: 'category', boundaryGap: spec.series.some((item) => item.type === 'bar') || partial.size > 0, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', scale: !!spec.scale, max: spec.type === 'pct' ? 100 : undefined, axisLabel: { formatter: format } },
    series,
  }, true);
  return chart;
}
