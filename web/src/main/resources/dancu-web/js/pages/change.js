// Change over time: population at month end; births, deaths, natural increase and migration by month (statisticians)
// or by year (other roles: monthly flows are withheld from them); crude rates by year.
import * as lines from '../charts/lines.js';
import { date, shiftMonths } from '../format.js';
import { EXACT_ROLES } from '../context.js';
import { sourceText, total, withheldCount, partialYears, periodLabel } from './common.js';

function range(ctx, monthly) {
  if (monthly) return { from: shiftMonths(ctx.refDate, -23).slice(0, 7), to: ctx.refDate.slice(0, 7), step: 'month' };
  return { from: `${ctx.dates[0].slice(0, 4)}-01`, to: `${ctx.refDate.slice(0, 4)}-12`, step: 'year' };
}

/**
 * Every month (or year) of the range in which the cubes have data: a month without a partition had no event, so a
 * flow is 0 there (not a gap). key: the month end or the year; label: as the axis writes it.
 */
function periods(ctx, monthly, ...cubes) {
  const dates = cubes.flatMap((cube) => ctx.cubes.get(cube).refDates);
  const first = dates.reduce((a, b) => (a < b ? a : b));
  const last = dates.reduce((a, b) => (a > b ? a : b));
  const out = [];
  if (monthly) {
    const start = shiftMonths(ctx.refDate, -23);
    for (let day = start > first ? start : first; day <= ctx.refDate && day <= last; day = shiftMonths(day, 1)) out.push({ key: day, label: date(day) });
  }
  else {
    for (let year = Math.max(Number(ctx.dates[0].slice(0, 4)), Number(first.slice(0, 4))); year <= Math.min(Number(ctx.refDate.slice(0, 4)), Number(last.slice(0, 4))); year++) {
      out.push({ key: String(year), label: String(year) });
    }
  }
  return out;
}

function periodKey(point) {
  return point.period ? String(point.period.year) : point.refDate;
}

function periodTitle(ctx, spans, monthly, what) {
  const make = monthly ? ctx.t.titles.flowsMonthly : ctx.t.titles.flowsYearly;
  return make(what, spans[0].label, spans[spans.length - 1].label);
}

/** For yearly figures: why not monthly, and which years are partial (the register's period starts or ends within them). */
function flowNotes(ctx, answer, monthly) {
  if (monthly) return [];
  const partial = answer.points.filter((point) => point.partial && point.period)
    .map((point) => `${point.period.year}: ${point.label} (${date(point.period.from)}–${date(point.period.to)})`);
  return [ctx.t.monthlyForStatisticians, partial.length ? ctx.t.partialYears(partial.join('; ')) : null].filter(Boolean);
}

/**
 * Rows labelled with the months a partial year covers, and the chart's marks for those years (a shaded band with the
 * months, lighter bars): a partial year is never drawn as a whole one beside whole years.
 */
function labelPartial(spans, partial) {
  const labels = spans.map((span) => periodLabel(span.label, partial.get(span.key)));
  const marks = spans.map((span, i) => (partial.has(span.key) ? { category: labels[i], label: partial.get(span.key) } : null)).filter(Boolean);
  return { labels, marks };
}

function stockPanel(ctx) {
  const { t } = ctx;
  return {
    id: 'stock', title: t.kpi.population, size: 'half', chart: lines,
    async load() {
      const missing = ctx.unavailable('population_stock');
      if (missing) return missing;
      const question = ctx.ask('population_stock', range(ctx, true), { series: true });
      const answer = await ctx.fetch(question);
      return {
        title: t.titles.stock(date(answer.points[0].refDate), date(answer.points[answer.points.length - 1].refDate)), ...question,
        columns: [{ key: 'date', label: t.cols.date, type: 'text' }, { key: 'population', label: t.cols.population }],
        rows: answer.points.map((point) => [date(point.refDate), total(point.rows, 'population')]),
        withheld: withheldCount(answer.points.flatMap((p) => p.rows)), source: sourceText(answer, t),
        lines: { series: [{ key: 'population' }], scale: true },
      };
    },
  };
}

