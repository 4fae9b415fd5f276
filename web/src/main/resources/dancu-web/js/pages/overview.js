// Overview: the key figures, each with its trend and reference date.
import * as kpi from '../charts/kpi.js';
import { date, shiftMonths, signed, percent } from '../format.js';
import { QUALITY_ROLES } from '../context.js';
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
        title: t.kpi.population, ...question, source: sourceText(answer), withheld: withheldCount(answer.points.flatMap((p) => p.rows)),
        columns: [{ key: 'date', label: t.cols.date, type: 'text' }, { key: 'population', label: t.cols.population }],
        rows,
        kpi: { value, text: ctx.number(value), details: [t.at(date(last.refDate))], spark: 'line' },
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
        title: t.kpi.change, ...question, source: sourceText(answer), withheld: withheldCount(answer.points.flatMap((p) => p.rows)),
        columns: [{ key: 'date', label: t.cols.date, type: 'text' }, { key: 'change', label: t.kpi.change }],
        rows,
        kpi: {
          value, text: values.has(before) ? signed(value, ctx.lang) : '—', spark: 'bar',
          details: [values.has(before) ? `${signed(relative, ctx.lang, 1)} % ${t.comparedWith(date(before))}` : t.noEarlier(date(before)), t.at(date(ctx.refDate))],
        },
      };
    },
  };
}

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
      const answer = await ctx.fetch(question);
      const current = answer.points.find((point) => point.period && point.period.year === year);
      const value = current ? total(current.rows, measure) : null;
      return {
        title: label, ...question, source: sourceText(answer), withheld: withheldCount(answer.points.flatMap((p) => p.rows)),
        columns: [{ key: 'year', label: t.cols.year, type: 'text' }, { key: measure, label }],
        rows: answer.points.map((point) => [pointLabel(point), total(point.rows, measure)]),
        kpi: {
          value, text: current ? ctx.number(value) : '—', spark: 'bar',
          details: [current ? t.yearRange(year, date(current.period.from), date(current.period.to)) : t.noData,
            current && current.partial ? t.partialYearOnly(current.label) : null].filter(Boolean),
        },
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
      const last = points[points.length - 1];
      const value = last && last.status === 'ok' ? last.value : null;
      const columns = [{ key: 'date', label: t.cols.date, type: 'text' }, { key: 'share', label, type: 'pct' }];
      if (target !== null) columns.push({ key: 'target', label: t.target, type: 'pct' });
      return {
        title: label, ...question, source: sourceText(answer, t), withheld: points.filter((p) => p.status === 'suppressed').length,
        columns,
        rows: points.map((point) => [date(point.refDate), point.status === 'ok' ? point.value : null, ...(target !== null ? [target] : [])]),
        kpi: {
          value, text: last ? percent(value, ctx.lang) : '—', type: 'pct', spark: 'line',
          details: [t.ofEligible, target !== null ? t.targetValue(percent(target, ctx.lang, 0)) : t.noTarget, last ? t.at(date(last.refDate)) : ''],
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
        title: t.kpi.quality, ...question, source: sourceText(answer), withheld: 0,
        columns: [{ key: 'part', label: t.cols.value, type: 'text' }, { key: 'share', label: t.cols.share, type: 'dec1' }],
        rows: parts.map((part) => [t.qualityParts[part], shares[part]]),
        kpi: { value: shares.score, text: shares.score === null ? '—' : ctx.number(shares.score, 1), type: 'dec1', spark: 'bar',
          details: [parts.map((part) => `${t.qualityParts[part]} ${ctx.number(shares[part], 1)}`).join(' · '), t.at(date(answer.refDate))] },
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
