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
import { FindingsByLine } from '../rules/findingsByLine';
import type { ReportData } from './html';

/** One claim's figures: its row of the report and what the totals need beside it. */
export interface ClaimFigures {
  row: ReportData['claims'][number];
  /** the claim's last line (0-based) */
  endLine: number;
  /** the payer as written (the first spelling names the payer's row) */
  payer: string;
  /** whether the export would send it (no error finding, nothing an 837P needs missing) */
  sendable: boolean;
  /** each adjustment of each `denied` line: its reason (CO-50), meaning and the charges it concerns */
  adjustments: { reason: string; meaning: string; amountCents: number }[];
}

/**
 * The report's figures of one workspace, or of one part of a workspace checked in parts (the
 * CLI): a row a claim, the sessions, and the findings outside every claim. Plain data: a part's
 * rows cross from a worker thread; `reportOf` adds them up.
 */
export interface ReportRows {
  claims: ClaimFigures[];
  sessions: ReportData['sessions'];
  /** findings on no claim's lines (a policy's, a practice's, the file's) */
  outside: { code: string; severity: Severity }[];
}

/** The rows of a checked workspace (or part): each claim with its own findings and expected payment. */
export function reportRows(
  ws: Workspace,
  findingsByUri: ReadonlyMap<string, readonly Finding[]>,
  pathOf: (uri: string) => string,
): ReportRows {
  const index = ws.index();
  const sendable = new Set(selectForExport(ws, findingsByUri).sources.map((c) => `${c.uri}\u0000${c.line}`));
  const claims: ClaimFigures[] = [];
  const outside: ReportRows['outside'] = [];
  const overBySession = new Map<string, Set<string>>();
  const onClaims = new Map<string, Set<Finding>>();
  for (const ref of index.claims) {
    const c = ref.claim;
    const own = (findingsByUri.get(ref.uri) ?? []).filter((f) => f.range.start.line >= c.startLine && f.range.start.line <= c.endLine);
    const seen = onClaims.get(ref.uri) ?? new Set();
    for (const f of own) seen.add(f);
    onClaims.set(ref.uri, seen);
    const policy = c.payer ? index.policyFor(c.payer.value.value) : undefined;
    let expected: number | undefined = 0;
    for (const l of c.lines) {
      if (!isTpi(l.code.value)) continue;
      const e = policy ? expectedPaymentCents(c, l, policy, ref.facts.pos, index.practiceFor(c)?.practice) : undefined;
      if (e === undefined) expected = undefined;
      else if (expected !== undefined) expected += e;
    }
    const adjustments: ClaimFigures['adjustments'] = [];
    for (const d of c.denials) {
      const charged = c.lines.filter((l) => !d.on || l.code.value === d.on.value).reduce((n, l) => n + (l.chargeCents ?? 0), 0);
      for (const a of d.adjustments)
        adjustments.push({
          reason: a.value,
          meaning: REASONS[a.reason.toLowerCase()]?.meaning ?? 'ClaimNote has no description for it',
          amountCents: charged,
        });
    }
    if (ref.keys.session && c.date?.iso && own.some((f) => f.code === 'frequency-limit')) {
      const over = overBySession.get(ref.keys.session) ?? new Set();
      over.add(c.date.iso);
      overBySession.set(ref.keys.session, over);
    }
    claims.push({
      row: {
        id: c.id?.text ?? '(no id)',
        path: pathOf(ref.uri),
        uri: ref.uri,
        line: c.startLine,
        payer: c.payer?.value.text,
        patient: c.patient?.value.text,
        date: c.date?.iso,
        errors: own.filter((f) => f.severity === 'error').length,
        warnings: own.filter((f) => f.severity === 'warning').length,
        infos: own.filter((f) => f.severity === 'info').length,
        expectedCents: expected,
        denied: c.denials.length > 0,
        findings: own.map((f) => ({ code: f.code, severity: f.severity, message: f.message, line: f.range.start.line })),
      },
      endLine: c.endLine,
      payer: c.payer?.value.text ?? '(no payer)',
      sendable: sendable.has(`${ref.uri}\u0000${c.startLine}`),
      adjustments,
    });
  }
  for (const [uri, list] of findingsByUri) {
    const seen = onClaims.get(uri);
    for (const f of list) if (!seen?.has(f)) outside.push({ code: f.code, severity: f.severity });
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
  return { claims, sessions, outside };
}

/**
 * Findings that come from comparing parts (claim ids across parts, whole-workspace findings),
 * added to the rows: each to the claim it starts on (which it may stop from being sent), else
 * to the findings outside claims.
 */
export function addFindings(rows: ReportRows, findings: readonly Finding[]): void {
  const byLine = new FindingsByLine(findings);
  const placed = new Set<Finding>();
  for (const claim of rows.claims) {
    const own = byLine.on(claim.row.uri, claim.row.line, claim.endLine);
    if (!own.length) continue;
    for (const f of own) {
      placed.add(f);
      claim.row.findings.push({ code: f.code, severity: f.severity, message: f.message, line: f.range.start.line });
      if (f.severity === 'error') {
        claim.row.errors++;
        claim.sendable = false;
      } else if (f.severity === 'warning') claim.row.warnings++;
      else if (f.severity === 'info') claim.row.infos++;
    }
    claim.row.findings.sort((a, b) => a.line - b.line);
  }
  for (const f of findings) if (!placed.has(f)) rows.outside.push({ code: f.code, severity: f.severity });
}

/**
 * The report from the rows of one workspace or of its parts: claims in the order of `fileOrder`
 * (a file's place in the workspace) and line, sessions by patient and payer.
 */
export function reportOf(
  parts: readonly ReportRows[],
  o: { title: string; generated: string; files: number; fileOrder: (uri: string) => number },
): ReportData {
  const all = parts.flatMap((p) => p.claims).sort((a, b) => o.fileOrder(a.row.uri) - o.fileOrder(b.row.uri) || a.row.line - b.row.line);
  const byRule = new Map<string, number>();
  /** the most severe severity each rule's findings have (a duplicate-field is an error or a warning by field) */
  const ruleSeverity = new Map<string, Severity>();
  const rank: Record<Severity, number> = { error: 3, warning: 2, info: 1, hint: 0 };
  const byFamily = new Map<string, Record<Severity, number>>();
  const count = (f: { code: string; severity: Severity }) => {
    byRule.set(f.code, (byRule.get(f.code) ?? 0) + 1);
    const seen = ruleSeverity.get(f.code);
    if (!seen || rank[f.severity] > rank[seen]) ruleSeverity.set(f.code, f.severity);
    const family = RULES_BY_ID.get(f.code)?.family ?? 'Other';
    const row = byFamily.get(family) ?? { error: 0, warning: 0, info: 0, hint: 0 };
    row[f.severity]++;
    byFamily.set(family, row);
  };
  const byPayer = new Map<string, { payer: string; claims: number; errors: number; warnings: number; expectedCents: number }>();
  const denials = new Map<string, { meaning: string; count: number; amountCents: number }>();
  let ready = 0,
    withErrors = 0,
    withWarnings = 0,
    exportReady = 0,
    expectedCents = 0,
    atRiskErrorsCents = 0,
    atRiskDeniedCents = 0,
    unknownClaims = 0;
  for (const c of all) {
    const { row } = c;
    for (const f of row.findings) count({ code: f.code, severity: f.severity as Severity });
    if (row.errors) withErrors++;
    else if (row.warnings) withWarnings++;
    else ready++;
    if (c.sendable) exportReady++;
    const expected = row.expectedCents;
    if (expected === undefined) unknownClaims++;
    else {
      expectedCents += expected;
      if (row.errors) atRiskErrorsCents += expected;
      if (row.findings.some((f) => f.code === 'claim-denied')) atRiskDeniedCents += expected;
    }
    const p = byPayer.get(c.payer.toLowerCase()) ?? { payer: c.payer, claims: 0, errors: 0, warnings: 0, expectedCents: 0 };
    p.claims++;
    p.errors += row.errors;
    p.warnings += row.warnings;
    p.expectedCents += expected ?? 0;
    byPayer.set(c.payer.toLowerCase(), p);
    for (const a of c.adjustments) {
      const d = denials.get(a.reason) ?? { meaning: a.meaning, count: 0, amountCents: 0 };
      d.count++;
      d.amountCents += a.amountCents;
      denials.set(a.reason, d);
    }
  }
  for (const p of parts) for (const f of p.outside) count(f);
  const sessions = parts
    .flatMap((p) => p.sessions)
    .sort((a, b) => (a.patient < b.patient ? -1 : a.patient > b.patient ? 1 : a.payer < b.payer ? -1 : a.payer > b.payer ? 1 : 0));
  return {
    generated: o.generated,
    title: o.title,
    totals: { files: o.files, claims: all.length, ready, withErrors, withWarnings, exportReady },
    money: { expectedCents, atRiskErrorsCents, atRiskDeniedCents, unknownClaims },
    byRule: [...byRule]
      .map(([id, n]) => ({ id, family: RULES_BY_ID.get(id)?.family ?? 'Other', severity: ruleSeverity.get(id) ?? 'info', count: n }))
      .sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : 1)),
    byFamily: [...byFamily]
      .map(([family, r]) => ({ family, errors: r.error, warnings: r.warning, infos: r.info, hints: r.hint }))
      .sort((a, b) => (a.family < b.family ? -1 : a.family > b.family ? 1 : 0)),
    byPayer: [...byPayer.values()],
    sessions,
    denials: [...denials].map(([reason, d]) => ({ reason, ...d })).sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1)),
    claims: all.map((c) => c.row),
  };
}

/** The report of one checked workspace. */
export function reportFigures(
  ws: Workspace,
  findingsByUri: ReadonlyMap<string, readonly Finding[]>,
  o: { title: string; generated: string; pathOf: (uri: string) => string },
): ReportData {
  const order = new Map(ws.all().map((d, i) => [d.uri, i]));
  return reportOf([reportRows(ws, findingsByUri, o.pathOf)], {
    title: o.title,
    generated: o.generated,
    files: ws.all().length,
    fileOrder: (uri) => order.get(uri) ?? order.size,
  });
}
