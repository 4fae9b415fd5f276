// The view lives in the URL (?page=…&date=…&unit=…), so that it can be bookmarked and sent to a colleague.
export const PAGES = ['overview', 'structure', 'communes', 'change', 'forecast', 'd06', 'quality', 'sql', 'tables', 'myreports', 'login'];
// The table builder's keys: cube, rows, cols, vals (kept values: unit:23479,23485;sex:M), bands, measure, period, tdate.
const KEYS = ['page', 'date', 'geo', 'unit', 'sex', 'age', 'eth', 'cmp', 'ages', 'lang', 'back', 'py', 'cube', 'rows', 'cols', 'vals', 'bands',
  'measure', 'period', 'tdate'];
export const BROAD_AGES = ['0-14', '15-59', '60-64', '65+'];

export function read(search = window.location.search) {
  const params = new URLSearchParams(search);
  const state = {};
  for (const key of KEYS) {
    const value = params.get(key);
    if (value) state[key] = value;
  }
  if (!PAGES.includes(state.page)) state.page = 'overview';
  if (state.lang !== 'en') delete state.lang;
  if (state.geo !== 'asof') delete state.geo;
  if (state.sex !== 'M' && state.sex !== 'F') delete state.sex;
  return state;
}

export function toSearch(state) {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    if (state[key] && !(key === 'page' && state.page === 'overview')) params.set(key, state[key]);
  }
  const text = params.toString();
  return text ? `?${text}` : window.location.pathname;
}

/** Replaces some keys (undefined or '' removes one) and records the view in the history. */
export function change(state, changes, replace = false) {
  const next = { ...state };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || value === null || value === '') delete next[key];
    else next[key] = value;
  }
  const url = toSearch(next);
  if (replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  return next;
}
