// Entry module: reads the view from the URL, asks who the caller is and what is published, draws the navigation, the
// filters and the page's panels. Pages are loaded on demand; the overview is preloaded by index.html.
import { getJson, logout, Requests, offlineSince } from './api.js';
import { el, clear } from './dom.js';
import { date } from './format.js';
import { texts } from './i18n.js';
import { PAGES, read, change, toSearch } from './state.js';
import { createContext, EXACT_ROLES } from './context.js';
import { createPanel } from './panel.js';
import { renderFilters } from './filters.js';
import { reportMenu } from './report.js';
import { disposeIn, prefetchFor, resizeAll, instanceOf } from './charts/loader.js';
import { redrawAll } from './charts/spark.js';
import { registerOffline, forgetAnswers } from './offline.js';

const LAST_DAY_OLD_UNITS = '2025-06-30';

/** Each page's module, loaded when the page is opened (named one by one, so that the bundler makes one file of each). */
const PAGE_MODULES = {
  overview: () => import('./pages/overview.js'),
  structure: () => import('./pages/structure.js'),
  communes: () => import('./pages/communes.js'),
  change: () => import('./pages/change.js'),
  forecast: () => import('./pages/forecast.js'),
  d06: () => import('./pages/d06.js'),
  quality: () => import('./pages/quality.js'),
  sql: () => import('./pages/sql.js'),
  tables: () => import('./pages/tables.js'),
  myreports: () => import('./pages/myreports.js'),
  login: () => import('./pages/login.js'),
};

const NAV = ['overview', 'structure', 'communes', 'change', 'forecast', 'd06', 'quality'];
let session = null;
let rendering = 0;

function byId(id) {
  return document.getElementById(id);
}

const narrowScreen = window.matchMedia('(max-width: 640px)');

/** Loads what every page needs: the caller, the catalogue of cubes, the units of the geography. */
async function boot() {
  const state = read();
  // The chart library starts loading at once (the page's name is enough), beside the first API requests.
  prefetchFor(state.page);
  const lang = state.lang === 'en' ? 'en' : 'vi';
  // The units of 2025 do not depend on the date: asked at once, beside the caller and the catalogue (one round trip less).
  const units2025 = state.geo === 'asof' ? null : getJson('/api/v1/units', { geo: '2025', lang });
  const [t, me, catalog, units] = await Promise.all([texts(lang), getJson('/api/v1/auth/me'), getJson('/api/v1/cubes', { lang }), units2025]);
  document.documentElement.lang = lang;
  document.title = `dancu — ${t.appTitle}`;
  byId('app-title').textContent = t.appTitle;
  byId('skip').textContent = t.skip;
  // An account limited to some communes always has one of them selected, in the URL like any other view.
  // (On the projection's old communes the API checks the scope: an old commune is in it when its successor is.)
  const oldUnits = state.geo === 'asof' && state.page === 'forecast';
  const scoped = me.scope && me.scope.length && !oldUnits && !me.scope.includes(state.unit) ? change(state, { unit: me.scope[0] }, true) : state;
  session = { lang, t, me, catalog, unitsKey: units ? '2025' : null, units: units ? units.units : [] };
  byId('area-label').textContent = catalog.areaLabel;
  byId('filters-summary').dataset.label = t.filters;
  byId('controls').setAttribute('aria-label', t.filters);
  byId('filters-bar').open = !narrowScreen.matches;
  await render(scoped, true);
}

async function unitsFor(state, refDate) {
  const geo = state.geo === 'asof' ? 'asof' : '2025';
  // The projection's years all lie after the reform: its historical units are the communes of the last day before it.
  const day = state.page === 'forecast' ? LAST_DAY_OLD_UNITS : refDate;
  const key = geo === 'asof' ? `asof|${day}` : '2025';
  if (session.unitsKey !== key) {
    const answer = await getJson('/api/v1/units', { geo, date: geo === 'asof' ? day : undefined, lang: session.lang });
    session.units = answer.units;
    session.unitsKey = key;
  }
  return session.units;
}

/** A new view; the focus goes to the page's content after a change of page, and stays where it is after a filter. */
function navigate(current, changes, { keepFocus = false } = {}) {
  const next = change(current, changes);
  render(next, false, keepFocus).catch(showError);
}

