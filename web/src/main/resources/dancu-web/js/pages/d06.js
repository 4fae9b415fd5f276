// Decision 06: chip ID card and VNeID level 2 coverage of the eligible population (14 and over) by unit, age group and
// month, against the target lines the administrator sets.
import * as bars from '../charts/bars.js';
import * as lines from '../charts/lines.js';
import { el } from '../dom.js';
import { date, shiftMonths } from '../format.js';
import { putSettings } from '../api.js';
import { indicatorRows, indicatorValueOf, share, sourceText, withheldCount } from './common.js';

const IDS = ['chipCardShareEligible', 'vneidLevel2ShareEligible'];

function targetsOf(ctx, targets) {
  return [
    { label: `${ctx.t.target}: ${ctx.t.cols.chip.replace(' (%)', '')}`, value: targets.chipCardShareEligible },
    { label: `${ctx.t.target}: ${ctx.t.cols.vneid2.replace(' (%)', '')}`, value: targets.vneidLevel2ShareEligible },
  ];
}

function targetNotes(ctx, targets) {
  return targets.chipCardShareEligible === null && targets.vneidLevel2ShareEligible === null ? [ctx.t.noTarget] : [];
}

function unitsPanel(ctx) {
  const { t } = ctx;
  return {
    id: 'coverage-units', title: t.titles.coverageUnits(date(ctx.refDate)), size: 'full', chart: bars,
    async load() {
      const missing = ctx.unavailable('identity_coverage');
      if (missing) return missing;
      const { answer, question, order, find, targets } = await indicatorRows(ctx, IDS, { date: ctx.refDate }, { withArea: false });
      const rows = order.map(([unit, label]) => [label, ...IDS.map((id) => indicatorValueOf(find(unit, id)))]);
      return {
        title: t.titles.coverageUnits(date(answer.values.find((v) => v.refDate)?.refDate || ctx.refDate)), ...question, applied: [],
        columns: [{ key: 'unit', label: t.cols.unit, type: 'text' }, { key: IDS[0], label: t.cols.chip, type: 'pct' }, { key: IDS[1], label: t.cols.vneid2, type: 'pct' }],
        rows, withheld: rows.reduce((n, row) => n + row.filter((v) => v === null).length, 0),
        source: sourceText(answer, t), notes: targetNotes(ctx, targets),
        bars: { series: IDS.map((key) => ({ key })), type: 'pct', targets: targetsOf(ctx, targets), highlight: ctx.state.unit ? ctx.unitName(ctx.state.unit) : undefined },
      };
    },
  };
}

function agePanel(ctx, dimension) {
  const { t } = ctx;
  const chip = dimension === 'chipCard';
  return {
    id: chip ? 'coverage-age-chip' : 'coverage-age-vneid', title: (chip ? t.titles.coverageAgeChip : t.titles.coverageAgeVneid)(date(ctx.refDate)),
    size: 'half', chart: bars,
    async load() {
      const missing = ctx.unavailable('identity_coverage');
      if (missing) return missing;
      const question = ctx.ask('identity_coverage', { dims: `ageGroup,${dimension}`, date: ctx.refDate });
      const answer = await ctx.fetch(question);
      const cube = ctx.cubes.get('identity_coverage');
      const groups = cube.dimensions.find((d) => d.name === 'ageGroup').codes;
      const levels = cube.dimensions.find((d) => d.name === dimension).codes;
      const value = (group, code) => {
        const row = answer.rows.find((r) => r.ageGroup === group && r[dimension] === code);
        return row ? row.persons : 0;
      };
      const shown = chip ? ['YES', 'NO'] : ['0', '1', '2'];
      const shares = chip ? ['YES'] : ['1', '2'];
      const rows = groups.map((group) => {
        const counts = shown.map((code) => value(group.code, code));
        const all = counts.includes(null) ? null : counts.reduce((a, b) => a + b, 0);
        return [group.label, ...counts, ...shares.map((code) => share(counts[shown.indexOf(code)], all))];
      }).filter((row) => row.slice(1, 1 + shown.length).some((v) => v !== 0));
      const label = (code) => levels.find((level) => level.code === code)?.label || code;
      return {
        title: (chip ? t.titles.coverageAgeChip : t.titles.coverageAgeVneid)(date(answer.refDate)), ...question, source: sourceText(answer, t),
        withheld: withheldCount(answer.rows), notes: ctx.state.age ? [t.identityAgeNote] : [],
        columns: [{ key: 'ageGroup', label: t.cols.ageBand, type: 'text' }, ...shown.map((code) => ({ key: `c${code}`, label: label(code) })),
          ...shares.map((code) => ({ key: `s${code}`, label: `${label(code)} (%)`, type: 'pct' }))],
        rows,
        bars: { series: shares.map((code) => ({ key: `s${code}`, stack: chip ? undefined : 'share' })), type: 'pct' },
      };
    },
  };
}

