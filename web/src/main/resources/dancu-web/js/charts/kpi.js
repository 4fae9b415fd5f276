// A key figure: the value in large type, what it is compared with, and its trend as a sparkline.
// model.kpi: {value (number or null), text, details: [text], spark: line|bar, type}. The sparkline draws model.rows
// (period, value[, target]).
import { el, clear } from '../dom.js';
import { dataset } from '../panel.js';
import { base, chartOf, formatValue, PALETTE, TARGET_COLOR } from './common.js';

export function render(element, model, ctx) {
  const kpi = model.kpi;
  const spark = el('div', { class: 'spark' });
  clear(element).append(
    el('p', { class: 'kpi-value', dataset: { value: kpi.value === null ? '' : String(kpi.value) }, text: kpi.text }),
    ...kpi.details.filter(Boolean).map((text) => el('p', { class: 'kpi-detail', text })),
    spark);
  element.classList.add('kpi');
  const chart = chartOf(spark);
  const keys = model.columns.map((column) => column.key);
  const format = formatValue(ctx.lang, kpi.type);
  const series = [{
    type: kpi.spark || 'line', encode: { x: keys[0], y: keys[1] }, name: model.columns[1].label, showSymbol: false,
    areaStyle: kpi.spark === 'bar' ? undefined : { opacity: 0.12 }, itemStyle: { color: PALETTE[0] }, barMaxWidth: 18,
  }];
  if (keys[2] === 'target') {
    series.push({ type: 'line', encode: { x: keys[0], y: 'target' }, name: model.columns[2].label, showSymbol: false,
      lineStyle: { type: 'dashed', color: TARGET_COLOR, width: 1 }, itemStyle: { color: TARGET_COLOR } });
  }
  chart.setOption({
    ...base(ctx.lang),
    dataset: dataset(model),
    grid: { left: 2, right: 2, top: 4, bottom: 4 },
    tooltip: { trigger: 'axis', valueFormatter: format, confine: true },
    xAxis: { type: 'category', show: false, boundaryGap: kpi.spark === 'bar' },
    yAxis: { type: 'value', show: false, scale: kpi.spark !== 'bar', max: kpi.type === 'pct' && keys[2] === 'target' ? 100 : undefined },
    series,
  }, true);
  return chart;
}
