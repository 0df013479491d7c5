// Runs the registered rules over a workspace. Fast checks see one block (claim or policy)
// and are cached per parsed block, so an edit re-runs them for the blocks it re-parsed
// only; workspace checks run over the index. User severities replace the defaults (the
// GA/GZ downgrade too).
import type { Block, ClaimFile, Span } from '../language/syntax';
import { factsOf } from '../model/claim';
import type { Workspace } from '../model/workspace';
import type { ClaimRef, IdRef, LineShift, PolicyRef } from '../model/workspaceIndex';
import { RULES } from './registry';
import type { Finding, Position, Range, ReportOptions, Rule, WorkspaceReport, RuleSeverities, RuleId } from './rule';
import { toRange } from './rule';
import { dataVersion } from '../data/loaded';

export interface CheckOptions {
  /** per-rule severity overrides; `off` drops the rule */
  severities?: RuleSeverities;
}

function finding(rule: Rule, uri: string, at: Span | Range, message: string, o: ReportOptions = {}): Finding {
  const f: Finding = { uri, code: rule.id, severity: o.severity ?? rule.severity, message, range: toRange(at), fixes: o.fixes ?? [] };
  if (o.related?.length) f.related = o.related;
  if (o.unnecessary) f.unnecessary = true;
  return f;
}

const FILE_RULES = RULES.filter((r) => r.file);
const BLOCK_RULES = RULES.filter((r) => r.block);
const CLAIM_RULES = RULES.filter((r) => r.claim);
const POLICY_RULES = RULES.filter((r) => r.policy);
const PRACTICE_RULES = RULES.filter((r) => r.practice);
const WORKSPACE_RULES = RULES.filter((r) => r.workspace);

/**
 * A block's findings as last computed, with the block's first line and the file's end at that
 * time: a block an edit moved gets its findings moved (as new objects, never edited in place),
 * and findings whose fixes reach past the block (an insertion at the end of the file) are
 * computed again whenever the file's end moved.
 */
interface CheckedBlock {
  /** the data version the findings were computed with (CMS files loaded since: computed again) */
  version: number;
  startLine: number;
  findings: Finding[];
  end: string | undefined;
}
const blockCache = new WeakMap<Block, CheckedBlock>();
const fileCache = new WeakMap<ClaimFile, { version: number; findings: Finding[] }>();

// The checks of each kind as plain function arrays, with their rules at the same index: one
// call per rule and block, without looking the method up on rule objects of many shapes.
const BLOCK_CHECKS = BLOCK_RULES.map((r) => r.block!);
const CLAIM_CHECKS = CLAIM_RULES.map((r) => r.claim!);
const POLICY_CHECKS = POLICY_RULES.map((r) => r.policy!);
const PRACTICE_CHECKS = PRACTICE_RULES.map((r) => r.practice!);

/** Where a file ends, for findings whose fixes insert there. */
const endOf = (file: ClaimFile): string => `${file.lineCount}:${file.lastLineLength}`;

/** Whether any position of the findings lies past the block's last line. */
function reachesPast(findings: readonly Finding[], endLine: number): boolean {
  for (const f of findings) {
    if (f.range.end.line > endLine) return true;
    for (const x of f.fixes) for (const e of x.edits) if (e.range.end.line > endLine) return true;
  }
  return false;
}

/** Findings of one block alone (computed once per block, moved with it by an edit above it). */
export function checkBlock(file: ClaimFile, block: Block): Finding[] {
  const cached = blockCache.get(block);
  if (cached && cached.version === dataVersion() && (cached.end === undefined || cached.end === endOf(file))) {
    if (cached.startLine === block.startLine) return cached.findings;
    const findings = shiftFindings(cached.findings, file.uri, cached.startLine, block.startLine - cached.startLine);
    blockCache.set(block, { version: cached.version, startLine: block.startLine, findings, end: cached.end });
    return findings;
  }
  const out: Finding[] = [];
  const uri = file.uri;
  let rules: Rule[] = BLOCK_RULES;
  let k = 0;
  const report = (at: Span | Range, message: string, o?: ReportOptions) => {
    out.push(finding(rules[k], uri, at, message, o));
  };
  const b = { uri, file, block, report };
  for (k = 0; k < BLOCK_CHECKS.length; k++) BLOCK_CHECKS[k](b);
  if (block.kind === 'claim') {
    const ctx = { uri, file, claim: block, facts: factsOf(block), report };
    rules = CLAIM_RULES;
    for (k = 0; k < CLAIM_CHECKS.length; k++) CLAIM_CHECKS[k](ctx);
  } else if (block.kind === 'policy') {
    const ctx = { uri, file, policy: block, report };
    rules = POLICY_RULES;
    for (k = 0; k < POLICY_CHECKS.length; k++) POLICY_CHECKS[k](ctx);
  } else {
    const ctx = { uri, file, practice: block, report };
    rules = PRACTICE_RULES;
    for (k = 0; k < PRACTICE_CHECKS.length; k++) PRACTICE_CHECKS[k](ctx);
  }
  const findings = out.length ? out : NO_FINDINGS;
  blockCache.set(block, {
    version: dataVersion(),
    startLine: block.startLine,
    findings,
    end: out.length && reachesPast(out, block.endLine) ? endOf(file) : undefined,
  });
  return findings;
}

