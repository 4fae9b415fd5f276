// The planners' report download in the top bar: kind (monthly, annual), period, geography and format. The link is
// GET /api/v1/reports in the page's language; the file is fetched first, so that a failure is said in the page.
import { el, clear } from './dom.js';
import { url } from './api.js';

export const REPORT_ROLES = ['planner', 'leader', 'statistician', 'admin'];
const FORMATS = ['xlsx', 'pdf', 'csv'];
const REFORM = '2025-07-01';

/**
 * The periods a report can be made for, latest first: months (yyyy-MM) of the population's month ends, or their
 * years. A year the data cover only in part ({from, to}: the API's coverage) is marked with the months it covers.
 * An account limited to some communes gets no period before 1 July 2025 on the historical units (the API refuses it).
 */
export function periods(dates, kind, coverage, { scoped = false, geo = '2025' } = {}) {
  const kept = scoped && geo === 'asof' ? dates.filter((day) => day >= REFORM) : dates;
  const values = kept.map((day) => (kind === 'annual' ? day.slice(0, 4) : day.slice(0, 7)));
  return [...new Set(values)].reverse().map((code) => ({ code, partial: kind === 'annual' ? partialMonths(code, coverage) : null }));
}

/** For a year the data cover only in part: its first and last month with data (numbers); null for a whole year. */
export function partialMonths(year, coverage) {
  if (!coverage) return null;
  const first = coverage.from > `${year}-01-01` ? Number(coverage.from.slice(5, 7)) : 1;
  const last = coverage.to < `${year}-12-31` ? Number(coverage.to.slice(5, 7)) : 12;
  return first === 1 && last === 12 ? null : { first, last };
}

/** The period chosen first: the latest whole period (a partial year only when there is no whole one). */
export function defaultPeriod(options) {
  const whole = options.find((option) => !option.partial);
  return (whole || options[0] || { code: '' }).code;
}

function select(id, label, options, value) {
  const node = el('select', { id, name: id }, options.map(([code, text]) => el('option', { value: code, text, selected: code === value })));
  return { node, field: el('div', { class: 'field' }, el('label', { for: id, text: label }), node) };
}

/** The file name the server gives (Content-Disposition), or one made from the link. */
function fileName(response, href) {
  const match = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') || '');
  return match ? match[1] : href.split('?')[0].split('/').pop();
}

/** The control, or null when the role may not download reports or the server makes none. */
export function reportMenu(ctx) {
  const { t } = ctx;
  if (!ctx.catalog.reports || !ctx.role(REPORT_ROLES)) return null;
  const coverage = ctx.catalog.coverage;
  const kind = select('report-kind', t.report.kind, [['monthly', t.report.monthly], ['annual', t.report.annual]], 'monthly');
  const period = select('report-period', t.report.period, [], '');
  const geo = select('report-geo', t.report.geo, [['2025', t.geo2025], ['asof', t.geoAsof]], ctx.geo);
  const format = select('report-format', t.report.format, FORMATS.map((code) => [code, code.toUpperCase()]), 'xlsx');
  const link = el('a', { class: 'button', id: 'report-link', download: '', text: t.report.download });
  const status = el('p', { class: 'report-status', id: 'report-status', role: 'status', 'aria-live': 'polite' });

  function fillPeriods() {
    const options = periods(ctx.dates, kind.node.value, coverage, { scoped: ctx.scoped, geo: geo.node.value });
    const chosen = options.some((option) => option.code === period.node.value) ? period.node.value : defaultPeriod(options);
    clear(period.node).append(...options.map((option) => el('option', {
      value: option.code, selected: option.code === chosen,
      text: option.partial ? t.report.partialYear(option.code, option.partial.first, option.partial.last) : option.code,
    })));
    link.hidden = options.length === 0;
    status.textContent = options.length ? '' : t.report.nothing;
  }

  function update() {
    link.href = url('/api/v1/reports', { kind: kind.node.value, period: period.node.value, geo: geo.node.value, format: format.node.value, lang: ctx.lang });
    status.textContent = '';
    delete status.dataset.state;
  }

  // The file is fetched, then saved: a refusal or a failure is said here, in the page's language, not as a JSON page.
  link.addEventListener('click', async (event) => {
    if (event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    const href = link.href;
    status.textContent = t.report.making;
    status.dataset.state = 'busy';
    try {
      const response = await fetch(href, { credentials: 'same-origin' });
      if (!response.ok) {
        const body = await response.json().catch(() => ({}));
        status.textContent = t.report.failed(response.status, body.title || response.statusText);
        status.dataset.state = 'error';
        return;
      }
      const blob = await response.blob();
      const save = el('a', { href: URL.createObjectURL(blob), download: fileName(response, href) });
      document.body.append(save);
      save.click();
      save.remove();
      setTimeout(() => URL.revokeObjectURL(save.href), 60_000);
      status.textContent = t.report.done(fileName(response, href));
      status.dataset.state = 'done';
    }
    catch (error) {
      status.textContent = t.report.failed(0, error.message);
      status.dataset.state = 'error';
    }
  });

  kind.node.addEventListener('change', () => {
    period.node.value = '';
    fillPeriods();
    update();
  });
  geo.node.addEventListener('change', () => {
    fillPeriods();
    update();
  });
  for (const control of [period, format]) control.node.addEventListener('change', update);
  fillPeriods();
  update();
  return el('details', { class: 'report-menu', id: 'report-menu' },
    el('summary', { class: 'button secondary', text: t.report.menu }),
    el('div', { class: 'report-form', role: 'group', 'aria-label': t.report.title },
      el('p', { class: 'report-title', text: t.report.title }),
      kind.field, period.field, geo.field, format.field, link, status,
      el('p', { class: 'kpi-detail', text: t.report.help })));
}
