import { number } from '../format.js';

// Population by administrative unit, one bar each. data: rows of the query dims=unit.
export function render(element, data, lang = 'vi') {
  const source = data.rows.map((row) => [row.unitLabel, row.population]);
  const chart = echarts.getInstanceByDom(element) || echarts.init(element);
  chart.setOption({
    animation: false,
    dataset: { source: [['unit', 'population'], ...source] },
    tooltip: { trigger: 'axis', valueFormatter: (v) => number(v, lang) },
    grid: { left: 150, right: 30, top: 10, bottom: 30 },
    xAxis: { type: 'value', axisLabel: { formatter: (v) => number(v, lang) } },
    yAxis: { type: 'category', inverse: true },
    series: [{ type: 'bar', encode: { y: 'unit', x: 'population' }, itemStyle: { color: '#b3261e' },
      label: { show: true, position: 'right', formatter: (p) => number(p.value[1], lang) } }],
  }, true);
  element.dataset.total = String(source.reduce((sum, [, value]) => sum + value, 0));
  return chart;
}