function renderNav(ctx) {
  const nav = clear(byId('nav'));
  const list = el('ul', {});
  const pages = [...NAV, ...(ctx.me.via !== 'anonymous' ? ['tables'] : []),
    ...(ctx.role('statistician', 'admin') && !ctx.scoped && ctx.catalog.sql ? ['sql'] : []),
    ...(ctx.me.via !== 'anonymous' ? ['myreports'] : [])];
  for (const page of pages) {
    const href = toSearch({ ...ctx.state, page });
    const current = ctx.state.page === page;
    const link = el('a', { href, 'aria-current': current ? 'page' : undefined, dataset: { page }, text: ctx.t.pages[page] });
    link.addEventListener('click', (event) => {
      if (event.ctrlKey || event.metaKey || event.shiftKey) return;
      event.preventDefault();
      navigate(ctx.state, { page: page === 'overview' ? undefined : page });
    });
    list.append(el('li', {}, link));
  }
  nav.setAttribute('aria-label', ctx.t.nav);
  nav.append(list);
}

function renderUser(ctx) {
  const { t, me } = ctx;
  const bar = clear(byId('userbar'));
  const languageLink = el('a', { href: toSearch({ ...ctx.state, lang: ctx.lang === 'en' ? undefined : 'en' }), lang: ctx.lang === 'en' ? 'vi' : 'en',
    'aria-label': t.languageLabel, class: 'lang', id: 'lang-switch', text: t.language });
  languageLink.addEventListener('click', (event) => {
    event.preventDefault();
    change(ctx.state, { lang: ctx.lang === 'en' ? undefined : 'en' });
    boot().catch(showError);
  });
  const printButton = el('button', { type: 'button', class: 'secondary', id: 'print', text: t.print, onclick: () => window.print() });
  bar.append(languageLink, printButton);
  const report = reportMenu(ctx);
  if (report) bar.append(report);
  if (me.via === 'anonymous') {
    const link = el('a', { href: toSearch({ ...ctx.state, page: 'login', back: ctx.state.page }), class: 'button', id: 'login-link', text: t.login });
    link.addEventListener('click', (event) => {
      event.preventDefault();
      navigate(ctx.state, { page: 'login', back: ctx.state.page === 'login' ? undefined : ctx.state.page });
    });
    bar.append(link);
  }
  else {
    bar.append(el('span', { class: 'who', id: 'who', dataset: { role: me.role } }, `${me.displayName || me.username} · ${t.roles[me.role] || me.role}`));
    bar.append(el('button', { type: 'button', class: 'secondary', id: 'logout', text: t.logout, onclick: async () => {
      await logout();
      await forgetAnswers();
      change(ctx.state, { page: undefined, unit: undefined, geo: undefined, eth: undefined }, true);
      boot().catch(showError);
    } }));
  }
  const note = byId('role-note');
  note.textContent = me.role === 'viewer' ? t.publicNote
    : ctx.scoped ? t.scopeNote(me.scope.map((code) => (session.names2025 && session.names2025.get(code)) || ctx.unitName(code)).join(', ')) : '';
}

/** The report header of a printed page: area, reference date, source in plain words, filters, day printed. */
function renderPrintSummary(ctx) {
  const { t } = ctx;
  const filters = ['unit', 'sex', 'age', 'eth'].map((key) => (ctx.filterLabel(key) ? `${t[key]}: ${ctx.filterLabel(key)}` : null)).filter(Boolean);
  // The table builder's page has its own reference and values (printed with the table), not the dashboard's filters.
  const ownView = ctx.state.page === 'tables';
  // (DOM append writes a null as the text "null": leave the line out instead.)
  clear(byId('print-summary')).append(...[
    el('p', { class: 'print-title', text: `${t.pages[ctx.state.page]} — ${ctx.areaName()}` }),
    ownView ? null : el('p', { text: `${t.date}: ${date(ctx.refDate)}; ${t.geo}: ${ctx.geo === 'asof' ? t.geoAsof : t.geo2025}. ${filters.length ? `${t.filters}: ${filters.join('; ')}.` : t.noFilters}` }),
    el('p', { text: `${t.source}: ${t.sourcePlain(date(ctx.catalog.extractDate), date(ctx.catalog.builtAt))}. ${t.printedAt(date(new Date().toISOString()))}.` }),
  ].filter(Boolean));
}

/** The filters bar's one line (shown on a phone, where the filters fold into it): the view's date and filters. */
function renderFiltersSummary(ctx) {
  const { t } = ctx;
  const parts = [date(ctx.refDate), ...['unit', 'sex', 'age', 'eth'].map((key) => ctx.filterLabel(key)).filter(Boolean)];
  if (!ctx.state.unit) parts.splice(1, 0, t.wholeArea);
  byId('filters-summary').textContent = `${t.filters}: ${parts.join(' · ')}`;
}

function renderOffline(ctx) {
  const since = offlineSince();
  const banner = byId('offline');
  banner.hidden = !since;
  banner.textContent = since ? ctx.t.offline(date(ctx.refDate), since) : '';
}

