// What a page needs to ask the API: the view (filters from the URL), the caller's role, the published cubes, the
// units of the chosen geography — and helpers that turn them into query parameters.
import { BROAD_AGES } from './state.js';
import { number } from './format.js';

export const BANDS = ['0-4', '5-9', '10-14', '15-19', '20-24', '25-29', '30-34', '35-39', '40-44', '45-49', '50-54', '55-59',
  '60-64', '65-69', '70-74', '75-79', '80-84', '85-89', '90-94', '95-99', '100+'];
const BROAD_BANDS = { '0-14': BANDS.slice(0, 3), '15-59': BANDS.slice(3, 12), '60-64': ['60-64'], '65+': BANDS.slice(13) };
export const ETHNICITY_ROLES = ['planner', 'leader', 'statistician', 'admin'];
export const QUALITY_ROLES = ['leader', 'statistician', 'admin'];
export const EXACT_ROLES = ['statistician', 'admin'];

export function ageLabel(code, lang) {
  const text = code.replace('-', '–');
  return lang === 'en' || code.endsWith('+') ? text : `${text} tuổi`;
}

export function createContext({ state, lang, t, me, catalog, units, navigate, stale }) {
  const cubes = new Map(catalog.cubes.map((cube) => [cube.name, cube]));
  const stock = cubes.get('population_stock');
  const dates = stock ? stock.refDates : [catalog.extractDate];
  const refDate = dates.includes(state.date) ? state.date : dates[dates.length - 1];
  const communes = units.filter((unit) => unit.level === 'commune');
  const names = new Map(units.map((unit) => [unit.code, unit.name]));
  const geo = state.geo === 'asof' ? 'asof' : '2025';
  const ctx = {
    state, lang, t, me, catalog, cubes, dates, refDate, communes, geo, navigate, stale,
    version: catalog.version,
    scoped: me.scope && me.scope.length > 0,
    unit: state.unit,

    role(...roles) {
      return roles.flat().includes(me.role);
    },

    unitName(code) {
      return names.get(code) || code;
    },

    /** What the view is about: the selected commune (always one for a one-commune account), else the whole area. */
    areaName() {
      return state.unit ? ctx.unitName(state.unit) : catalog.areaLabel;
    },

    select(code) {
      navigate({ unit: code || undefined });
    },

    /** A message model when a cube is not published or the role may not see it; null when the panel can ask. */
    unavailable(cube, roles) {
      if (!cubes.has(cube) || !cubes.get(cube).refDates.length) return { message: t.notPublished(cube, catalog.version) };
      if (roles && !ctx.role(roles)) return { message: t.needsRole(roles.map((role) => t.roles[role]).join(', ')) };
      if (cubes.get(cube).available === false) return { message: t.needsRole(QUALITY_ROLES.map((role) => t.roles[role]).join(', ')) };
      return null;
    },

    /** The text of an active filter, for the subtitles; '' when the filter is not set. */
    filterLabel(key) {
      const value = state[key];
      if (!value) return '';
      if (key === 'unit') return ctx.unitName(value);
      if (key === 'sex') return value === 'M' ? t.cols.male : t.cols.female;
      if (key === 'age') return ageLabel(value, lang);
      if (key === 'eth') {
        const dimension = stock?.dimensions.find((d) => d.name === 'ethnicity');
        return dimension?.codes.find((c) => c.code === value)?.label || value;
      }
      return '';
    },

    /** The filter= parameters of the global filters this cube can apply, and which were applied or not. */
    filters(cubeName, skip = []) {
      const cube = cubes.get(cubeName);
      const dims = cube ? cube.queryDimensions : [];
      const filter = [];
      const applied = [];
      const ignored = [];
      const use = (key, text) => {
        if (!state[key] || skip.includes(key)) return;
        if (text) {
          filter.push(text);
          applied.push(key);
        }
        else ignored.push(key);
      };
      use('unit', dims.includes('unit') ? `unit:${state.unit}` : null);
      use('sex', dims.includes('sex') ? `sex:${state.sex}` : null);
      if (state.age) {
        const broad = BROAD_AGES.includes(state.age) && !BANDS.includes(state.age);
        const groups = cube?.dimensions.find((d) => d.name === 'ageGroup');
        let text = null;
        if (dims.includes('ageBand')) text = broad ? `ageBroad:${state.age}` : `ageBand:${state.age}`;
        else if (groups?.codes?.some((c) => c.code === '0-4')) text = `ageGroup:${(broad ? BROAD_BANDS[state.age] : [state.age]).join(',')}`;
        use('age', text);
      }
      use('eth', dims.includes('ethnicity') ? `ethnicity:${state.eth}` : null);
      return { filter, applied, ignored };
    },

    /** A cube question with the view's geography and filters: what to fetch, what to download, which filters applied. */
    ask(cube, params = {}, { skip = [], series = false } = {}) {
      const f = ctx.filters(cube, skip);
      const query = { geo, lang, ...params, filter: [...(params.filter || []), ...f.filter] };
      const base = `/api/v1/cubes/${cube}`;
      return { path: `${base}/${series ? 'series' : 'query'}`, params: query, applied: f.applied, ignored: f.ignored,
        download: { path: series ? `${base}/series/export` : `${base}/export`, params: query } };
    },

    /** Indicators for the selected unit (or the whole area), or for every unit (byUnit). */
    indicators(ids, params = {}, { byUnit = false, series = false } = {}) {
      const scope = ctx.scoped ? me.scope : null;
      const query = { ids: ids.join(','), geo, lang, ...params };
      if (byUnit) {
        query.level = 'commune';
        if (scope) query.filter = `unit:${scope.join(',')}`;
      }
      else if (state.unit) {
        query.level = 'commune';
        query.filter = `unit:${state.unit}`;
      }
      else query.level = 'area';
      const path = series ? '/api/v1/indicators/series' : '/api/v1/indicators';
      return { path, params: query, applied: !byUnit && state.unit ? ['unit'] : [], ignored: ['sex', 'age', 'eth'],
        download: { path: `${path}/export`, params: query } };
    },

    fetch(question) {
      return ctx.requests.get(question.path, question.params);
    },

    number(value, decimals = 0) {
      return number(value, lang, decimals);
    },
  };
  return ctx;
}
