// A trend over months or years: lines (or bars) per measure, target lines, "x" where a value is withheld.
// model.lines: {series: [{key, type}], type: int|pct|dec1, targets, partial: [{category, label}]}. The first column of
// model.rows is the period. A partial period (a year the data cover in part) gets a dashed mark labelled with the
// months it covers, and lighter bars, so that it is never read as a whole one; under the axis it is named by its year
// (the row, the tooltip and the data table keep "2026 (T1–T11/2026)": on the axis it would run off the chart).
import { dataset } from '../panel.js';
import { base, chartOf, formatValue, narrow, partialStyle, PALETTE, targetLines, withheldMarks } from './common.js';

export const needs = 'common';
// The first drawing, before ECharts has arrived (charts/sketch.js).
export { lines as sketch } from './sketch.js';

/** A palette colour with the opacity of the partial-period hook. */
function faded(hex, opacity) {
  if (opacity >= 1) return hex;
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgba(${r},${g},${b},${opacity})`;
}

/**
 * A dashed mark on each partial period, labelled with the months it covers. The label runs into the plot (rightwards
 * in the first half of the periods, leftwards in the second), so that a mark at either end is not cut off.
 */
function partialBands(partial, categories) {
  if (!partial || !partial.length) return undefined;
  return {
    silent: true,
    itemStyle: { color: 'rgba(120, 120, 120, 0.10)', borderColor: '#8a8f96', borderType: 'dashed', borderWidth: 1 },
    label: { show: true, color: '#444', fontSize: 11, formatter: (p) => p.name },
    data: partial.map((mark) => [{
      name: mark.label, xAxis: mark.category,
      label: { position: categories.indexOf(mark.category) < categories.length / 2 ? 'insideTopLeft' : 'insideTopRight' },
    }, { xAxis: mark.category }]),
  };
}

/** The name of a period under the axis: a partial period's category without its months ("2026 (T1–T11/2026)" → "2026"). */
function axisName(partial) {
  const short = new Map((partial || []).map((mark) => [mark.category, mark.category.replace(` (${mark.label})`, '')]));
  return (value) => short.get(value) ?? value;
}

export function render(element, model, ctx) {
  const chart = chartOf(element);
  const spec = model.lines;
  const keys = model.columns.map((column) => column.key);
  const format = formatValue(ctx.lang, spec.type);
  const small = narrow();
  // A partial period is marked by row (model.partial) or by category (spec.partial, with the months it covers).
  const partial = new Set((spec.partial || []).map((mark) => mark.category));
  const isPartial = (p) => (model.partial ? !!model.partial[p.dataIndex] : partial.has(p.value[0]));
  const anyPartial = partial.size > 0 || (model.partial || []).some(Boolean);
  const series = spec.series.map((item, i) => {
    const colour = PALETTE[i % PALETTE.length];
    return {
      type: item.type || 'line', name: model.columns[keys.indexOf(item.key)].label, encode: { x: keys[0], y: item.key },
      showSymbol: model.rows.length <= 36, connectNulls: false, stack: item.stack,
      markLine: i === 0 ? targetLines(spec.targets, ctx.lang) : undefined,
      markArea: i === 0 ? partialBands(spec.partial, model.rows.map((row) => row[0])) : undefined,
      // Bars of periods: a partial period is drawn by the one hook of charts/common.js.
      itemStyle: item.type === 'bar' && anyPartial ? { color: (p) => faded(colour, partialStyle(isPartial(p)).opacity) } : undefined,
    };
  });
  series.push(...withheldMarks(model, 0, spec.series.map((item) => keys.indexOf(item.key)), false, 'x'));
  chart.setOption({
    ...base(ctx.lang),
    dataset: dataset(model),
    // The legend sits outside the plot: above it on a wide screen, under it on a phone.
    legend: { type: 'scroll', [small ? 'bottom' : 'top']: 0, data: spec.series.map((item) => model.columns[keys.indexOf(item.key)].label), textStyle: { fontSize: small ? 11 : 12 } },
    tooltip: { trigger: 'axis', valueFormatter: format, confine: true },
    grid: { left: 8, right: 16, top: small ? 18 : (partial.size ? 56 : 40), bottom: small ? 34 : 8, containLabel: true },
    // The periods in the rows' order: ECharts would otherwise order categories as the first series with a value meets
    // them, drawing a withheld first year last.
    xAxis: { type: 'category', data: model.rows.map((row) => row[0]), boundaryGap: spec.series.some((item) => item.type === 'bar') || partial.size > 0, axisLabel: { hideOverlap: true, fontSize: small ? 10.5 : 12, formatter: spec.axisLabel || axisName(spec.partial) } },
    yAxis: { type: 'value', scale: !!spec.scale, max: spec.type === 'pct' ? 100 : undefined, axisLabel: { formatter: format } },
    series,
  }, true);
  return chart;
}
