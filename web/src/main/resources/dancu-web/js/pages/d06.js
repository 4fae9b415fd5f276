// Decision 06: chip ID card and VNeID level 2 coverage of the eligible population (14 and over): by unit with the whole
// area, against the targets (with deadlines) the administrator sets; the status and forecast of each unit at its pace
// of the last 12 months; by age group; by month.
import * as bars from '../charts/bars.js';
import * as lines from '../charts/lines.js';
import * as table from '../charts/table.js';
import { el } from '../dom.js';
import { date, shiftMonths } from '../format.js';
import { putSettings } from '../api.js';
import { indicatorValueOf, share, sourceText, withheldCount } from './common.js';

const IDS = ['chipCardShareEligible', 'vneidLevel2ShareEligible'];
const TEEN_AGES = ['10', '11', '12', '13'];

function label(ctx, id) {
  return (id === IDS[0] ? ctx.t.cols.chip : ctx.t.cols.vneid2).replace(' (%)', '');
}

/** The area's target lines (value, "example" when the demo's). */
function targetsOf(ctx, answer) {
  return IDS.map((id) => {
    const own = (answer.targetList || []).find((target) => target.indicator === id && target.unit === 'AREA');
    const suffix = own ? ` (${date(own.deadline)}${own.example ? `, ${ctx.t.exampleTarget}` : ''})` : '';
    return { label: `${ctx.t.target}: ${label(ctx, id)}${suffix}`, value: answer.targets[id] };
  });
}

function targetNotes(ctx, answer) {
  const notes = [];
  if (answer.targets.chipCardShareEligible === null && answer.targets.vneidLevel2ShareEligible === null) notes.push(ctx.t.noTarget);
  if ((answer.targetList || []).some((target) => target.example)) notes.push(ctx.t.d06.examples);
  return notes;
}

/** The target of an indicator for a unit: its own, else the area's (with a deadline), else the plain line. */
export function targetFor(answer, id, unit) {
  const list = answer.targetList || [];
  const found = list.find((t) => t.indicator === id && t.unit === unit) || list.find((t) => t.indicator === id && t.unit === 'AREA');
  if (found) return found;
  return answer.targets[id] === null || answer.targets[id] === undefined ? null : { indicator: id, unit: 'AREA', value: answer.targets[id], deadline: null, example: false };
}

/** The series of the 24 months to the reference date: by unit (in the account's scope) and for the whole area. */
function seriesQuestions(ctx) {
  const range = { from: shiftMonths(ctx.refDate, -23).slice(0, 7), to: ctx.refDate.slice(0, 7) };
  const units = ctx.indicators(IDS, range, { byUnit: true, series: true });
  const area = ctx.indicators(IDS, range, { series: true });
  area.params = { ...area.params, level: 'area' };
  delete area.params.filter;
  area.applied = [];
  area.download = { ...area.download, params: area.params };
  return { units, area };
}

function months(from, to) {
  const [a, b] = [new Date(`${from}T00:00:00Z`), new Date(`${to}T00:00:00Z`)];
  return (b - a) / (30.4375 * 86400000);
}

function addMonths(iso, count) {
  const day = new Date(`${iso}T00:00:00Z`);
  return new Date(day.getTime() + count * 30.4375 * 86400000).toISOString().slice(0, 10);
}

/** Children aged a (10–13) today who turn 14 within m months, birthdays spread evenly over the year. */
export function turning14(ages, m) {
  let sum = 0;
  for (const [age, count] of ages) {
    if (count === null) return null;
    sum += count * Math.min(1, Math.max(0, m / 12 - (13 - age)));
  }
  return sum;
}

/**
 * The forecast of one indicator for one unit (docs/indicators.md § Decision 06 forecast): points of the unit's series
 * (refDate, numerator = holders, denominator = eligible 14+), the target, the population aged 10–13 by single age.
 */