/** The findings of every block that has none (most blocks): one shared, frozen list. */
const NO_FINDINGS = Object.freeze([]) as unknown as Finding[];

/**
 * A finding with its positions in `uri` from line `fromLine` on moved by `delta` lines: the
 * same object when none moves, else a copy (findings handed out are never changed).
 */
function shiftFinding(f: Finding, uri: string, fromLine: number, delta: number): Finding {
  const moves = (r: Range) => r.start.line >= fromLine || r.end.line >= fromLine;
  const move = (r: Range): Range =>
    moves(r) ? { start: movePosition(r.start, fromLine, delta), end: movePosition(r.end, fromLine, delta) } : r;
  const own = f.uri === uri;
  let touched = own && (moves(f.range) || f.fixes.some((x) => x.edits.some((e) => moves(e.range))));
  if (!touched && f.related) touched = f.related.some((r) => r.uri === uri && moves(r.range));
  if (!touched) return f;
  const copy: Finding = { ...f };
  if (own) {
    copy.range = move(f.range);
    copy.fixes = f.fixes.map((x) => ({ ...x, edits: x.edits.map((e) => ({ range: move(e.range), newText: e.newText })) }));
  }
  if (f.related) copy.related = f.related.map((r) => (r.uri === uri ? { ...r, range: move(r.range) } : r));
  return copy;
}

function movePosition(p: Position, fromLine: number, delta: number): Position {
  return p.line >= fromLine ? { line: p.line + delta, character: p.character } : p;
}

/** `shiftFinding` over a list: the same list when nothing moves. */
export function shiftFindings(list: Finding[], uri: string, fromLine: number, delta: number): Finding[] {
  let out: Finding[] | undefined;
  for (let i = 0; i < list.length; i++) {
    const moved = shiftFinding(list[i], uri, fromLine, delta);
    if (moved !== list[i]) (out ??= list.slice())[i] = moved;
  }
  return out ?? list;
}

/** Findings that depend on one document only: the file-wide rules, then each block's (cached per file version). */
export function checkDocument(file: ClaimFile): Finding[] {
  const cached = fileCache.get(file);
  if (cached && cached.version === dataVersion()) return cached.findings;
  const out: Finding[] = [];
  let rule: Rule = RULES[0];
  const report = (at: Span | Range, message: string, o?: ReportOptions) => {
    out.push(finding(rule, file.uri, at, message, o));
  };
  for (rule of FILE_RULES) rule.file!({ uri: file.uri, file, report });
  for (const b of file.blocks) for (const f of checkBlock(file, b)) out.push(f);
  fileCache.set(file, { version: dataVersion(), findings: out });
  return out;
}

const CLAIM_CROSS_RULES = RULES.filter((r) => r.claimInWorkspace);
const PATIENT_PAYER_RULES = RULES.filter((r) => r.patientPayer);
const SAME_DAY_RULES = RULES.filter((r) => r.sameDay);
const SAME_ID_RULES = RULES.filter((r) => r.sameId);
const CLAIM_CROSS_CHECKS = CLAIM_CROSS_RULES.map((r) => r.claimInWorkspace!);
const PATIENT_PAYER_CHECKS = PATIENT_PAYER_RULES.map((r) => r.patientPayer!);
const SAME_DAY_CHECKS = SAME_DAY_RULES.map((r) => r.sameDay!);

/**
 * Cross-claim findings, cached by the group they come from: per claim (with the policy that
 * judged it), per patient and payer, per patient and date, per claim id. An update re-runs
 * the groups the index reports as changed; a changed policy or setting re-runs everything.
 */
export class CrossChecker {
  /** findings of each claim against its payer's policy (claims with none are left out) */
  private perClaim = new Map<ClaimRef, Finding[]>();
  private groups = { sessions: new Map<string, Finding[]>(), days: new Map<string, Finding[]>(), ids: new Map<string, Finding[]>() };
  private settingsKey: string | undefined;

