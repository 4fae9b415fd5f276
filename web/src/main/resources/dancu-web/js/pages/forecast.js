// "Dự báo": the population projection of the selected commune (or the whole area) — a fan of the scenarios, the
// projected pyramid against the jump-off year's, and school-age and health-planning figures per year with the range
// of the scenarios. Every title says it is a projection, from which jump-off date; every panel's notes carry the
// API's label (scenario, jump-off, model output not a count) and its rounding.
import * as lines from '../charts/lines.js';
import * as pyramid from '../charts/pyramid.js';
import * as tableChart from '../charts/table.js';
import { el } from '../dom.js';
import { date, number } from '../format.js';
import { BANDS, ageLabel } from '../context.js';

const SCENARIOS = ['MEDIUM', 'LOW', 'HIGH', 'ZERO_MIGRATION'];
const SCHOOL = ['age0to2', 'age3to5', 'age6to10', 'age11to14', 'age15to17'];
const HEALTH = ['population', 'births', 'under1', 'women15to49', 'age60plus', 'age80plus', 'totalDependency', 'oldDependency'];

// An account limited to some communes asks without a unit when none is chosen: the API answers its first commune.
function unitParam(ctx) {
  return ctx.state.unit || (ctx.scoped ? undefined : 'AREA');
}

/** The units asked: those of 1 July 2025, or with the historical geography the communes before it (derived by cohort shares). */
function geoParams(ctx) {
  return ctx.state.geo === 'asof' ? { geo: 'asof' } : {};
}

/**
 * With the historical geography, an account limited to some communes may see only the old communes that merged into
 * them: the answer lists them, and the unit list keeps those, with the one answered selected.
 */
function syncUnits(ctx, projection) {
  const select = document.getElementById('filter-unit');
  if (!ctx.scoped || !select || !projection.units) return;
  // The unit answered goes into the URL (and the filters' summary), as the 2025 commune of such an account does.
  if (!ctx.state.unit && projection.unit !== 'AREA' && !ctx.stale()) ctx.navigate({ unit: projection.unit }, { keepFocus: true });
  const allowed = new Set(projection.units.map((unit) => unit.code));
  [...select.options].forEach((option) => { if (option.value && !allowed.has(option.value)) option.remove(); });
  select.value = projection.unit;
}

function published(ctx) {
  const cube = ctx.cubes.get('population_projection');
  return cube && cube.refDates.length ? cube : null;
}

/** The indicators answer of the view's unit: every scenario, every year (one request shared by three panels). */
function indicators(ctx) {
  return ctx.fetch({ path: '/api/v1/projections/indicators', params: { unit: unitParam(ctx), ...geoParams(ctx), lang: ctx.lang } });
}

function exportOf(ctx, params) {
  return { path: '/api/v1/projections/export', params: { unit: unitParam(ctx), ...geoParams(ctx), lang: ctx.lang, ...params }, formats: ['csv', 'xlsx'] };
}

/** The register's figures end at the jump-off date; every later year is projected (not the extract date, nor the last year shown). */
function source(ctx, projection) {
  syncUnits(ctx, projection);
  return { plain: ctx.t.forecast.sourcePlain(date(projection.jumpOff), date(ctx.catalog.builtAt)),
    detail: ctx.t.forecast.source(projection.version, projection.label) };
}

/** The unit filter applies; the others do not (a projection is by unit, sex and age, not ethnicity or a month). */
function filtersOf(ctx) {
  return { applied: ctx.state.unit ? ['unit'] : [], ignored: ['sex', 'age', 'eth'] };
}

function notesOf(projection, extra = []) {
  return [projection.label, ...extra, ...projection.notes];
}

function fanPanel(ctx) {
  const f = ctx.t.forecast;
  return {
    id: 'forecast-fan', title: ctx.t.pages.forecast, size: 'half', chart: lines,
    async load() {
      if (!published(ctx)) return { message: f.unavailable };
      const answer = await indicators(ctx);
      const { projection } = answer;
      const population = answer.indicators.find((indicator) => indicator.id === 'population');
      const columns = [{ key: 'year', label: f.year, type: 'text' }, ...SCENARIOS.map((code) => ({ key: code, label: f.scenarios[code] }))];
      const rows = population.values.map((value) => [f.yearLabel(value.year, value.observed), ...SCENARIOS.map((code) => value[code])]);
      return {
        title: f.fanTitle(projection.unitName, date(projection.jumpOff)), columns, rows,
        // The axis names the years only (the title says which is the jump-off): "2025 (năm gốc)" centred on the first tick was cut off.
        lines: { series: SCENARIOS.map((key) => ({ key })), type: 'int', scale: true, axisLabel: (label) => label.slice(0, 4) },
        withheld: rows.reduce((n, row) => n + row.filter((v) => v === null).length, 0),
        notes: notesOf(projection), source: source(ctx, projection), download: exportOf(ctx, { scenario: 'all' }), ...filtersOf(ctx),
      };
    },
  };
}