function flowPanel(ctx, cube, measure, word) {
  const { t } = ctx;
  return {
    id: cube, title: word, size: 'half', chart: lines,
    async load() {
      const missing = ctx.unavailable(cube);
      if (missing) return missing;
      const monthly = ctx.role(EXACT_ROLES);
      const spans = periods(ctx, monthly, cube);
      if (!spans.length) return { message: t.noData };
      const question = ctx.ask(cube, range(ctx, monthly), { series: true });
      const answer = await ctx.fetch(question);
      const values = new Map(answer.points.map((point) => [periodKey(point), total(point.rows, measure)]));
      const { labels, marks } = labelPartial(spans, partialYears(answer.points));
      return {
        title: periodTitle(ctx, spans, monthly, word), ...question, source: sourceText(answer, t), notes: flowNotes(ctx, answer, monthly),
        columns: [{ key: 'period', label: monthly ? t.cols.date : t.cols.year, type: 'text' }, { key: measure, label: word }],
        rows: spans.map((span, i) => [labels[i], values.has(span.key) ? values.get(span.key) : 0]),
        withheld: withheldCount(answer.points.flatMap((p) => p.rows)),
        lines: { series: [{ key: measure, type: 'bar' }], partial: marks },
      };
    },
  };
}

function naturalPanel(ctx) {
  const { t } = ctx;
  return {
    id: 'natural', title: t.titles.naturalWord, size: 'half', chart: lines,
    async load() {
      const missing = ctx.unavailable('births') || ctx.unavailable('deaths');
      if (missing) return missing;
      const monthly = ctx.role(EXACT_ROLES);
      const births = ctx.ask('births', range(ctx, monthly), { series: true });
      const deaths = ctx.ask('deaths', range(ctx, monthly), { series: true, skip: ['age'] });
      // Births have no age of their own: deaths are taken over all ages too, so that the difference means something.
      if (!periods(ctx, monthly, 'births').length || !periods(ctx, monthly, 'deaths').length) return { message: t.noData };
      const [b, d] = await Promise.all([ctx.fetch(births), ctx.fetch(deaths)]);
      const born = new Map(b.points.map((point) => [periodKey(point), total(point.rows, 'births')]));
      const died = new Map(d.points.map((point) => [periodKey(point), total(point.rows, 'deaths')]));
      const spans = periods(ctx, monthly, 'births', 'deaths');
      const { labels, marks } = labelPartial(spans, partialYears(b.points));
      const rows = spans.map((span, i) => {
        const births = born.has(span.key) ? born.get(span.key) : 0;
        const deaths = died.has(span.key) ? died.get(span.key) : 0;
        return [labels[i], births, deaths, births === null || deaths === null ? null : births - deaths];
      });
      return {
        title: periodTitle(ctx, spans, monthly, t.titles.naturalWord), ...births, applied: births.applied, ignored: births.ignored,
        download: [{ ...births.download, label: t.cols.births }, { ...deaths.download, label: t.cols.deaths }],
        source: sourceText(b, t), notes: flowNotes(ctx, b, monthly),
        columns: [{ key: 'period', label: monthly ? t.cols.date : t.cols.year, type: 'text' }, { key: 'births', label: t.cols.births },
          { key: 'deaths', label: t.cols.deaths }, { key: 'natural', label: t.cols.natural }],
        rows, withheld: rows.reduce((n, row) => n + row.slice(1, 3).filter((v) => v === null).length, 0),
        lines: { series: [{ key: 'natural', type: 'line' }, { key: 'births', type: 'bar' }, { key: 'deaths', type: 'bar' }], partial: marks },
      };
    },
  };
}

