// Communes: a comparison table, bars across units and a map (district shapes, tiles for units without a shape).
// Clicking a unit in any of them filters every chart on it.
import * as table from '../charts/table.js';
import * as bars from '../charts/bars.js';
import * as map from '../charts/map.js';
import { date } from '../format.js';
import { indicatorRows, indicatorValueOf, sourceText, withheldCount } from './common.js';

const REFORM = '2025-07-01';
const LAST_DAY_BEFORE_REFORM = '2025-06-30';
const COMPARED = [
  ['population', 'int'], ['sexRatio', 'dec1'], ['medianAge', 'dec1'], ['totalDependency', 'dec1'], ['elderly', 'int'],
  ['chipCardShareEligible', 'pct'], ['vneidLevel2ShareEligible', 'pct'], ['crudeBirthRate', 'dec1'], ['crudeDeathRate', 'dec1'],
  ['netMigrationRate', 'dec1'], ['sexRatioAtBirth', 'dec1'],
];

function comparisonPanel(ctx) {
  const { t } = ctx;
  return {
    id: 'comparison', title: t.titles.comparison(date(ctx.refDate)), size: 'full', chart: table,
    async load() {
      const missing = ctx.unavailable('population_stock');
      if (missing) return missing;
      const ids = COMPARED.map(([id]) => id);
      const params = { date: ctx.refDate, year: ctx.refDate.slice(0, 4) };
      const { answer: byUnit, question: units, order, values } = await indicatorRows(ctx, ids, params);
      const labels = new Map(values.map((value) => [value.indicator, `${value.label}${value.measureUnit && value.measureUnit !== 'người' && value.measureUnit !== 'persons' ? ` (${value.measureUnit})` : ''}`]));
      const cells = order.map(([unit]) => COMPARED.map(([id]) => indicatorValueOf(values.find((v) => v.unit === unit && v.indicator === id))));
      // Indicators no unit has (a cube not published yet) are left out rather than shown as empty columns.
      const kept = COMPARED.map((_, i) => i).filter((i) => cells.some((row) => row[i] !== ''));
      const columns = [{ key: 'unit', label: t.cols.unit, type: 'text' }, ...kept.map((i) => ({ key: COMPARED[i][0], label: labels.get(COMPARED[i][0]), type: COMPARED[i][1] }))];
      const rows = order.map(([, label], r) => [label, ...kept.map((i) => cells[r][i])]);
      // Rates from few events: marked * with their 95 % interval (docs/indicators.md § Reliability).
      const find = (unit, id) => values.find((v) => v.unit === unit && v.indicator === id);
      const marks = order.map(([unit]) => [null, ...kept.map((i) => {
        const value = find(unit, COMPARED[i][0]);
        if (!value || !value.lowReliability) return null;
        return value.lower !== null && value.lower !== undefined
          ? t.intervalText(ctx.number(value.lower, 1), value.upper === null ? '∞' : ctx.number(value.upper, 1)) : t.lowReliability;
      })]);
      return {
        title: t.titles.comparison(date(ctx.refDate)), ...units, applied: [], ignored: ['sex', 'age', 'eth'].filter((key) => ctx.state[key]),
        columns, rows, marks, rowCodes: order.map(([code]) => (code === 'AREA' ? null : code)),
        withheld: rows.reduce((n, row) => n + row.filter((v) => v === null).length, 0),
        selected: ctx.state.unit, onSelect: ctx.scoped ? null : (code) => ctx.select(code), clickLabel: t.clickToFilter,
        source: sourceText(byUnit, t),
        notes: [
          ...new Set(values.filter((v) => v.year && kept.some((i) => COMPARED[i][0] === v.indicator)).map((v) => t.ratesYear(v.year))),
          rows.some((row) => row.includes('')) ? t.unavailableNote : null,
          marks.some((row) => row.some(Boolean)) ? t.reliabilityNote(20) : null,
          ctx.scoped ? t.parentNote : null,
        ].filter(Boolean),
      };
    },
  };
}