function pyramidControls(ctx) {
  const cube = published(ctx);
  if (!cube) return null;
  const years = cube.refDates.map((d) => Number(d.slice(0, 4))).slice(1);
  const chosen = years.includes(Number(ctx.state.py)) ? Number(ctx.state.py) : years[years.length - 1];
  const select = el('select', { id: 'pyramid-year', onchange: (event) => ctx.navigate({ py: event.target.value }, { keepFocus: true }) },
    years.map((year) => el('option', { value: String(year), selected: year === chosen, text: String(year) })));
  return el('div', { class: 'panel-controls' }, el('label', { for: 'pyramid-year', text: `${ctx.t.forecast.pyramidYear} ` }), select);
}

function pyramidPanel(ctx) {
  const f = ctx.t.forecast;
  return {
    id: 'forecast-pyramid', title: ctx.t.pages.forecast, size: 'half', chart: pyramid, controls: pyramidControls,
    async load() {
      const cube = published(ctx);
      if (!cube) return { message: f.unavailable };
      const years = cube.refDates.map((d) => Number(d.slice(0, 4)));
      const target = years.slice(1).includes(Number(ctx.state.py)) ? Number(ctx.state.py) : years[years.length - 1];
      const params = { unit: unitParam(ctx), ...geoParams(ctx), ages: 'bands', sex: 'split', scenario: 'MEDIUM', lang: ctx.lang };
      const [later, base] = await Promise.all([
        ctx.fetch({ path: '/api/v1/projections', params: { ...params, year: String(target) } }),
        ctx.fetch({ path: '/api/v1/projections', params: { ...params, year: String(years[0]) } })]);
      const cells = (answer) => new Map(answer.rows.filter((row) => row.sex !== 'total').map((row) => [`${row.ageGroup}|${row.sex}`, row.value]));
      const now = cells(later);
      const before = cells(base);
      const jumpOff = date(later.projection.jumpOff);
      const rows = BANDS.map((band) => [ageLabel(band, ctx.lang), now.get(`${band}|M`), now.get(`${band}|F`), before.get(`${band}|M`), before.get(`${band}|F`)]);
      return {
        title: f.pyramidTitle(target, jumpOff),
        columns: [{ key: 'band', label: ctx.t.cols.ageBand, type: 'text' }, { key: 'M', label: `${ctx.t.cols.male} ${target}` },
          { key: 'F', label: `${ctx.t.cols.female} ${target}` }, { key: 'cmpM', label: `${ctx.t.cols.male} ${years[0]}` },
          { key: 'cmpF', label: `${ctx.t.cols.female} ${years[0]}` }],
        rows, compareLabel: ctx.state.geo === 'asof' ? f.jumpOffLineShared(jumpOff) : f.jumpOffLine(jumpOff),
        withheld: rows.reduce((n, row) => n + row.filter((v) => v === null).length, 0),
        notes: notesOf(later.projection), source: source(ctx, later.projection),
        download: exportOf(ctx, { ages: 'bands', sex: 'split', scenario: 'MEDIUM' }), ...filtersOf(ctx),
      };
    },
  };
}

/** A table of indicators per year: the medium value, and the scenarios' range in brackets. */
function yearTablePanel(ctx, { id, ids, title, download }) {
  const f = ctx.t.forecast;
  return {
    id, title: ctx.t.pages.forecast, size: 'full', chart: tableChart,
    async load() {
      if (!published(ctx)) return { message: f.unavailable };
      const answer = await indicators(ctx);
      const { projection } = answer;
      const chosen = ids.map((key) => answer.indicators.find((indicator) => indicator.id === key));
      const decimals = (indicator) => (indicator.kind === 'ratio' ? 1 : 0);
      const text = (indicator, value) => {
        if (value.MEDIUM === null) return null;
        const medium = number(value.MEDIUM, ctx.lang, decimals(indicator));
        if (value.low === null || value.low === value.high) return medium;
        return `${medium} (${number(value.low, ctx.lang, decimals(indicator))}–${number(value.high, ctx.lang, decimals(indicator))})`;
      };
      const years = chosen[0].values;
      const rows = years.map((value, i) => [f.yearLabel(value.year, value.observed), ...chosen.map((indicator) => text(indicator, indicator.values[i]))]);
      const columns = [{ key: 'year', label: f.year, type: 'text' },
        ...chosen.map((indicator) => ({ key: indicator.id, label: `${indicator.label} (${indicator.purpose})`, type: 'text' }))];
      return {
        title: title(projection.unitName, date(projection.jumpOff)), columns, rows, rowCodes: years.map((value) => String(value.year)),
        withheld: rows.reduce((n, row) => n + row.filter((v) => v === null).length, 0),
        notes: notesOf(projection, [f.rangeNote]), source: source(ctx, projection), download, ...filtersOf(ctx),
      };
    },
  };
}

export function panels(ctx) {
  const f = ctx.t.forecast;
  return [
    fanPanel(ctx),
    pyramidPanel(ctx),
    yearTablePanel(ctx, { id: 'forecast-school', ids: SCHOOL, title: f.schoolTitle, download: exportOf(ctx, { scenario: 'all', ages: 'groups' }) }),
    yearTablePanel(ctx, { id: 'forecast-health', ids: HEALTH, title: f.healthTitle, download: exportOf(ctx, { scenario: 'all', ages: 'groups' }) }),
  ];
}
