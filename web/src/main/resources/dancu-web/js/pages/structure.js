// Population structure: pyramid (with a second period), ethnic composition, sex ratio, dependency ratios, school-age
// and elderly counts for planning schools and care.
import * as pyramid from '../charts/pyramid.js';
import * as bars from '../charts/bars.js';
import { el } from '../dom.js';
import { date, shiftMonths } from '../format.js';
import { BANDS, ETHNICITY_ROLES, ageLabel } from '../context.js';
import { indicatorRows, indicatorValueOf, sourceText, withheldCount } from './common.js';

const STRUCTURE = ['sexRatio', 'childDependency', 'oldAgeDependency', 'totalDependency', 'schoolAgePreschool', 'schoolAgePrimary',
  'schoolAgeLowerSecondary', 'schoolAgeUpperSecondary', 'elderly'];
const SINGLE_AGES = [...Array.from({ length: 100 }, (_, i) => String(i)), '100+'];

/** The comparison period: the one in the URL, else five years before (or the earliest month end), never the same date. */
export function compareDate(ctx) {
  if (ctx.state.cmp === 'none') return null;
  if (ctx.dates.includes(ctx.state.cmp) && ctx.state.cmp !== ctx.refDate) return ctx.state.cmp;
  const fiveYears = shiftMonths(ctx.refDate, -60);
  const fallback = ctx.dates.includes(fiveYears) ? fiveYears : ctx.dates[0];
  return fallback !== ctx.refDate ? fallback : null;
}

function pyramidControls(ctx) {
  const { t, state } = ctx;
  const cmp = compareDate(ctx);
  const options = [el('option', { value: 'none', selected: !cmp, text: t.noCompare }),
    ...[...ctx.dates].reverse().filter((d) => d !== ctx.refDate).map((d) => el('option', { value: d, selected: d === cmp, text: date(d) }))];
  const select = el('select', { id: 'compare-date', onchange: (event) => ctx.navigate({ cmp: event.target.value }) }, options);
  const single = state.ages === 'single';
  const toggle = el('button', { type: 'button', class: 'secondary', id: 'single-years', 'aria-pressed': String(single),
    text: single ? t.fiveYears : t.singleYears, onclick: () => ctx.navigate({ ages: single ? undefined : 'single' }) });
  return el('div', { class: 'panel-controls' }, el('label', { for: 'compare-date', text: `${t.compareWith} ` }), select, ' ', toggle);
}

function pyramidPanel(ctx) {
  const { t } = ctx;
  return {
    id: 'pyramid', title: t.titles.pyramid(date(ctx.refDate)), size: 'half', chart: pyramid, controls: pyramidControls,
    async load() {
      const missing = ctx.unavailable('population_stock');
      if (missing) return missing;
      const single = ctx.state.ages === 'single';
      const dimension = single ? 'age' : 'ageBand';
      const question = ctx.ask('population_stock', { dims: `${dimension},sex`, date: ctx.refDate });
      const cmp = compareDate(ctx);
      const [answer, earlier] = await Promise.all([ctx.fetch(question),
        cmp ? ctx.fetch({ ...question, params: { ...question.params, date: cmp } }) : null]);
      const cells = (rows) => new Map(rows.map((row) => [`${row[dimension]}|${row.sex}`, row.population]));
      const now = cells(answer.rows);
      const before = earlier ? cells(earlier.rows) : null;
      const labels = new Map(answer.rows.map((row) => [row[dimension], row[`${dimension}Label`]]));
      const value = (map, code, sex) => (map.has(`${code}|${sex}`) ? map.get(`${code}|${sex}`) : 0);
      const sexes = ctx.state.sex ? [ctx.state.sex] : ['M', 'F'];
      const codes = (single ? SINGLE_AGES : BANDS).filter((code) => !ctx.state.age || labels.has(code));
      const rows = codes.map((code) => [labels.get(code) || ageLabel(code, ctx.lang),
        sexes.includes('M') ? value(now, code, 'M') : 0, sexes.includes('F') ? value(now, code, 'F') : 0,
        ...(before ? [sexes.includes('M') ? value(before, code, 'M') : 0, sexes.includes('F') ? value(before, code, 'F') : 0] : [])]);
      const columns = [{ key: 'band', label: single ? t.cols.age : t.cols.ageBand, type: 'text' }, { key: 'M', label: t.cols.male }, { key: 'F', label: t.cols.female }];
      if (before) columns.push({ key: 'cmpM', label: `${t.cols.male} ${date(cmp)}` }, { key: 'cmpF', label: `${t.cols.female} ${date(cmp)}` });
      return {
        title: (single ? t.titles.pyramidSingle : t.titles.pyramid)(date(answer.refDate)), ...question, columns, rows,
        compareLabel: cmp ? t.cols.compare(date(cmp)) : null, source: sourceText(answer, t),
        withheld: withheldCount(answer.rows) + (earlier ? withheldCount(earlier.rows) : 0),
      };
    },
  };
}

