// The planners' report download in the top bar: kind (monthly, annual), period (the month ends and years with
// population figures), geography and format, as a plain link to GET /api/v1/reports in the page's language.
import { el, clear } from './dom.js';
import { url } from './api.js';

export const REPORT_ROLES = ['planner', 'leader', 'statistician', 'admin'];
const FORMATS = ['xlsx', 'pdf', 'csv'];

/** The periods a report can be made for: months (yyyy-MM) of the month ends, or their years, latest first. */
export function periods(dates, kind) {
  const values = dates.map((day) => (kind === 'annual' ? day.slice(0, 4) : day.slice(0, 7)));
  return [...new Set(values)].reverse();
}

function select(id, label, options, value) {
  const node = el('select', { id, name: id }, options.map(([code, text]) => el('option', { value: code, text, selected: code === value })));
  return { node, field: el('div', { class: 'field' }, el('label', { for: id, text: label }), node) };
}

/** The control, or null when the role may not download reports or the server makes none. */
export function reportMenu(ctx) {
  const { t } = ctx;
  if (!ctx.catalog.reports || !ctx.role(REPORT_ROLES)) return null;
  const kind = select('report-kind', t.report.kind, [['monthly', t.report.monthly], ['annual', t.report.annual]], 'monthly');
  const period = select('report-period', t.report.period, [], '');
  const geo = select('report-geo', t.report.geo, [['2025', t.geo2025], ['asof', t.geoAsof]], ctx.geo);
  const format = select('report-format', t.report.format, FORMATS.map((code) => [code, code.toUpperCase()]), 'xlsx');
  const link = el('a', { class: 'button', id: 'report-link', download: '', text: t.report.download });

  function fillPeriods() {
    const chosen = kind.node.value === 'annual' ? ctx.refDate.slice(0, 4) : ctx.refDate.slice(0, 7);
    clear(period.node).append(...periods(ctx.dates, kind.node.value).map((code) => el('option', { value: code, text: code, selected: code === chosen })));
  }

  function update() {
    link.href = url('/api/v1/reports', { kind: kind.node.value, period: period.node.value, geo: geo.node.value, format: format.node.value, lang: ctx.lang });
  }

  kind.node.addEventListener('change', () => {
    fillPeriods();
    update();
  });
  for (const control of [period, geo, format]) control.node.addEventListener('change', update);
  fillPeriods();
  update();
  return el('details', { class: 'report-menu', id: 'report-menu' },
    el('summary', { class: 'button secondary', text: t.report.menu }),
    el('div', { class: 'report-form', role: 'group', 'aria-label': t.report.title },
      el('p', { class: 'report-title', text: t.report.title }),
      kind.field, period.field, geo.field, format.field, link,
      el('p', { class: 'kpi-detail', text: t.report.help })));
}