function migrationPanel(ctx) {
  const { t } = ctx;
  return {
    id: 'migration', title: t.titles.movesWord, size: 'half', chart: lines,
    async load() {
      const missing = ctx.unavailable('migration');
      if (missing) return missing;
      const monthly = ctx.role(EXACT_ROLES);
      // The whole area: moves between its communes are not migration (level=area drops them).
      const wholeArea = !ctx.state.unit && !ctx.scoped;
      const question = ctx.ask('migration', { ...range(ctx, monthly), dims: 'flow', ...(wholeArea ? { level: 'area' } : {}) }, { series: true });
      const spans = periods(ctx, monthly, 'migration');
      if (!spans.length) return { message: t.noData };
      const answer = await ctx.fetch(question);
      const flows = wholeArea ? ['IN', 'OUT'] : ['IN', 'OUT', 'BETWEEN_IN', 'BETWEEN_OUT'];
      const keys = { IN: 'movesIn', OUT: 'movesOut', BETWEEN_IN: 'between_in', BETWEEN_OUT: 'between_out' };
      const byPeriod = new Map(answer.points.map((point) => [periodKey(point), point.rows]));
      const { labels, marks } = labelPartial(spans, partialYears(answer.points));
      const rows = spans.map((span, i) => {
        const value = (flow) => {
          const row = (byPeriod.get(span.key) || []).find((r) => r.flow === flow);
          return row ? row.moves : 0;
        };
        const values = flows.map(value);
        const net = values.includes(null) ? null : values[0] - values[1] + (wholeArea ? 0 : values[2] - values[3]);
        return [labels[i], ...values, net];
      });
      return {
        title: periodTitle(ctx, spans, monthly, t.titles.movesWord), ...question, source: sourceText(answer, t), notes: flowNotes(ctx, answer, monthly),
        columns: [{ key: 'period', label: monthly ? t.cols.date : t.cols.year, type: 'text' }, ...flows.map((flow) => ({ key: keys[flow], label: t.cols[keys[flow]] })),
          { key: 'net', label: t.cols.net }],
        rows, withheld: withheldCount(answer.points.flatMap((p) => p.rows)),
        lines: { series: [{ key: 'net', type: 'line' }, ...flows.map((flow) => ({ key: keys[flow], type: 'bar' }))], partial: marks },
      };
    },
  };
}

function ratesPanel(ctx) {
  const { t } = ctx;
  const ids = ['crudeBirthRate', 'crudeDeathRate', 'naturalIncreaseRate', 'netMigrationRate'];
  return {
    id: 'rates', title: t.titles.rates('', '').replace(/, –$/, ''), size: 'half', chart: lines,
    async load() {
      const missing = ctx.unavailable('births');
      if (missing) return missing;
      const question = ctx.indicators(ids, { from: ctx.dates[0].slice(0, 4), to: ctx.refDate.slice(0, 4) }, { series: true });
      const answer = await ctx.fetch(question);
      const years = [...new Set(answer.series.flatMap((series) => series.points.map((point) => point.year)))].sort();
      const value = (id, year) => {
        const point = answer.series.find((series) => series.indicator === id)?.points.find((p) => p.year === year);
        if (!point) return '';
        return point.status === 'ok' ? point.value : point.status === 'suppressed' ? null : '';
      };
      const labels = new Map(answer.series.map((series) => [series.indicator, series.label]));
      const present = ids.filter((id) => labels.has(id));
      // A partial year's rates are per year of the months covered (person-years); the row and the chart say which months.
      const covered = new Map(answer.series.flatMap((series) => series.points).filter((point) => point.partial).map((point) => [String(point.year), point.coverage]));
      const { labels: yearLabels, marks } = labelPartial(years.map((year) => ({ key: String(year), label: String(year) })), covered);
      const rows = years.map((year, i) => [yearLabels[i], ...present.map((id) => value(id, year))]);
      // Rates from few events: listed with their 95 % interval (docs/indicators.md § Reliability).
      const weak = answer.series.filter((series) => present.includes(series.indicator)).flatMap((series) => series.points
        .filter((p) => p.status === 'ok' && p.lowReliability)
        .map((p) => `${p.year} ${series.label}: ${ctx.number(p.value, 1)} (${ctx.number(p.lower, 1)}–${p.upper === null ? '∞' : ctx.number(p.upper, 1)})`));
      return {
        notes: weak.length ? [t.lowReliabilityList(weak.join('; '))] : [],
        title: t.titles.rates(years[0], years[years.length - 1]), ...question, source: sourceText(answer, t),
        columns: [{ key: 'year', label: t.cols.year, type: 'text' }, ...present.map((id) => ({ key: id, label: labels.get(id), type: 'dec1' }))],
        rows, withheld: rows.reduce((n, row) => n + row.filter((v) => v === null).length, 0),
        lines: { series: present.map((id) => ({ key: id })), type: 'dec1', partial: marks },
      };
    },
  };
}

export function panels(ctx) {
  const { t } = ctx;
  return [
    stockPanel(ctx),
    flowPanel(ctx, 'births', 'births', t.titles.birthsWord),
    flowPanel(ctx, 'deaths', 'deaths', t.titles.deathsWord),
    naturalPanel(ctx),
    migrationPanel(ctx),
    ratesPanel(ctx),
  ];
}