function monthsPanel(ctx) {
  const { t } = ctx;
  return {
    id: 'coverage-months', title: t.titles.coverageMonths('', '').replace(/, –$/, ''), size: 'half', chart: lines,
    async load() {
      const missing = ctx.unavailable('identity_coverage');
      if (missing) return missing;
      const question = ctx.indicators(IDS, { from: shiftMonths(ctx.refDate, -23).slice(0, 7), to: ctx.refDate.slice(0, 7) }, { series: true });
      const answer = await ctx.fetch(question);
      const dates = [...new Set(answer.series.flatMap((s) => s.points.filter((p) => p.status !== 'unavailable').map((p) => p.refDate)))].sort();
      if (!dates.length) return { message: t.noData };
      const value = (id, day) => {
        const point = answer.series.find((s) => s.indicator === id)?.points.find((p) => p.refDate === day);
        return indicatorValueOf(point);
      };
      const rows = dates.map((day) => [date(day), ...IDS.map((id) => value(id, day))]);
      return {
        title: t.titles.coverageMonths(date(dates[0]), date(dates[dates.length - 1])), ...question, source: sourceText(answer, t),
        columns: [{ key: 'date', label: t.cols.date, type: 'text' }, { key: IDS[0], label: t.cols.chip, type: 'pct' }, { key: IDS[1], label: t.cols.vneid2, type: 'pct' }],
        rows, withheld: rows.reduce((n, row) => n + row.filter((v) => v === null).length, 0), notes: targetNotes(ctx, answer.targets),
        lines: { series: IDS.map((key) => ({ key })), type: 'pct', targets: targetsOf(ctx, answer.targets) },
      };
    },
  };
}

/** The administrator sets the target lines here (PUT /api/v1/admin/settings); everyone sees them on the charts. */
export function extra(ctx) {
  if (!ctx.role('admin')) return el('div');
  const { t } = ctx;
  const chip = el('input', { id: 'target-chip', type: 'number', min: '0', max: '100', step: '1', inputmode: 'numeric' });
  const vneid = el('input', { id: 'target-vneid', type: 'number', min: '0', max: '100', step: '1', inputmode: 'numeric' });
  const status = el('span', { class: 'form-status', role: 'status' });
  const form = el('form', { class: 'targets panel', id: 'targets-form' },
    el('h3', { class: 'panel-title', text: t.targetsTitle }),
    el('div', { class: 'field' }, el('label', { for: 'target-chip', text: t.chipTarget }), chip),
    el('div', { class: 'field' }, el('label', { for: 'target-vneid', text: t.vneidTarget }), vneid),
    el('button', { type: 'submit', text: t.save }), status);
  ctx.requests.get('/api/v1/admin/settings', {}, { reference: true }).then((settings) => {
    chip.value = settings.chipCardTarget ?? '';
    vneid.value = settings.vneidLevel2Target ?? '';
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const number = (input) => (input.value === '' ? null : Number(input.value));
    try {
      await putSettings({ chipCardTarget: number(chip), vneidLevel2Target: number(vneid) });
      status.textContent = t.saved;
      ctx.navigate({});
    }
    catch (error) {
      status.textContent = error.message;
    }
  });
  return form;
}

export function panels(ctx) {
  return [unitsPanel(ctx), agePanel(ctx, 'chipCard'), agePanel(ctx, 'vneidLevel'), monthsPanel(ctx)];
}
