// Helpers the pages share: totals of answers (null when a withheld cell is part of them), periods, quality shares.
import { date } from '../format.js';

/** Sum of a measure over rows; null when any summed value is withheld. Zero rows mean zero (zeros are left out). */
export function total(rows, measure) {
  let sum = 0;
  for (const row of rows) {
    if (row[measure] === null) return null;
    sum += row[measure];
  }
  return sum;
}

export function withheldCount(rows) {
  return rows.reduce((count, row) => count + Object.values(row.status || {}).filter((status) => status === 'suppressed').length, 0);
}

/** The label of a series point: its month end (dd/MM/yyyy) or its year, with the months it covers when partial. */
export function pointLabel(point) {
  return point.period ? periodLabel(String(point.period.year), point.partial ? point.label : null) : date(point.refDate);
}

/** A period's label, with the months it covers when the data cover only part of it: "2026 (T1–T11/2026)". */
export function periodLabel(label, months) {
  return months ? `${label} (${months})` : label;
}

/** Yearly points the data cover only in part: year → the months covered (the API's label, e.g. T1–T11/2026). */
export function partialYears(points) {
  return new Map(points.filter((point) => point.partial && point.period).map((point) => [String(point.period.year), point.label]));
}

/**
 * The source of an answer: the extract date (plain words, written by the frame) and the details behind "chi tiết":
 * the API's own line for cube answers (cube, version, extract); for indicators, the version and the formulas.
 */
export function sourceText(answer, t) {
  if (answer.source) return { extractDate: answer.source.extractDate, detail: answer.source.text };
  const lines = answer.values || answer.series || [];
  const formulas = [...new Map(lines.filter((v) => v.formula).map((v) => [v.indicator, `${v.label} = ${v.formula}`])).values()];
  return { detail: t.indicatorDetail(answer.version, formulas.join('; ')) };
}

/** A share in percent to one decimal, as the API rounds (half up); null when a part is withheld or the base is 0. */
export function share(part, whole) {
  if (part === null || whole === null || whole === undefined || whole === 0) return null;
  return Math.round((1000 * part) / whole + 1e-9) / 10;
}

/**
 * The "đúng, đủ, sạch, sống" shares of the data-quality counts of one unit (codes of the qualityIndicator list) and
 * their mean, the overall score. See docs/dashboard.md for the definitions.
 */
export function qualityShares(values) {
  const v = (code) => (values.has(code) ? values.get(code) : 0);
  const personsRead = values.has('PERSON_RECORDS_READ') ? v('PERSON_RECORDS_READ') : v('RECORDS_READ');
  const personsOk = values.has('PERSON_RECORDS_READ') ? v('PERSONS_PASSING_ALL_RULES') : v('RECORDS_ACCEPTED');
  const resident = v('PERSONS_RESIDENT');
  const parts = {
    correct: share(personsOk, personsRead),
    complete: share(v('RELIGION_PRESENT') + v('HOUSEHOLD_PRESENT') + v('RELATION_PRESENT'), 3 * resident),
    clean: v('RECORDS_READ') ? share(v('RECORDS_READ') - v('DUPLICATES'), v('RECORDS_READ')) : null,
    // Sống: persons marked resident whom no accepted event has taken out of the area (dead, or moved out last).
    live: share(resident - v('DEAD_MARKED_RESIDENT') - v('MOVED_OUT_MARKED_RESIDENT'), resident),
  };
  const known = Object.values(parts).filter((value) => value !== null);
  const score = known.length === 4 ? Math.round((known.reduce((a, b) => a + b, 0) / 4) * 10) / 10 : null;
  return { ...parts, score };
}

/**
 * Indicator values by unit, with the whole area first (unless withArea is false). An account limited to some communes
 * gets the area's ratios and rates only (the API leaves its counts out), as a point of comparison.
 */
export async function indicatorRows(ctx, ids, params, { withArea = true } = {}) {
  const units = ctx.indicators(ids, params, { byUnit: true });
  const area = !withArea ? null : { ...ctx.indicators(ids, params), applied: [] };
  if (area) {
    area.params = { ...area.params, level: 'area' };
    delete area.params.filter;
  }
  const [byUnit, whole] = await Promise.all([ctx.fetch(units), area ? ctx.fetch(area) : null]);
  // Values of an indicator whose cube is not published come without a unit: they fill no row.
  const values = [...(whole ? whole.values : []), ...byUnit.values].filter((value) => value.unit !== null);
  const order = [...new Map(values.map((value) => [value.unit, value.unit === 'AREA' ? ctx.t.wholeArea : value.unitLabel])).entries()];
  const find = (unit, id) => values.find((value) => value.unit === unit && value.indicator === id);
  return { answer: byUnit, question: units, order, find, targets: byUnit.targets, values };
}

/** An indicator's value for a chart: null when withheld, '' when unavailable (no data, no land area…). */
export function indicatorValueOf(found) {
  if (!found) return '';
  if (found.status === 'suppressed') return null;
  return found.status === 'ok' ? found.value : '';
}
