// Choropleth of Kon Tum's districts (GeoJSON served by the API) and, for units that have no public boundary (every
// commune), a tile grid in the same colour scale. Clicking a tile filters every chart on that unit.
// model.map: {geojson, districts: [[code, name, value]], tiles: [{code, label, value}], selected, onSelect, outsideLabel}.
import { el, clear } from '../dom.js';
import { dataset } from '../panel.js';
import { base, chartOf, formatValue } from './common.js';

/** The map series is only in ECharts' full build. */
export const needs = 'full';

/** Dark text on light tiles, white on dark ones: whichever has the higher contrast (WCAG relative luminance). */
function textOn(rgb) {
  const channel = (c) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2]);
  const dark = (luminance + 0.05) / (0.0186 + 0.05);
  const white = 1.05 / (luminance + 0.05);
  return dark >= white ? '#1d2733' : '#fff';
}

const LOW = [222, 235, 247];
const HIGH = [33, 102, 172];

function rgbOf(value, max) {
  if (value === null || value === undefined) return [236, 239, 243];
  const share = max > 0 ? Math.min(1, value / max) : 0;
  return LOW.map((low, i) => Math.round(low + (HIGH[i] - low) * share));
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
    // A one-commune account sees its commune as a plain tile: there is nothing else to select.
    const button = spec.onSelect
      ? el('button', { type: 'button', class: 'tile', 'aria-pressed': String(selected), title: model.clickLabel, dataset: { unit: tile.code } },
        el('span', { class: 'tile-name', text: tile.label }), el('span', { class: 'tile-value', text: format(tile.value) }))
      : el('div', { class: 'tile', dataset: { unit: tile.code } }, el('span', { class: 'tile-name', text: tile.label }), el('span', { class: 'tile-value', text: format(tile.value) }));
    const rgb = rgbOf(tile.value, tileMax);
    button.style.backgroundColor = `rgb(${rgb.join(',')})`;
    button.style.color = textOn(rgb);
    if (spec.onSelect) button.addEventListener('click', () => spec.onSelect(selected ? null : tile.code));
    tiles.append(button);
  }
  clear(element).append(mapBox, tiles);
  element.classList.add('map');
  // The frame's role=img would hide the tiles (buttons) from assistive technology: the picture is the map alone.
  element.removeAttribute('role');
  mapBox.setAttribute('role', 'img');
  mapBox.setAttribute('aria-label', model.title);

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
      label: { show: true, fontSize: 11, fontWeight: 'bold', lineHeight: 15, formatter: (p) => (p.value >= 0 ? `${names.get(p.name)}\n${format(p.value)}` : '') },
      itemStyle: { areaColor: '#eceff3', borderColor: '#8a8f96' },
      emphasis: { label: { show: true, formatter: (p) => names.get(p.name) }, itemStyle: { areaColor: '#f4d35e' } },
    }],
  }, true);
  return chart;
}
