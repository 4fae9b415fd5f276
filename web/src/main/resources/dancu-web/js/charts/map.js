// Choropleth of Kon Tum's districts (GeoJSON served by the API), drawn as SVG by the page (no chart library: the
// page of the communes loads only ECharts' common build), and, for units that have no public boundary (every
// commune), a tile grid in the same colour scale. Clicking a tile filters every chart on that unit.
// model.map: {geojson, districts: [[code, name, value]], tiles: [{code, label, value}], selected, onSelect, outsideLabel}.
import { el, clear } from '../dom.js';
import { formatValue } from './common.js';

/** Drawn as SVG: no chart library. */
export const needs = null;
const NS = 'http://www.w3.org/2000/svg';

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

function svg(tag, attributes = {}, text) {
  const node = document.createElementNS(NS, tag);
  for (const [key, value] of Object.entries(attributes)) if (value !== undefined && value !== null) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The polygons' rings of a GeoJSON geometry (Polygon or MultiPolygon). */
function rings(geometry) {
  if (geometry.type === 'Polygon') return geometry.coordinates;
  if (geometry.type === 'MultiPolygon') return geometry.coordinates.flat();
  return [];
}

/** The districts as SVG paths in an equirectangular projection fitted to the box (longitude scaled by cos latitude). */
function drawMap(box, spec, names, format, title) {
  const features = spec.geojson.features;
  const points = features.flatMap((f) => rings(f.geometry).flat());
  const lons = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  const [west, east, south, north] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const kx = Math.cos(((south + north) / 2) * (Math.PI / 180));
  const width = 400;
  const height = Math.round((width * (north - south)) / ((east - west) * kx));
  const x = (lon) => (((lon - west) * kx) / ((east - west) * kx)) * width;
  const y = (lat) => ((north - lat) / (north - south)) * height;
  const values = new Map(spec.districts.map(([code, , value]) => [code, value]));
  const max = Math.max(1, ...spec.districts.map((row) => row[2]).filter((v) => v !== null));
  const picture = svg('svg', { viewBox: `-4 -4 ${width + 8} ${height + 8}`, class: 'map-svg', role: 'img', 'aria-label': title });
  const labels = [];
  for (const feature of features) {
    const code = feature.properties.district_code;
    const value = values.has(code) ? values.get(code) : undefined;
    const d = rings(feature.geometry).map((ring) => `M${ring.map(([lon, lat]) => `${x(lon).toFixed(1)},${y(lat).toFixed(1)}`).join('L')}Z`).join('');
    const fill = value === undefined ? '#eceff3' : `rgb(${rgbOf(value, max).join(',')})`;
    const path = svg('path', { d, fill, stroke: '#8a8f96', 'stroke-width': 0.8, 'data-district': code });
    path.append(svg('title', {}, `${names.get(code)}: ${value === undefined ? spec.outsideLabel : format(value)}`));
    picture.append(path);
    if (value !== undefined) {
      const ring = rings(feature.geometry).flat();
      const cx = x((Math.min(...ring.map((p) => p[0])) + Math.max(...ring.map((p) => p[0]))) / 2);
      const cy = y((Math.min(...ring.map((p) => p[1])) + Math.max(...ring.map((p) => p[1]))) / 2);
      // Dark text with a white halo: readable on any shade and across the borders.
      labels.push(svg('text', { x: cx, y: cy - 3, 'text-anchor': 'middle', class: 'map-label' }, names.get(code)),
        svg('text', { x: cx, y: cy + 11, 'text-anchor': 'middle', class: 'map-label' }, format(value)));
    }
  }
  picture.append(...labels);
  // The colour scale of the districts, in words and as a gradient.
  const scale = el('p', { class: 'map-scale' }, format(0), el('span', { class: 'map-gradient', 'aria-hidden': 'true' }), format(max));
  box.replaceChildren(picture, spec.districts.some((row) => row[2] !== null) ? scale : '');
  box.dataset.districts = String(spec.districts.length);
}

export function render(element, model, ctx) {
  const spec = model.map;
  const format = formatValue(ctx.lang);
  // Tiles (communes) and shapes (districts) are of different sizes: each has its own scale.
  const tileMax = Math.max(1, ...spec.tiles.map((tile) => tile.value).filter((v) => v !== null));
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
  const names = new Map(spec.geojson.features.map((feature) => [feature.properties.district_code, feature.properties.name]));
  drawMap(mapBox, spec, names, format, model.title);
  return null;
}