  /**
   * @param keep keep the findings (and the index's sessions) for the next run; a one-pass check
   * (the CLI) does not, and holds less memory
   */
  constructor(private keep = true) {}

  /** Cached findings follow the lines an edit moved (each shift in the order the edits came). */
  private applyShifts(shifts: readonly LineShift[]): void {
    if (!shifts.length) return;
    const move = <K>(cache: Map<K, Finding[]>) => {
      for (const [key, list] of cache) {
        let moved = list;
        for (const s of shifts) moved = shiftFindings(moved, s.uri, s.fromLine, s.delta);
        if (moved !== list) cache.set(key, moved);
      }
    };
    move(this.perClaim);
    for (const m of Object.values(this.groups)) move(m);
  }

  /**
   * The cross-claim findings. `scope` leaves out the claim-id groups or the whole-workspace
   * rules, for a caller that checks them over more than this workspace (the CLI's threads).
   */
  run(ws: Workspace, options: CheckOptions = {}, scope: CrossScope = {}): Finding[] {
    const index = ws.index();
    const changes = index.takeChanges();
    // (a new load of CMS's files changes what some rules find: everything is checked again)
    const settingsKey = `${dataVersion()}|${JSON.stringify(options.severities ?? {})}`;
    const all = changes.policies || settingsKey !== this.settingsKey;
    this.settingsKey = settingsKey;
    if (!all) this.applyShifts(changes.shifts);
    else {
      this.perClaim.clear();
      for (const m of Object.values(this.groups)) m.clear();
    }
    for (const r of changes.removed) this.perClaim.delete(r);
    const enabled = enabledIn(options);
    const files = new Map(ws.all().map((f) => [f.uri, f]));
    // one report function for every group: `rules[k]` is the rule whose check is running
    let found: Finding[] | undefined;
    let rules: readonly Rule[] = CLAIM_CROSS_RULES;
    let k = 0;
    const report: WorkspaceReport = (uri, at, message, o) => {
      (found ??= []).push(finding(rules[k], uri, at, message, o));
    };
    /** Runs a group's checks with one context; its findings, or undefined for none. */
    const run = <C>(groupRules: readonly Rule[], checks: readonly ((c: C) => void)[], ctx: C): Finding[] | undefined => {
      found = undefined;
      rules = groupRules;
      for (k = 0; k < checks.length; k++) checks[k](ctx);
      return found;
    };
    const out: Finding[] = [];
    // a claim's checks against its payer's policy: again when the claim or a policy changed
    // (a workspace names few payers: each is looked up once a run)
    const policies = new Map<string, PolicyRef | undefined>();
    const policyOf = (payer: string) => {
      if (policies.has(payer)) return policies.get(payer);
      const p = index.policyFor(payer);
      policies.set(payer, p);
      return p;
    };
    for (const ref of all ? index.claims : changes.claims) {
      const policy = ref.claim.payer ? policyOf(ref.claim.payer.value.value) : undefined;
      const file = files.get(ref.uri)!;
      const findings = run(CLAIM_CROSS_RULES, CLAIM_CROSS_CHECKS, { index, enabled, report, ref, policy, file });
      if (!this.keep) {
        if (findings) for (const f of findings) out.push(f);
      } else if (findings) this.perClaim.set(ref, findings);
      else this.perClaim.delete(ref);
    }
    for (const findings of this.perClaim.values()) for (const f of findings) out.push(f);
    const refresh = (
      cache: Map<string, Finding[]>,
      keys: Iterable<string>,
      dirty: Set<string>,
      compute: (key: string) => Finding[] | undefined,
    ) => {
      for (const key of all ? keys : dirty) {
        const found = compute(key);
        if (!this.keep) {
          if (found) for (const f of found) out.push(f);
        } else if (found) cache.set(key, found);
        else cache.delete(key);
      }
      for (const list of cache.values()) for (const f of list) out.push(f);
    };
    refresh(this.groups.sessions, index.sessionKeys(), changes.sessions, (key) => {
      const claims = index.sessionClaims(key);
      const found = claims.length
        ? run(PATIENT_PAYER_RULES, PATIENT_PAYER_CHECKS, {
            index,
            enabled,
            report,
            key,
            claims,
            tpiClaims: claims.filter((c) => c.facts.isTpiClaim),
          })
        : undefined;
      // the group's sessions served its rules: features that show sessions (code lens, hover)
      // compute the few they need again, rather than every group's staying in memory
      index.forgetSessions(key);
      return found;
    });
    refresh(this.groups.days, index.sameDay.keys(), changes.days, (key) => {
      const refs = index.sameDay.get(key);
      return refs?.length ? run(SAME_DAY_RULES, SAME_DAY_CHECKS, { index, enabled, report, refs }) : undefined;
    });
    if (scope.ids !== false) {
      refresh(this.groups.ids, index.claimsById.keys(), changes.ids, (key) => {
        const refs = index.claimsById.get(key);
        return refs && refs.length > 1 ? checkClaimIds(refs, options) : undefined;
      });
    }
    if (scope.workspace !== false) for (const f of checkWorkspaceWide(ws, options)) out.push(f);
    return out;
  }
}

