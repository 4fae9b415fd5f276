// Overview: the key figures, each with its trend and reference date.
import * as kpi from '../charts/kpi.js';
import { date, shiftMonths, signed, percent } from '../format.js';
import { QUALITY_ROLES, EXACT_ROLES } from '../context.js';
import { total, pointLabel, sourceText, withheldCount, qualityShares } from './common.js';

function populationQuestion(ctx) {
  return ctx.ask('population_stock', { from: shiftMonths(ctx.refDate, -24).slice(0, 7), to: ctx.refDate.slice(0, 7), step: 'month' }, { series: true });
}

function flowQuestion(ctx, cube) {
  const year = Number(ctx.refDate.slice(0, 4));
  return ctx.ask(cube, { from: `${year - 4}-01`, to: `${year}-12`, step: 'year' }, { series: true });
}

function identityQuestion(ctx) {
  return ctx.indicators(['chipCardShareEligible', 'vneidLevel2ShareEligible'],
    { from: shiftMonths(ctx.refDate, -24).slice(0, 7), to: ctx.refDate.slice(0, 7) }, { series: true });
}

function populationCard(ctx) {
  const { t } = ctx;
  return {
    id: 'kpi-population', title: t.kpi.population, size: 'kpi', chart: kpi,
    async load() {
      const missing = ctx.unavailable('population_stock');
      if (missing) return { ...missing, title: t.kpi.population };
      const question = populationQuestion(ctx);
      const answer = await ctx.fetch(question);
      const rows = answer.points.map((point) => [date(point.refDate), total(point.rows, 'population')]);
      const last = answer.points[answer.points.length - 1];
      const value = total(last.rows, 'population');
      return {
        title: t.kpi.population, ...question, source: sourceText(answer, t), withheld: withheldCount(answer.points.flatMap((p) => p.rows)),
        columns: [{ key: 'date', label: t.cols.date, type: 'text' }, { key: 'population', label: t.cols.population }],
        rows,
        kpi: { value, text: ctx.number(value), unit: t.persons, details: [t.at(date(last.refDate))], spark: 'line', type: 'int' },
      };
    },
  };
}

function changeCard(ctx) {
  const { t } = ctx;
  return {
    id: 'kpi-change', title: t.kpi.change, size: 'kpi', chart: kpi,
    async load() {
      const missing = ctx.unavailable('population_stock');
      if (missing) return { ...missing, title: t.kpi.change };
      const question = populationQuestion(ctx);
      const answer = await ctx.fetch(question);
      const values = new Map(answer.points.map((point) => [point.refDate, total(point.rows, 'population')]));
      const change = (day) => {
        const before = shiftMonths(day, -12);
        return values.has(before) && values.get(day) !== null && values.get(before) !== null ? values.get(day) - values.get(before) : null;
      };
      const rows = answer.points.filter((point) => values.has(shiftMonths(point.refDate, -12)))
        .map((point) => [date(point.refDate), change(point.refDate)]);
      const before = shiftMonths(ctx.refDate, -12);
      const value = change(ctx.refDate);
      const relative = value !== null && values.get(before) ? (100 * value) / values.get(before) : null;
      return {
        title: t.kpi.change, ...question, source: sourceText(answer, t), withheld: withheldCount(answer.points.flatMap((p) => p.rows)),
        columns: [{ key: 'date', label: t.cols.date, type: 'text' }, { key: 'change', label: t.kpi.change }],
        rows,
        kpi: {
          value, text: values.has(before) ? signed(value, ctx.lang) : '—', unit: values.has(before) ? t.persons : '', spark: 'bar', type: 'int',
          details: [values.has(before) ? `${signed(relative, ctx.lang, 1)} % ${t.comparedWith(date(before))}` : t.noEarlier(date(before)), t.at(date(ctx.refDate))],
        },
      };
    },
  };
}

/** The months of a year with data, summed from a monthly series: [sum (null if a month is withheld), months counted]. */
function monthsSum(points, measure, year, lastMonth) {
  let sum = 0;
  for (const point of points) {
    const [y, m] = point.refDate.split('-').map(Number);
    if (y !== year || m > lastMonth) continue;
    const value = total(point.rows, measure);
    if (value === null) return null;
    sum += value;
  }
  return sum;
}

/**
 * Births or deaths of the reference date's year so far, with the years before as bars, and compared with the same
 * months of the year before: summed from monthly figures for the roles that may see them (statisticians, admins);
 * for the others (yearly figures only: a year minus its first months would give away the small monthly counts) as a
 * monthly average against the whole year before.
 */
