// Data quality of the ingest per commune ("đúng, đủ, sạch, sống") and the reason codes of rejected records: for
// leaders, statisticians and administrators.
import * as bars from '../charts/bars.js';
import { date } from '../format.js';
import { QUALITY_ROLES } from '../context.js';
import { qualityShares, sourceText } from './common.js';

const PARTS = ['correct', 'complete', 'clean', 'live'];

function byUnit(answer) {
  const units = new Map();
  for (const row of answer.rows) {
    if (!units.has(row.unit)) units.set(row.unit, { label: row.unitLabel, values: new Map() });
    units.get(row.unit).values.set(row.indicator, row.value);
  }
  return [...units.entries()];
}

function question(ctx) {
  return ctx.ask('data_quality', { dims: 'unit,indicator' }, { skip: ['unit', 'sex', 'age', 'eth'] });
}

function sharesPanel(ctx) {
  const { t } = ctx;
  return {
    id: 'quality-units', title: t.titles.qualityUnits(''), size: 'full', chart: bars,
    async load() {
      const missing = ctx.unavailable('data_quality', QUALITY_ROLES);
      if (missing) return missing;
      const asked = question(ctx);
      const answer = await ctx.fetch(asked);
      const rows = byUnit(answer).map(([, unit]) => {
        const shares = qualityShares(unit.values);
        return [unit.label, ...PARTS.map((part) => shares[part]), shares.score];
      });
      return {
        title: t.titles.qualityUnits(date(answer.refDate)), ...asked, ignored: ['unit', 'sex', 'age', 'eth'].filter((key) => ctx.state[key]),
        columns: [{ key: 'unit', label: t.cols.unit, type: 'text' }, ...PARTS.map((part) => ({ key: part, label: t.qualityParts[part], type: 'dec1' })),
          { key: 'score', label: t.cols.score, type: 'dec1' }],
        rows, withheld: 0, source: sourceText(answer, t), notes: [t.qualityHelp],
        bars: { series: [...PARTS, 'score'].map((key) => ({ key })), type: 'pct', highlight: ctx.state.unit ? ctx.unitName(ctx.state.unit) : undefined },
      };
    },
  };
}

function recordsPanel(ctx) {
  const { t } = ctx;
  const codes = ['RECORDS_READ', 'RECORDS_ACCEPTED', 'RECORDS_QUARANTINED'];
  return {
    id: 'quality-records', title: t.titles.qualityRecords(''), size: 'half', chart: bars,
    async load() {
      const missing = ctx.unavailable('data_quality', QUALITY_ROLES);
      if (missing) return missing;
      const asked = question(ctx);
      const answer = await ctx.fetch(asked);
      const rows = byUnit(answer).map(([, unit]) => [unit.label, ...codes.map((code) => unit.values.get(code) ?? 0)]);
      return {
        title: t.titles.qualityRecords(date(answer.refDate)), ...asked, ignored: ['unit', 'sex', 'age', 'eth'].filter((key) => ctx.state[key]),
        columns: [{ key: 'unit', label: t.cols.unit, type: 'text' }, { key: 'read', label: t.cols.read }, { key: 'accepted', label: t.cols.accepted },
          { key: 'quarantined', label: t.cols.quarantined }],
        rows, withheld: 0, source: sourceText(answer, t),
        bars: { horizontal: true, series: [{ key: 'read' }, { key: 'accepted' }, { key: 'quarantined' }] },
      };
    },
  };
}

function reasonsPanel(ctx) {
  const { t } = ctx;
  return {
    id: 'reasons', title: t.titles.reasons(''), size: 'half', chart: bars,
    async load() {
      const missing = ctx.unavailable('quarantine_reasons', QUALITY_ROLES);
      if (missing) return missing;
      const asked = ctx.ask('quarantine_reasons', { dims: 'reason,recordType' }, { skip: ['unit', 'sex', 'age', 'eth'] });
      const answer = await ctx.fetch(asked);
      const reasons = [...new Map(answer.rows.map((row) => [row.reason, row.reasonLabel])).entries()];
      const types = ['PERSON', 'EVENT'];
      const typeLabels = new Map(answer.rows.map((row) => [row.recordType, row.recordTypeLabel]));
      const value = (reason, type) => answer.rows.find((row) => row.reason === reason && row.recordType === type)?.records ?? 0;
      const rows = reasons.map(([code, label]) => [`${label} (${code})`, ...types.map((type) => value(code, type))]);
      return {
        title: t.titles.reasons(date(answer.refDate)), ...asked, ignored: ['unit', 'sex', 'age', 'eth'].filter((key) => ctx.state[key]),
        columns: [{ key: 'reason', label: t.cols.reason, type: 'text' }, ...types.map((type) => ({ key: type, label: typeLabels.get(type) || type }))],
        rows, withheld: 0, source: sourceText(answer, t),
        message: rows.length ? undefined : t.noData,
        bars: { horizontal: true, series: types.map((key) => ({ key, stack: 'records' })) },
      };
    },
  };
}

export function panels(ctx) {
  return [sharesPanel(ctx), recordsPanel(ctx), reasonsPanel(ctx)];
}