function unitBarsPanel(ctx) {
  const { t } = ctx;
  return {
    id: 'unit-bars', title: t.titles.unitBars(date(ctx.refDate)), size: 'half', chart: bars,
    async load() {
      const missing = ctx.unavailable('population_stock');
      if (missing) return missing;
      const question = ctx.ask('population_stock', { dims: 'unit,sex', date: ctx.refDate }, { skip: ['unit'] });
      const answer = await ctx.fetch(question);
      const units = [...new Map(answer.rows.map((row) => [row.unit, row.unitLabel])).entries()];
      const value = (unit, sex) => {
        const row = answer.rows.find((r) => r.unit === unit && r.sex === sex);
        return row ? row.population : 0;
      };
      const codes = units.map(([code]) => code);
      return {
        title: t.titles.unitBars(date(answer.refDate)), ...question, source: sourceText(answer, t), withheld: withheldCount(answer.rows),
        columns: [{ key: 'unit', label: t.cols.unit, type: 'text' }, { key: 'M', label: t.cols.male }, { key: 'F', label: t.cols.female }],
        rows: units.map(([code, label]) => [label, value(code, 'M'), value(code, 'F')]),
        bars: { horizontal: true, series: [{ key: 'M', stack: 'sex' }, { key: 'F', stack: 'sex' }], highlight: ctx.state.unit ? ctx.unitName(ctx.state.unit) : undefined,
          onClick: ctx.scoped ? null : (label) => ctx.select(codes[units.findIndex(([, l]) => l === label)]) },
      };
    },
  };
}

function mapPanel(ctx) {
  const { t } = ctx;
  return {
    id: 'map', title: t.titles.map(date(ctx.refDate)), size: 'half', chart: map,
    async load() {
      const missing = ctx.unavailable('population_stock');
      if (missing) return missing;
      // The same answer as the bars beside it (population by unit and sex): one request for both charts.
      const question = ctx.ask('population_stock', { dims: 'unit,sex', date: ctx.refDate }, { skip: ['unit'] });
      const historical = ctx.geo === 'asof' && ctx.refDate < REFORM;
      // The former district(s) of the area are the units in force on the day before the reform. /units answers dates
      // within the data's period only (OpenAPI), so they are asked only when the data reach back to that day; data that
      // start after the reform put no number on a district's shape (nothing in them is about the former districts).
      const before = !historical && !ctx.scoped && ctx.catalog.coverage && ctx.catalog.coverage.from <= LAST_DAY_BEFORE_REFORM;
      const [answer, geojson, former] = await Promise.all([
        ctx.fetch(question),
        ctx.requests.get('/api/v1/maps/kon-tum-districts', {}, { reference: true }),
        before ? ctx.requests.get('/api/v1/units', { geo: 'asof', date: LAST_DAY_BEFORE_REFORM, lang: ctx.lang }, { reference: true }) : null,
      ]);
      const perUnit = new Map();
      for (const row of answer.rows) {
        const before = perUnit.get(row.unit) || { label: row.unitLabel, value: 0 };
        perUnit.set(row.unit, { label: row.unitLabel, value: before.value === null || row.population === null ? null : before.value + row.population });
      }
      const tiles = [...perUnit.entries()].map(([code, unit]) => ({ code, label: unit.label, value: unit.value }));
      // District values: the communes' sum by district (historical units), or, when the area was one former district,
      // the whole area on that district's shape.
      const sums = new Map();
      const add = (district, value) => sums.set(district, sums.has(district) && sums.get(district) === null || value === null ? null : (sums.get(district) || 0) + value);
      if (historical) {
        const parents = new Map(ctx.communes.map((unit) => [unit.code, unit.parent]));
        for (const tile of tiles) add(parents.get(tile.code), tile.value);
      }
      else if (former) {
        // A one-commune account sees only its commune: the former district's shape then carries no number (it would
        // be the commune's, not the area's), and the units before the reform are not asked.
        const districts = former.units.filter((unit) => unit.level === 'district');
        if (districts.length === 1) for (const tile of tiles) add(districts[0].code, tile.value);
      }
      const names = new Map(geojson.features.map((feature) => [feature.properties.district_code, feature.properties.name]));
      return {
        title: t.titles.map(date(answer.refDate)), ...question, source: sourceText(answer, t), withheld: withheldCount(answer.rows),
        columns: [{ key: 'unit', label: t.cols.unit, type: 'text' }, { key: 'population', label: t.cols.population }],
        rows: tiles.map((tile) => [tile.label, tile.value]),
        notes: [t.areaMap, ctx.scoped ? t.tilesScopedNote(ctx.areaName()) : t.tilesNote],
        tilesLabel: t.cols.unit, clickLabel: t.clickToFilter,
        map: {
          geojson, tiles, selected: ctx.state.unit, outsideLabel: t.outsideArea,
          districts: [...sums.entries()].filter(([code]) => names.has(code)).map(([code, value]) => [code, names.get(code), value]),
          onSelect: ctx.scoped ? null : (code) => ctx.select(code),
        },
      };
    },
  };
}

export function panels(ctx) {
  return [comparisonPanel(ctx), unitBarsPanel(ctx), mapPanel(ctx)];
}
