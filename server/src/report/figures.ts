// The figures of the workspace audit report, from the checker's findings and the index: claims
// checked, ready, with errors and warnings; expected payment and the payment at risk; findings by
// rule, family and payer; each patient's sessions against the payer's limit; denials by reason;
// and the claims with their findings. The page itself is html.ts.
import { REASONS } from '../data/denials';
import { isTpi } from '../data/codes';
import { selectForExport } from '../interchange/outgoing';
import type { Workspace } from '../model/workspace';
import { expectedPaymentCents } from '../rules/billing';
import { RULES_BY_ID } from '../rules/registry';
import type { Finding, Severity } from '../rules/rule';
import type { ReportData } from './html';

export function reportFigures(
  ws: Workspace,
  findingsByUri: ReadonlyMap<string, readonly Finding[]>,
  o: { title: string; generated: string; pathOf: (uri: string) => string },
): ReportData {
  const index = ws.index();
  const claims: ReportData['claims'] = [];
  const byRule = new Map<string, number>();
  /** the most severe severity each rule's findings have (a duplicate-field is an error or a warning by field) */
  const ruleSeverity = new Map<string, Severity>();
  const rank: Record<Severity, number> = { error: 3, warning: 2, info: 1, hint: 0 };
  const byFamily = new Map<string, Record<Severity, number>>();
  const byPayer = new Map<string, { payer: string; claims: number; errors: number; warnings: number; expectedCents: number }>();
  const denials = new Map<string, { meaning: string; count: number; amountCents: number }>();
  let ready = 0,
    withErrors = 0,
    withWarnings = 0,
    expectedCents = 0,
    atRiskErrorsCents = 0,
    atRiskDeniedCents = 0,
    unknownClaims = 0;
  const overBySession = new Map<string, Set<string>>();
  for (const f of [...findingsByUri.values()].flat()) {
    byRule.set(f.code, (byRule.get(f.code) ?? 0) + 1);
    const seen = ruleSeverity.get(f.code);
    if (!seen || rank[f.severity] > rank[seen]) ruleSeverity.set(f.code, f.severity);
    const family = RULES_BY_ID.get(f.code)?.family ?? 'Other';
    const row = byFamily.get(family) ?? { error: 0, warning: 0, info: 0, hint: 0 };
    row[f.severity]++;
    byFamily.set(family, row);
  }
  for (const ref of index.claims) {
    const c = ref.claim;
    const own = (findingsByUri.get(ref.uri) ?? []).filter((f) => f.range.start.line >= c.startLine && f.range.start.line <= c.endLine);
    const errors = own.filter((f) => f.severity === 'error').length;
    const warnings = own.filter((f) => f.severity === 'warning').length;
    const infos = own.filter((f) => f.severity === 'info').length;
    if (errors) withErrors++;
    else if (warnings) withWarnings++;
    else ready++;
    const policy = c.payer ? index.policyFor(c.payer.value.value) : undefined;
    let expected: number | undefined = 0;
    for (const l of c.lines) {
      if (!isTpi(l.code.value)) continue;
      const e = policy ? expectedPaymentCents(c, l, policy, ref.facts.pos, index.practiceFor(c)?.practice) : undefined;
      if (e === undefined) expected = undefined;
      else if (expected !== undefined) expected += e;
    }
    if (expected === undefined) unknownClaims++;
    else {
      expectedCents += expected;
      if (errors) atRiskErrorsCents += expected;
      if (own.some((f) => f.code === 'claim-denied')) atRiskDeniedCents += expected;
    }
    const payer = c.payer?.value.text ?? '(no payer)';
    const p = byPayer.get(payer.toLowerCase()) ?? { payer, claims: 0, errors: 0, warnings: 0, expectedCents: 0 };
    p.claims++;
    p.errors += errors;
    p.warnings += warnings;
    p.expectedCents += expected ?? 0;
    byPayer.set(payer.toLowerCase(), p);
    for (const d of c.denials) {
      const charged = c.lines.filter((l) => !d.on || l.code.value === d.on.value).reduce((n, l) => n + (l.chargeCents ?? 0), 0);
      for (const a of d.adjustments) {
        const key = a.value;
        const row = denials.get(key) ?? {
          meaning: REASONS[a.reason.toLowerCase()]?.meaning ?? 'ClaimNote has no description for it',
          count: 0,
          amountCents: 0,
        };
        row.count++;
        row.amountCents += charged;
        denials.set(key, row);
      }
    }
    if (ref.keys.session && c.date?.iso && own.some((f) => f.code === 'frequency-limit')) {
      const over = overBySession.get(ref.keys.session) ?? new Set();
      over.add(c.date.iso);
      overBySession.set(ref.keys.session, over);
    }
    claims.push({
      id: c.id?.text ?? '(no id)',
      path: o.pathOf(ref.uri),
      uri: ref.uri,
      line: c.startLine,
      payer: c.payer?.value.text,
      patient: c.patient?.value.text,
      date: c.date?.iso,
      errors,
      warnings,
      infos,
      expectedCents: expected,
      denied: c.denials.length > 0,
      findings: own.map((f) => ({ code: f.code, severity: f.severity, message: f.message, line: f.range.start.line })),
    });
  }
  const sessions: ReportData['sessions'] = [];
  for (const key of index.sessionKeys()) {
    const list = index.sessionsByKey(key);
    if (!list.length) continue;
    const first = index.sessionClaims(key)[0]?.claim;
    const policy = first?.payer ? index.policyFor(first.payer.value.value) : undefined;
    const limit = policy?.policy.limits[0];
    sessions.push({
      patient: first?.patient?.value.text ?? key.split('\u0000')[0],
      payer: first?.payer?.value.text ?? key.split('\u0000')[1],
      dates: list.map((s) => s.date),
      limit: limit && { count: limit.count, per: limit.per, unit: limit.unit },
      over: [...(overBySession.get(key) ?? [])].sort(),
    });
  }
  const files = ws.all().length;
  return {
    generated: o.generated,
    title: o.title,
    totals: {
      files,
      claims: index.claims.length,
      ready,
      withErrors,
      withWarnings,
      exportReady: selectForExport(ws, findingsByUri).claims.length,
    },
    money: { expectedCents, atRiskErrorsCents, atRiskDeniedCents, unknownClaims },
    byRule: [...byRule]
      .map(([id, count]) => ({
        id,
        family: RULES_BY_ID.get(id)?.family ?? 'Other',
        severity: ruleSeverity.get(id) ?? 'info',
        count,
      }))
      .sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : 1)),
    byFamily: [...byFamily].map(([family, r]) => ({ family, errors: r.error, warnings: r.warning, infos: r.info, hints: r.hint })),
    byPayer: [...byPayer.values()],
    sessions,
    denials: [...denials].map(([reason, d]) => ({ reason, ...d })).sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1)),
    claims,
  };
}