async function render(state, first = false, keepFocus = false) {
  const token = ++rendering;
  const { lang, t, me, catalog } = session;
  const main = byId('main');
  document.body.dataset.ready = 'false';
  byId('status').textContent = t.loading;
  const stock = catalog.cubes.find((cube) => cube.name === 'population_stock');
  const dates = stock ? stock.refDates : [catalog.extractDate];
  const refDate = dates.includes(state.date) ? state.date : dates[dates.length - 1];
  // The historical units are for the roles that see exact counts, and on the projection page for every role.
  if (state.geo === 'asof' && state.page !== 'forecast' && !EXACT_ROLES.includes(me.role)) {
    state = change(state, { geo: undefined, unit: me.scope && me.scope.length ? me.scope[0] : undefined }, true);
  }
  const units = await unitsFor(state, refDate);
  // An account's scope is of 2025 communes, whose codes an old commune may reuse (23485: Đắk Tơ Lung, then Đăk Kôi).
  if (me.scope && me.scope.length && !session.names2025) {
    const answer = state.geo === 'asof' ? await getJson('/api/v1/units', { geo: '2025', lang }) : { units };
    session.names2025 = new Map(answer.units.map((unit) => [unit.code, unit.name]));
  }
  if (token !== rendering) return;
  if (state.unit && !units.some((unit) => unit.level === 'commune' && unit.code === state.unit)) {
    state = change(state, { unit: undefined }, true);
  }
  const ctx = createContext({ state, lang, t, me, catalog, units, navigate: (changes, options) => navigate(state, changes, options), stale: () => token !== rendering });
  ctx.requests = new Requests();
  renderNav(ctx);
  renderUser(ctx);
  const focused = document.activeElement?.id;
  renderFilters(byId('filters'), ctx);
  renderFiltersSummary(ctx);
  renderPrintSummary(ctx);
  byId('filters-bar').hidden = state.page === 'login' || state.page === 'sql' || state.page === 'myreports' || state.page === 'tables';
  if (keepFocus && focused && byId(focused)) byId(focused).focus({ preventScroll: true });
  if (ctx.scoped) byId('area-label').textContent = t.scopedArea(ctx.areaName(), catalog.areaLabel);
  const page = await (PAGE_MODULES[state.page] || PAGE_MODULES.overview)();
  if (token !== rendering) return;
  disposeIn(main);
  clear(main);
  main.append(el('h2', { class: 'page-title', text: t.pages[state.page] }));
  document.body.dataset.page = state.page;
  if (page.render) {
    await page.render(main, ctx, { reboot: () => boot().catch(showError) });
  }
  else {
    const panels = page.panels(ctx).map((spec) => createPanel(spec, ctx));
    main.append(el('div', { class: `grid grid-${state.page}` }, panels.map((panel) => panel.element)));
    if (page.extra) main.append(page.extra(ctx));
    // For the benchmark: when every chart is on screen (drawn by the page or by ECharts), before the interactive charts.
    Promise.all(panels.map((panel) => panel.drawn)).then(() => {
      if (token === rendering && !performance.getEntriesByName('dancu-drawn').length) performance.mark('dancu-drawn');
    });
    await Promise.all(panels.map((panel) => panel.load()));
  }
  if (token !== rendering) return;
  byId('status').textContent = '';
  renderOffline(ctx);
  document.body.dataset.requests = String(ctx.requests.count());
  document.body.dataset.ready = 'true';
  if (!performance.getEntriesByName('dancu-ready').length) performance.mark('dancu-ready');
  if (!first && !keepFocus) main.focus({ preventScroll: true });
}

function showError(error) {
  console.error(error);
  byId('status').textContent = error.message;
  document.body.dataset.ready = 'error';
}

window.addEventListener('popstate', () => {
  const state = read();
  if ((state.lang === 'en' ? 'en' : 'vi') !== session?.lang) boot().catch(showError);
  else render(state).catch(showError);
});

let resizeTimer = 0;
function resizeCharts() {
  resizeAll();
  redrawAll();
}
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(resizeCharts, 150);
});
// Printing: the charts are redrawn at the paper's width (the print layout is in force when the media query turns).
window.addEventListener('beforeprint', resizeCharts);
window.addEventListener('afterprint', resizeCharts);
window.matchMedia('print').addEventListener('change', resizeCharts);
narrowScreen.addEventListener('change', () => {
  byId('filters-bar').open = !narrowScreen.matches;
});
// For the browser tests: the ECharts instance of a node, whichever build drew it.
window.dancu = { instanceOf };
registerOffline();

boot().catch(showError);