function ethnicPanel(ctx) {
  const { t } = ctx;
  return {
    id: 'ethnic', title: t.titles.ethnic(date(ctx.refDate)), size: 'half', chart: bars,
    async load() {
      const missing = ctx.unavailable('population_stock', ETHNICITY_ROLES);
      if (missing) return missing;
      const question = ctx.ask('population_stock', { dims: 'unit,ethnicity', date: ctx.refDate }, { skip: ['unit', 'eth'] });
      question.ignored.push(...['unit', 'eth'].filter((key) => ctx.state[key]));
      const answer = await ctx.fetch(question);
      const totals = new Map();
      for (const row of answer.rows) totals.set(row.ethnicity, (totals.get(row.ethnicity) || 0) + (row.population || 0));
      const top = [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([code]) => code);
      const labels = new Map(answer.rows.map((row) => [row.ethnicity, row.ethnicityLabel]));
      const units = [...new Map(answer.rows.map((row) => [row.unit, row.unitLabel])).entries()];
      const rows = units.map(([code, label]) => {
        const mine = answer.rows.filter((row) => row.unit === code);
        const others = mine.filter((row) => !top.includes(row.ethnicity));
        return [label, ...top.map((group) => {
          const row = mine.find((r) => r.ethnicity === group);
          return row ? row.population : 0;
        }), others.some((row) => row.population === null) ? null : others.reduce((sum, row) => sum + row.population, 0)];
      });
      const columns = [{ key: 'unit', label: t.cols.unit, type: 'text' }, ...top.map((code) => ({ key: `e${code}`, label: labels.get(code) })),
        { key: 'others', label: t.cols.others }];
      return {
        title: t.titles.ethnic(date(answer.refDate)), ...question, columns, rows, source: sourceText(answer, t), withheld: withheldCount(answer.rows),
        bars: { horizontal: true, series: columns.slice(1).map((column) => ({ key: column.key, stack: 'eth' })),
          highlight: ctx.state.unit ? ctx.unitName(ctx.state.unit) : undefined },
      };
    },
  };
}

export function indicatorPanel(ctx, { id, title, ids, fetchIds, labels, type, params, stack, notes }) {
  return {
    id, title, size: 'half', chart: bars,
    async load() {
      const missing = ctx.unavailable('population_stock');
      if (missing) return missing;
      const { answer, question, order, find } = await indicatorRows(ctx, fetchIds || ids, params);
      const columns = [{ key: 'unit', label: ctx.t.cols.unit, type: 'text' }, ...ids.map((indicator, i) => ({ key: indicator, label: labels[i], type }))];
      const rows = order.map(([unit, label]) => [label, ...ids.map((indicator) => indicatorValueOf(find(unit, indicator)))]);
      const withheld = rows.reduce((n, row) => n + row.filter((v) => v === null).length, 0);
      const refDate = answer.values.find((value) => value.refDate)?.refDate;
      return {
        title: typeof title === 'function' ? title(date(refDate || ctx.refDate)) : title, ...question, columns, rows, withheld,
        source: sourceText(answer, ctx.t), notes: notes ? notes(answer.values) : [],
        bars: { series: ids.map((indicator) => ({ key: indicator, stack })), type, highlight: ctx.state.unit ? ctx.unitName(ctx.state.unit) : undefined },
      };
    },
  };
}

export function panels(ctx) {
  const { t } = ctx;
  const params = { date: ctx.refDate };
  const common = { params, type: 'dec1', fetchIds: STRUCTURE };
  return [
    pyramidPanel(ctx),
    ethnicPanel(ctx),
    indicatorPanel(ctx, { ...common, id: 'sex-ratio', title: t.titles.sexRatio, ids: [STRUCTURE[0]], labels: [t.cols.sexRatio] }),
    indicatorPanel(ctx, { ...common, id: 'dependency', title: t.titles.dependency, ids: STRUCTURE.slice(1, 4), labels: [t.cols.child, t.cols.old, t.cols.totalDep] }),
    indicatorPanel(ctx, { params, fetchIds: STRUCTURE, type: 'int', id: 'school', title: t.titles.school, ids: STRUCTURE.slice(4),
      labels: [t.cols.preschool, t.cols.primary, t.cols.lower, t.cols.upper, t.cols.elderly],
      notes: (values) => {
        const school = values.find((v) => v.indicator.startsWith('schoolAge') && v.refDate);
        return school ? [t.schoolNote(Number(school.refDate.slice(0, 4)), date(school.refDate))] : [];
      } }),
  ];
}
