import { number } from '../format.js';

// Age-sex pyramid: males to the left (negative), females to the right, 5-year bands bottom-up.
// data: rows of the query dims=ageBand,sex (codes, labels, population).
export function render(element, data, lang = 'vi') {
  const bands = [];
  const byBand = new Map();
  for (const row of data.rows) {
    if (!byBand.has(row.ageBand)) {
      byBand.set(row.ageBand, { band: row.ageBandLabel, M: 0, F: 0 });
      bands.push(row.ageBand);
    }
    byBand.get(row.ageBand)[row.sex] = row.population;
  }
  const source = bands.map((band) => {
    const entry = byBand.get(band);
    return [entry.band, -entry.M, entry.F];
  });
  const male = lang === 'en' ? 'Male' : 'Nam';
  const female = lang === 'en' ? 'Female' : 'Nữ';
  const chart = echarts.getInstanceByDom(element) || echarts.init(element);
  chart.setOption({
    animation: false,
    dataset: { source: [['band', male, female], ...source] },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => number(Math.abs(v), lang) },
    legend: { top: 0 },
    grid: { left: 70, right: 20, top: 30, bottom: 30 },
    xAxis: { type: 'value', axisLabel: { formatter: (v) => number(Math.abs(v), lang) } },
    yAxis: { type: 'category', axisTick: { show: false } },
    series: [
      { type: 'bar', stack: 'pop', name: male, encode: { y: 'band', x: male }, itemStyle: { color: '#2f6db3' } },
      { type: 'bar', stack: 'pop', name: female, encode: { y: 'band', x: female }, itemStyle: { color: '#c2418c' } },
    ],
  }, true);
  element.dataset.total = String(source.reduce((sum, [, m, f]) => sum - m + f, 0));
  return chart;
}