export function forecast(points, target, ages, refDate) {
  const now = points.find((p) => p.refDate === refDate && p.status === 'ok');
  if (!now || now.numerator === null || now.denominator === null) return { status: 'unknown' };
  const yearAgo = shiftMonths(refDate, -12);
  const then = points.find((p) => p.refDate === yearAgo && p.status === 'ok' && p.numerator !== null)
    || points.find((p) => p.refDate > yearAgo && p.refDate <= shiftMonths(refDate, -3) && p.status === 'ok' && p.numerator !== null);
  const pace = then ? (now.numerator - then.numerator) / months(then.refDate, refDate) : null;
  const result = { share: now.value, holders: now.numerator, eligible: now.denominator, pace };
  if (!target) return { ...result, status: 'none' };
  const goal = target.value / 100;
  const newcomersPerMonth = ages ? (ages.find(([age]) => age === 13)?.[1] ?? 0) / 12 : null;
  const untilDeadline = target.deadline ? Math.max(0, months(refDate, target.deadline)) : null;
  const newcomers = untilDeadline === null || !ages ? null : turning14(ages, untilDeadline);
  result.target = target;
  result.missing = newcomers === null ? null : Math.max(0, Math.ceil(goal * (now.denominator + newcomers) - now.numerator));
  result.missingNewcomers = newcomers === null ? null : Math.round(goal * newcomers);
  const gap = goal * now.denominator - now.numerator;
  if (gap <= 0) return { ...result, reached: refDate, status: 'green' };
  const net = pace === null || newcomersPerMonth === null ? null : pace - goal * newcomersPerMonth;
  if (net === null) return { ...result, status: 'unknown' };
  if (net <= 0) return { ...result, reached: null, status: target.deadline ? 'red' : 'none' };
  const reached = addMonths(refDate, gap / net);
  if (!target.deadline) return { ...result, reached, status: 'none' };
  const status = reached <= target.deadline ? 'green' : reached <= addMonths(target.deadline, 6) ? 'amber' : 'red';
  return { ...result, reached, status };
}

/** The series, the population aged 10–13 and the targets, asked once for the page's panels. */
function loader(ctx) {
  let promise = null;
  return () => {
    if (!promise) {
      const questions = seriesQuestions(ctx);
      const ages = ctx.ask('population_stock', { dims: 'unit,age', date: ctx.refDate, filter: [`age:${TEEN_AGES.join(',')}`] }, { skip: ['unit', 'sex', 'age', 'eth'] });
      promise = Promise.all([ctx.fetch(questions.units), ctx.fetch(questions.area), ctx.unavailable('population_stock') ? null : ctx.fetch(ages).catch(() => null)])
        .then(([units, area, teens]) => ({ questions, units, area, teens }));
    }
    return promise;
  };
}

function unitLines(data) {
  const order = [];
  for (const series of data.units.series) if (series.unit !== null && !order.some(([code]) => code === series.unit)) order.push([series.unit, series.unitLabel]);
  return order;
}

function pointsOf(answer, id, unit) {
  return answer.series.find((s) => s.indicator === id && (unit === null || s.unit === unit))?.points || [];
}

function unitsPanel(ctx, data) {
  const { t } = ctx;
  return {
    id: 'coverage-units', title: t.titles.coverageUnits(date(ctx.refDate)), size: 'full', chart: bars,
    async load() {
      const missing = ctx.unavailable('identity_coverage');
      if (missing) return missing;
      const { questions, units, area } = await data();
      const at = (points) => indicatorValueOf(points.find((p) => p.refDate === ctx.refDate) || null);
      const rows = [[t.wholeArea, ...IDS.map((id) => at(pointsOf(area, id, null)))],
        ...unitLines({ units }).map(([unit, name]) => [name, ...IDS.map((id) => at(pointsOf(units, id, unit)))])];
      return {
        title: t.titles.coverageUnits(date(ctx.refDate)), ...questions.units, applied: [],
        download: [{ ...questions.area.download, label: t.wholeArea }, { ...questions.units.download, label: t.cols.unit }],
        columns: [{ key: 'unit', label: t.cols.unit, type: 'text' }, { key: IDS[0], label: t.cols.chip, type: 'pct' }, { key: IDS[1], label: t.cols.vneid2, type: 'pct' }],
        rows, withheld: rows.reduce((n, row) => n + row.filter((v) => v === null).length, 0),
        source: sourceText(units, t), notes: targetNotes(ctx, units),
        bars: { series: IDS.map((key) => ({ key })), type: 'pct', targets: targetsOf(ctx, units), highlight: ctx.state.unit ? ctx.unitName(ctx.state.unit) : t.wholeArea },
      };
    },
  };
}