/** Whether a rule runs under the options (not turned `off`). */
function enabledIn(options: CheckOptions): (ruleId: RuleId) => boolean {
  return (id) => options.severities?.[id] !== 'off';
}

export interface CrossScope {
  /** check the claim-id groups (default true) */
  ids?: boolean;
  /** run the whole-workspace rules (default true) */
  workspace?: boolean;
}

/** The findings of one claim-id group (claims sharing an id, in workspace order). */
export function checkClaimIds(refs: readonly IdRef[], options: CheckOptions = {}): Finding[] {
  const out: Finding[] = [];
  const enabled = enabledIn(options);
  for (const rule of SAME_ID_RULES)
    rule.sameId!({ enabled, report: (uri, at, message, o) => out.push(finding(rule, uri, at, message, o)), refs });
  return out;
}

/** The findings of the whole-workspace rules (run every time: they are cheap). */
export function checkWorkspaceWide(ws: Workspace, options: CheckOptions = {}): Finding[] {
  const index = ws.index();
  const files = new Map(ws.all().map((f) => [f.uri, f]));
  const enabled = enabledIn(options);
  const out: Finding[] = [];
  for (const rule of WORKSPACE_RULES)
    rule.workspace!({ index, files, enabled, report: (uri, at, message, o) => out.push(finding(rule, uri, at, message, o)) });
  return out;
}

export function applySeverities(findings: Finding[], options: CheckOptions): Finding[] {
  const sev = options.severities;
  if (!sev || !Object.keys(sev).length) return findings;
  const out: Finding[] = [];
  for (const f of findings) {
    const s = sev[f.code];
    if (s === 'off') continue;
    out.push(s ? { ...f, severity: s } : f);
  }
  return out;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}

/** Every finding of the workspace, grouped by document URI (every document has an entry). */
export function checkAll(
  ws: Workspace,
  options: CheckOptions = {},
  cross = new CrossChecker(),
  scope: CrossScope = {},
): Map<string, Finding[]> {
  const byUri = new Map<string, Finding[]>();
  for (const file of ws.all()) byUri.set(file.uri, [...checkDocument(file)]);
  for (const f of cross.run(ws, options, scope)) byUri.get(f.uri)?.push(f);
  for (const [uri, list] of byUri) byUri.set(uri, applySeverities(list, options));
  for (const f of applySeverities(explainDenials(ws, byUri), options)) byUri.get(f.uri)?.push(f);
  for (const list of byUri.values()) list.sort(compareFindings);
  return byUri;
}

const DENIAL_RULES = RULES.filter((r) => r.denials);
const DENIAL_IDS: ReadonlySet<string> = new Set(DENIAL_RULES.map((r) => r.id));

/**
 * The denial rules, run last: a claim's denial is explained by the other rules' findings on it
 * (data still flows one way: findings in, more findings out). Only claims with `denied` or
 * `appealed` lines are looked at.
 */
function explainDenials(ws: Workspace, byUri: ReadonlyMap<string, Finding[]>): Finding[] {
  const out: Finding[] = [];
  const index = ws.index();
  const files = new Map<string, ClaimFile>();
  for (const ref of index.claims) {
    const c = ref.claim;
    if (!c.denials.length && !c.appealed) continue;
    let file = files.get(ref.uri);
    if (!file) files.set(ref.uri, (file = ws.get(ref.uri)!));
    const findings = (byUri.get(ref.uri) ?? []).filter(
      (f) => !DENIAL_IDS.has(f.code) && f.range.start.line >= c.startLine && f.range.start.line <= c.endLine,
    );
    const policy = c.payer ? index.policyFor(c.payer.value.value) : undefined;
    for (const rule of DENIAL_RULES) {
      const report = (at: Span | Range, message: string, o?: ReportOptions) => out.push(finding(rule, ref.uri, at, message, o));
      rule.denials!({ ref, policy, file, findings, report });
    }
  }
  return out;
}
