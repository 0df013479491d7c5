// What a rule is: its id, family, default severity, documentation and checks, in one place.
// Checks are registered per node: `claim` and `policy` checks see one block of one file
// (fast, cached per document version); `workspace` checks see the whole index (cross-claim).
export type { RuleId } from './ids';
import type { RuleId } from './ids';
import type { Block, ClaimBlock, ClaimFile, PolicyBlock, PracticeBlock, Position, Range, Span } from '../language/syntax';

export type { Position, Range };
import type { ClaimFacts } from '../model/claim';
import type { ClaimRef, IdRef, PolicyRef, WorkspaceIndex } from '../model/workspaceIndex';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';
/** Severities set by the user, by rule id (the rest keep their defaults). */
export type RuleSeverities = Readonly<Partial<Record<RuleId, SeveritySetting>>>;

export interface TextEdit {
  range: Range;
  newText: string;
}
export interface Fix {
  title: string;
  isPreferred: boolean;
  edits: TextEdit[];
}
export interface Related {
  uri: string;
  range: Range;
  message: string;
}

export interface Finding {
  uri: string;
  code: RuleId;
  severity: Severity;
  message: string;
  range: Range;
  fixes: Fix[];
  related?: Related[];
  unnecessary?: boolean;
}

export interface ReportOptions {
  fixes?: Fix[];
  related?: Related[];
  /** overrides the rule's default severity for this finding (a per-field severity, the GA/GZ downgrade) */
  severity?: Severity;
  unnecessary?: boolean;
}

export type Report = (at: Span | Range, message: string, options?: ReportOptions) => void;

export interface ClaimCheck {
  uri: string;
  file: ClaimFile;
  claim: ClaimBlock;
  facts: ClaimFacts;
  report: Report;
}
export interface PolicyCheck {
  uri: string;
  file: ClaimFile;
  policy: PolicyBlock;
  report: Report;
}
export interface PracticeCheck {
  uri: string;
  file: ClaimFile;
  practice: PracticeBlock;
  report: Report;
}
export interface FileCheck {
  uri: string;
  file: ClaimFile;
  report: Report;
}
export interface BlockCheck {
  uri: string;
  file: ClaimFile;
  block: Block;
  report: Report;
}
export interface WorkspaceCheck {
  index: WorkspaceIndex;
  files: ReadonlyMap<string, ClaimFile>;
  /** false for a rule the user turned off: what it would hide is reported instead */
  enabled: (ruleId: RuleId) => boolean;
  report: (uri: string, at: Span | Range, message: string, options?: ReportOptions) => void;
}

/**
 * A claim with `denied` or `appealed` lines, once every other rule has judged the workspace:
 * its findings (after the user's severities; the denial rules' own left out) explain denials.
 */
export interface DenialCheck {
  ref: ClaimRef;
  policy: PolicyRef | undefined;
  file: ClaimFile;
  /** the other rules' findings on the claim's lines */
  findings: readonly Finding[];
  report: Report;
}

export type WorkspaceReport = (uri: string, at: Span | Range, message: string, options?: ReportOptions) => void;
interface CrossBase {
  index: WorkspaceIndex;
  enabled: (ruleId: RuleId) => boolean;
  report: WorkspaceReport;
}
/** one claim against its payer's policy (undefined: no policy for the payer) */
export interface ClaimInWorkspaceCheck extends CrossBase {
  ref: ClaimRef;
  policy: PolicyRef | undefined;
  file: ClaimFile;
}
/** the claims of one patient with one payer (TPI claims and claims with `prior` lines), in workspace order */
export interface PatientPayerCheck extends CrossBase {
  key: string;
  claims: readonly ClaimRef[];
  /** the group's TPI claims (its sessions on the workspace's claims), in workspace order */
  tpiClaims: readonly ClaimRef[];
}
/** the TPI claims of one patient on one date, any payer, in workspace order (each with a valid date, patient and payer) */
export interface SameDayCheck extends CrossBase {
  refs: readonly ClaimRef[];
}
/** the claims that share one claim id, in workspace order */
/**
 * Claims sharing an id see only their file and id (the CLI checks ids across threads that
 * each hold part of the workspace): no index.
 */
export interface SameIdCheck {
  enabled: (ruleId: RuleId) => boolean;
  report: WorkspaceReport;
  refs: readonly IdRef[];
}

export type Family =
  | 'Structure'
  | 'Codes and pointers'
  | 'Trigger point injections'
  | 'Payer policy'
  | 'Modifiers and same-day services'
  | 'Documentation'
  | 'Drugs and supplies'
  | 'Billing details'
  | 'Denials and appeals';

export interface Rule {
  id: RuleId;
  family: Family;
  severity: Severity;
  /** when it fires, in a sentence */
  summary: string;
  /** why it matters to a biller */
  why: string;
  /** where the rule comes from: the real sources, each citing its docs/reference.md#section */
  source: string;
  /** the fixes it offers, in words ('none' when none) */
  fixes: string;
  /** a short claim fragment that triggers it */
  example?: string;
  /** the file as a whole: lines before the first block, unreadable files */
  file?(c: FileCheck): void;
  /** any block: claim, policy or practice */
  block?(c: BlockCheck): void;
  claim?(c: ClaimCheck): void;
  policy?(c: PolicyCheck): void;
  practice?(c: PracticeCheck): void;
  /**
   * Cross-claim checks, by the group they look at; the engine re-runs a group's checks only
   * when the group changed (a claim of it re-parsed, a policy changed).
   */
  claimInWorkspace?(c: ClaimInWorkspaceCheck): void;
  patientPayer?(c: PatientPayerCheck): void;
  sameDay?(c: SameDayCheck): void;
  sameId?(c: SameIdCheck): void;
  /** claims with denials, after every other rule (their findings explain the denials) */
  denials?(c: DenialCheck): void;
  /** whole-workspace checks, run every time (keep them cheap) */
  workspace?(c: WorkspaceCheck): void;
}

export function defineRules(rules: Rule[]): Rule[] {
  return rules;
}

export function toRange(at: Span | Range): Range {
  if ('start' in at && typeof at.start === 'object') return at as Range;
  const s = at as Span;
  return { start: { line: s.line, character: s.start }, end: { line: s.line, character: s.end } };
}