function forecastPanel(ctx, data) {
  const { t } = ctx;
  return {
    id: 'd06-forecast', title: t.d06.forecastTitle(date(ctx.refDate)), size: 'full', chart: table,
    async load() {
      const missing = ctx.unavailable('identity_coverage');
      if (missing) return missing;
      const { questions, units, area, teens } = await data();
      const agesOf = (unit) => {
        if (!teens) return null;
        const rows = teens.rows.filter((row) => unit === null || row.unit === unit);
        return TEEN_AGES.map((age) => {
          const cells = rows.filter((row) => row.age === age);
          return [Number(age), cells.some((row) => row.population === null) ? null : cells.reduce((sum, row) => sum + row.population, 0)];
        });
      };
      const lines = [[null, t.d06.area, area], ...unitLines({ units }).map(([unit, name]) => [unit, name, units])];
      const rows = [];
      const codes = [];
      for (const id of IDS) {
        for (const [unit, name, answer] of lines) {
          const target = targetFor(units, id, unit === null ? 'AREA' : unit);
          const f = forecast(pointsOf(answer, id, unit), target, agesOf(unit), ctx.refDate);
          const reached = f.status === 'unknown' ? '' : f.reached === undefined ? '' : f.reached === null ? t.d06.never : f.reached === ctx.refDate ? t.d06.reachedAlready : date(f.reached);
          rows.push([`${label(ctx, id)} — ${name}`, f.share ?? '', target ? target.value : '',
            target?.deadline ? `${date(target.deadline)}${target.example ? ` (${t.exampleTarget})` : ''}` : '',
            f.pace === null || f.pace === undefined ? '' : Math.round(f.pace), reached,
            f.missing ?? '', f.missingNewcomers ?? '', t.d06.status[f.status]]);
          codes.push(f.status);
        }
      }
      const c = t.d06.cols;
      return {
        title: t.d06.forecastTitle(date(ctx.refDate)), ...questions.units, applied: [],
        columns: [{ key: 'line', label: `${c.indicator} — ${c.unit}`, type: 'text' }, { key: 'now', label: c.now, type: 'pct' }, { key: 'target', label: c.target, type: 'pct' },
          { key: 'deadline', label: c.deadline, type: 'text' }, { key: 'pace', label: c.pace }, { key: 'reached', label: c.reached, type: 'text' },
          { key: 'missing', label: c.missing }, { key: 'turning14', label: c.turning14 }, { key: 'status', label: c.status, type: 'text' }],
        rows, rowCodes: rows.map(() => null), statuses: codes, withheld: 0,
        source: sourceText(units, t), notes: [t.d06.method, ...targetNotes(ctx, units)],
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

function monthsPanel(ctx, data) {
  const { t } = ctx;
  return {
    id: 'coverage-months', title: t.titles.coverageMonths('', '').replace(/, –$/, ''), size: 'half', chart: lines,
    async load() {
      const missing = ctx.unavailable('identity_coverage');
      if (missing) return missing;
      // The selected unit's line of the series by unit, or the whole area's: the same answers as the other panels.
      const { questions, units, area } = await data();
      const unit = ctx.state.unit || null;
      const answer = unit ? units : area;
      const question = unit ? questions.units : questions.area;
      const dates = [...new Set(IDS.flatMap((id) => pointsOf(answer, id, unit).filter((p) => p.status !== 'unavailable').map((p) => p.refDate)))].sort();
      if (!dates.length) return { message: t.noData };
      const value = (id, day) => indicatorValueOf(pointsOf(answer, id, unit).find((p) => p.refDate === day) || null);
      const rows = dates.map((day) => [date(day), ...IDS.map((id) => value(id, day))]);
      return {
        title: t.titles.coverageMonths(date(dates[0]), date(dates[dates.length - 1])), ...question, applied: unit ? ['unit'] : [], source: sourceText(answer, t),
        columns: [{ key: 'date', label: t.cols.date, type: 'text' }, { key: IDS[0], label: t.cols.chip, type: 'pct' }, { key: IDS[1], label: t.cols.vneid2, type: 'pct' }],
        rows, withheld: rows.reduce((n, row) => n + row.filter((v) => v === null).length, 0), notes: targetNotes(ctx, units),
        lines: { series: IDS.map((key) => ({ key })), type: 'pct', targets: targetsOf(ctx, units) },
      };
    },
  };
}

/**
 * The administrator sets the targets here (PUT /api/v1/admin/settings): for the whole area and for each commune, a
 * share and a deadline; a whole-area share without a deadline is a plain target line.
 */
export function extra(ctx) {
  if (!ctx.role('admin')) return el('div');
  const { t } = ctx;
  const rows = [['AREA', t.wholeArea], ...ctx.communes.map((unit) => [unit.code, unit.name])];
  const inputs = [];
  const field = (id, text, props) => el('div', { class: 'field' }, el('label', { for: id, text }), el('input', { id, ...props }));
  const lines = [];
  for (const [unit, name] of rows) {
    for (const [indicator, key] of [[IDS[0], 'chip'], [IDS[1], 'vneid']]) {
      const suffix = unit === 'AREA' ? '' : `-${unit}`;
      const value = field(`target-${key}${suffix}`, `${name}: ${key === 'chip' ? t.chipTarget : t.vneidTarget}`, { type: 'number', min: '0', max: '100', step: '0.1', inputmode: 'decimal' });
      const deadline = field(`deadline-${key}${suffix}`, `${name}: ${t.d06.cols.deadline}`, { type: 'date' });
      inputs.push({ unit, indicator, value: value.querySelector('input'), deadline: deadline.querySelector('input') });
      lines.push(el('div', { class: 'target-row' }, value, deadline));
    }
  }
  const status = el('span', { class: 'form-status', role: 'status' });
  const form = el('form', { class: 'targets panel', id: 'targets-form' },
    el('h3', { class: 'panel-title', text: t.targetsTitle }), ...lines, el('button', { type: 'submit', text: t.save }), status);
  ctx.requests.get('/api/v1/admin/settings', {}, { reference: true }).then((settings) => {
    for (const input of inputs) {
      const target = (settings.targets || []).find((x) => x.indicator === input.indicator && x.unit === input.unit);
      const plain = input.unit === 'AREA' ? (input.indicator === IDS[0] ? settings.chipCardTarget : settings.vneidLevel2Target) : null;
      input.value.value = target ? target.value : plain ?? '';
      input.deadline.value = target ? target.deadline : '';
    }
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const targets = [];
    const plain = { chipCardTarget: null, vneidLevel2Target: null };
    for (const input of inputs) {
      if (input.value.value === '') continue;
      if (input.deadline.value) targets.push({ indicator: input.indicator, unit: input.unit, value: Number(input.value.value), deadline: input.deadline.value, example: false });
      else if (input.unit === 'AREA') plain[input.indicator === IDS[0] ? 'chipCardTarget' : 'vneidLevel2Target'] = Number(input.value.value);
    }
    try {
      await putSettings({ ...plain, targets });
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
  const data = loader(ctx);
  return [unitsPanel(ctx, data), forecastPanel(ctx, data), agePanel(ctx, 'chipCard'), agePanel(ctx, 'vneidLevel'), monthsPanel(ctx, data)];
}
