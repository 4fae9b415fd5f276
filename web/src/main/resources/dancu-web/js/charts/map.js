// Choropleth of Kon Tum's districts (GeoJSON served by the API) and, for units that have no public boundary (every
// commune), a tile grid in the same colour scale. Clicking a tile filters every chart on that unit.
// model.map: {geojson, districts: [[code, name, value]], tiles: [{code, label, value}], selected, onSelect, outsideLabel}.
import { el, clear } from '../dom.js';
import { dataset } from '../panel.js';
import { base, chartOf, formatValue } from './common.js';

const LOW = [222, 235, 247];
const HIGH = [33, 102, 172];

function colour(value, max) {
  if (value === null || value === undefined) return '#eceff3';
  const share = max > 0 ? Math.min(1, value / max) : 0;
  const rgb = LOW.map((low, i) => Math.round(low + (HIGH[i] - low) * share));
  return `rgb(${rgb.join(',')})`;
}

export function render(element, model, ctx) {
  const spec = model.map;
  const format = formatValue(ctx.lang);
  // Tiles (communes) and shapes (districts) are of different sizes: each has its own scale.
  const tileMax = Math.max(1, ...spec.tiles.map((tile) => tile.value).filter((v) => v !== null));
  const max = Math.max(1, ...spec.districts.map((row) => row[2]).filter((v) => v !== null));
  const mapBox = el('div', { class: 'map-canvas' });
  const tiles = el('div', { class: 'tiles', role: 'group', 'aria-label': model.tilesLabel });
  for (const tile of spec.tiles) {
    const selected = tile.code === spec.selected;
    const button = el('button', { type: 'button', class: 'tile', 'aria-pressed': String(selected), title: model.clickLabel, dataset: { unit: tile.code } },
      el('span', { class: 'tile-name', text: tile.label }), el('span', { class: 'tile-value', text: format(tile.value) }));
    button.style.backgroundColor = colour(tile.value, tileMax);
    button.style.color = tile.value !== null && tile.value / tileMax > 0.55 ? '#fff' : '#1d2733';
    button.addEventListener('click', () => spec.onSelect(selected ? null : tile.code));
    tiles.append(button);
  }
  clear(element).append(mapBox, tiles);
  element.classList.add('map');

  window.echarts.registerMap('kon-tum-districts', spec.geojson);
  const names = new Map(spec.geojson.features.map((feature) => [feature.properties.district_code, feature.properties.name]));
  const chart = chartOf(mapBox);
  chart.setOption({
    ...base(ctx.lang),
    dataset: [dataset(model), { dimensions: ['code', 'name', 'value'], source: spec.districts }],
    tooltip: {
      trigger: 'item',
      formatter: (p) => `${names.get(p.name) || p.name}: ${p.value === undefined || Number.isNaN(p.value) ? spec.outsideLabel : format(p.value)}`,
    },
    visualMap: { min: 0, max, left: 8, bottom: 8, calculable: false, itemHeight: 90, text: [format(max), format(0)], inRange: { color: [`rgb(${LOW})`, `rgb(${HIGH})`] },
      formatter: format, textStyle: { fontSize: 11 } },
    series: [{
      type: 'map', map: 'kon-tum-districts', nameProperty: 'district_code', datasetIndex: 1, encode: { itemName: 'code', value: 'value' },
      roam: false, selectedMode: false, aspectScale: 0.95,
      label: { show: true, fontSize: 11, fontWeight: 'bold', formatter: (p) => (p.value >= 0 ? `${names.get(p.name)}\n${format(p.value)}` : '') },
      itemStyle: { areaColor: '#eceff3', borderColor: '#8a8f96' },
      emphasis: { label: { show: true, formatter: (p) => names.get(p.name) }, itemStyle: { areaColor: '#f4d35e' } },
    }],
  }, true);
  return chart;
}
