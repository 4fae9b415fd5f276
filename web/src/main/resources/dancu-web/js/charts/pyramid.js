// Age-sex pyramid: males on the left, females on the right (two grids, so the dataset keeps the API's positive
// counts), youngest at the bottom; a second period as an outline over the bars.
// model.columns: band, M, F[, cmpM, cmpF]; model.rows bottom-up.
import { dataset } from '../panel.js';
import { base, chartOf, formatValue, narrow, niceCeiling, SEX_COLOURS } from './common.js';

export const needs = 'common';
// The first drawing, before ECharts has arrived (charts/sketch.js).
export { pyramid as sketch } from './sketch.js';

const MALE = SEX_COLOURS.M;
const FEMALE = SEX_COLOURS.F;

function short(label) {
  return String(label).replace(/ tuổi trở lên| and over/, '+').replace(/ tuổi$/, '');
}

function marks(model, index, grid) {
  const data = model.rows.filter((row) => row[index] === null).map((row) => [0, row[0]]);
  return data.length ? [{
    type: 'scatter', data, xAxisIndex: grid, yAxisIndex: grid, symbolSize: 1, silent: true,
    label: { show: true, formatter: 'x', position: grid === 0 ? 'left' : 'right', color: '#b3261e', fontWeight: 'bold' },
  }] : [];
}

export function render(element, model, ctx) {
  const chart = chartOf(element);
  const keys = model.columns.map((column) => column.key);
  const compare = keys.includes('cmpM');
  const format = formatValue(ctx.lang);
  const max = niceCeiling(Math.max(1, ...model.rows.flatMap((row) => row.slice(1).filter((v) => v !== null))));
  const axis = (grid, inverse) => ({
    type: 'value', gridIndex: grid, inverse, max, axisLabel: { formatter: format, hideOverlap: true }, splitLine: { lineStyle: { color: '#eef1f4' } },
  });
  const categories = (grid) => ({
    type: 'category', gridIndex: grid, axisTick: { show: false }, axisLabel: { show: grid === 0, formatter: short, interval: 'auto' },
  });
  const series = [
    { type: 'bar', name: model.columns[1].label, xAxisIndex: 0, yAxisIndex: 0, encode: { x: 'M', y: 'band' }, itemStyle: { color: MALE }, barCategoryGap: '12%' },
    { type: 'bar', name: model.columns[2].label, xAxisIndex: 1, yAxisIndex: 1, encode: { x: 'F', y: 'band' }, itemStyle: { color: FEMALE }, barCategoryGap: '12%' },
    ...marks(model, 1, 0), ...marks(model, 2, 1),
  ];
  if (compare) {
    const line = { type: 'line', symbol: 'none', step: 'middle', lineStyle: { color: '#1d2733', type: 'dashed', width: 1.5 }, itemStyle: { color: '#1d2733' } };
    series.push({ ...line, name: model.compareLabel, xAxisIndex: 0, yAxisIndex: 0, encode: { x: 'cmpM', y: 'band' } });
    series.push({ ...line, name: model.compareLabel, xAxisIndex: 1, yAxisIndex: 1, encode: { x: 'cmpF', y: 'band' } });
  }
  chart.setOption({
    ...base(ctx.lang),
    dataset: dataset(model),
    // The legend and the axis labels keep clear of the bars and of the notes under the chart.
    legend: { top: 0, data: [model.columns[1].label, model.columns[2].label, ...(compare ? [model.compareLabel] : [])], textStyle: { fontSize: narrow() ? 11 : 12 } },
    tooltip: { trigger: 'item', valueFormatter: format, confine: true },
    grid: [{ left: 58, right: '50%', top: narrow() ? 44 : 32, bottom: 30 }, { left: '50%', right: 24, top: narrow() ? 44 : 32, bottom: 30 }],
    xAxis: [axis(0, true), axis(1, false)],
    yAxis: [categories(0), categories(1)],
    series,
  }, true);
  element.dataset.total = String(model.rows.reduce((sum, row) => sum + (row[1] || 0) + (row[2] || 0), 0));
  return chart;
}