function flowCard(ctx, cube, measure, label) {
  const { t } = ctx;
  return {
    id: `kpi-${cube}`, title: label, size: 'kpi', chart: kpi,
    async load() {
      const missing = ctx.unavailable(cube);
      if (missing) return { ...missing, title: label };
      const year = Number(ctx.refDate.slice(0, 4));
      if (!ctx.cubes.get(cube).refDates.some((day) => Number(day.slice(0, 4)) >= year - 4 && Number(day.slice(0, 4)) <= year)) {
        return { title: label, message: t.noData };
      }
      const question = flowQuestion(ctx, cube);
      const monthly = ctx.role(EXACT_ROLES) ? ctx.ask(cube, { from: `${year - 1}-01`, to: ctx.refDate.slice(0, 7), step: 'month' }, { series: true }) : null;
      const [answer, months] = await Promise.all([ctx.fetch(question), monthly ? ctx.fetch(monthly) : null]);
      const current = answer.points.find((point) => point.period && point.period.year === year);
      const previous = answer.points.find((point) => point.period && point.period.year === year - 1);
      const value = current ? total(current.rows, measure) : null;
      const details = [current ? t.yearRange(year, date(current.period.from), date(current.period.to)) : t.noData];
      if (current && previous) {
        const lastMonth = Number(current.period.to.slice(5, 7));
        const firstMonth = Number(current.period.from.slice(5, 7));
        const before = total(previous.rows, measure);
        const wholePrevious = previous.period.from.slice(5) === '01-01' && previous.period.to.slice(5) === '12-31';
        if (months && firstMonth === 1) {
          const same = monthsSum(months.points, measure, year - 1, lastMonth);
          if (same !== null && value !== null) details.push(t.samePeriod(year - 1, lastMonth, ctx.number(same), same ? signed((100 * (value - same)) / same, ctx.lang, 1) : null));
        }
        else if (wholePrevious && value !== null && before !== null) {
          const spanOf = (period) => (Number(period.to.slice(0, 4)) - Number(period.from.slice(0, 4))) * 12 + Number(period.to.slice(5, 7)) - Number(period.from.slice(5, 7)) + 1;
          details.push(t.monthlyPace(ctx.number(value / spanOf(current.period), 1), year - 1, ctx.number(before / 12, 1)));
        }
      }
      const rows = answer.points.map((point) => [pointLabel(point), total(point.rows, measure)]);
      return {
        title: label, ...question, source: sourceText(answer, t), withheld: withheldCount(answer.points.flatMap((p) => p.rows)),
        columns: [{ key: 'year', label: t.cols.year, type: 'text' }, { key: measure, label }],
        rows,
        kpi: {
          value, text: current ? ctx.number(value) : '—', unit: current ? t.persons : '', spark: 'bar', type: 'int',
          details: [...details, current && current.partial ? t.partialYearOnly(current.label) : null].filter(Boolean),
        },
        partial: answer.points.map((point) => !!point.partial),
        ticks: answer.points.map((point) => (point.period ? String(point.period.year) : pointLabel(point))),
      };
    },
  };
}

function identityCard(ctx, id, indicator, label, targetKey) {
  const { t } = ctx;
  return {
    id, title: label, size: 'kpi', chart: kpi,
    async load() {
      const missing = ctx.unavailable('identity_coverage');
      if (missing) return { ...missing, title: label };
      const question = identityQuestion(ctx);
      const answer = await ctx.fetch(question);
      const line = answer.series.find((series) => series.indicator === indicator && series.unit !== null);
      // Month ends without identity figures (unavailable) are left out; withheld ones stay, as x.
      const points = line ? line.points.filter((point) => point.status !== 'unavailable') : [];
      const target = answer.targets[targetKey];
      const withDeadline = (answer.targetList || []).find((x) => x.indicator === targetKey && x.unit === (ctx.state.unit || 'AREA'))
        || (answer.targetList || []).find((x) => x.indicator === targetKey && x.unit === 'AREA');
      const last = points[points.length - 1];
      const value = last && last.status === 'ok' ? last.value : null;
      const columns = [{ key: 'date', label: t.cols.date, type: 'text' }, { key: 'share', label, type: 'pct' }];
      if (target !== null) columns.push({ key: 'target', label: t.target, type: 'pct' });
      return {
        title: label, ...question, source: sourceText(answer, t), withheld: points.filter((p) => p.status === 'suppressed').length,
        columns,
        rows: points.map((point) => [date(point.refDate), point.status === 'ok' ? point.value : null, ...(target !== null ? [target] : [])]),
        kpi: {
          value, text: last ? percent(value, ctx.lang) : '—', type: 'pct', spark: 'line', target,
          details: [t.ofEligible, withDeadline ? t.targetBy(percent(withDeadline.value, ctx.lang, 0), date(withDeadline.deadline), withDeadline.example)
            : target !== null ? t.targetValue(percent(target, ctx.lang, 0)) : t.noTarget, last ? t.at(date(last.refDate)) : ''],
        },
      };
    },
  };
}

function qualityCard(ctx) {
  const { t } = ctx;
  return {
    id: 'kpi-quality', title: t.kpi.quality, size: 'kpi', chart: kpi,
    async load() {
      const missing = ctx.unavailable('data_quality', QUALITY_ROLES);
      if (missing) return { ...missing, title: t.kpi.quality };
      const question = ctx.ask('data_quality', { dims: 'indicator' }, { skip: ['sex', 'age', 'eth'] });
      const answer = await ctx.fetch(question);
      const shares = qualityShares(new Map(answer.rows.map((row) => [row.indicator, row.value])));
      const parts = ['correct', 'complete', 'clean', 'live'];
      return {
        title: t.kpi.quality, ...question, source: sourceText(answer, t), withheld: 0,
        columns: [{ key: 'part', label: t.cols.value, type: 'text' }, { key: 'share', label: t.cols.share, type: 'pct' }],
        rows: parts.map((part) => [t.qualityParts[part], shares[part]]),
        kpi: { value: shares.score, text: shares.score === null ? '—' : ctx.number(shares.score, 1), unit: t.scoreUnit, type: 'pct', spark: 'meters',
          meters: parts.map((part) => ({ label: t.qualityParts[part], value: shares[part] })),
          details: [t.scoreMeaning, t.at(date(answer.refDate))] },
      };
    },
  };
}

export function panels(ctx) {
  const { t } = ctx;
  return [
    populationCard(ctx),
    changeCard(ctx),
    flowCard(ctx, 'births', 'births', t.kpi.births),
    flowCard(ctx, 'deaths', 'deaths', t.kpi.deaths),
    identityCard(ctx, 'kpi-chip', 'chipCardShareEligible', t.kpi.chip, 'chipCardShareEligible'),
    identityCard(ctx, 'kpi-vneid', 'vneidLevel2ShareEligible', t.kpi.vneid, 'vneidLevel2ShareEligible'),
    qualityCard(ctx),
  ];
}
