// Payer policy: coverage, frequency, repeat interval, authorization, regions, guidance, same day.
import { dottedIcd } from '../language/lexicon';
import type { ClaimBlock, IcdEntry, PolicyBlock, ServiceLine, Span } from '../language/syntax';
import { keywordOf } from '../language/syntax';
import { IMAGING_GUIDANCE } from '../data/codes';
import { AREA_OF, catalogueMuscle, Area } from '../data/muscles';
import { MEDICARE_SOURCE } from '../data/medicare';
import { hasModifier, judgedDiagnoses } from '../model/claim';
import { daysBetween, limitWindow } from '../model/dates';
import type { ClaimRef, PolicyRef, Session, WorkspaceIndex } from '../model/workspaceIndex';
import { lower } from '../model/workspaceIndex';
import { defineRules, PatientPayerCheck, Related } from './rule';
import { deleteLine, fix, insertLinesAfter, spanRange } from './edits';
import { cap, claimAnchor, claimName } from './structure';
import { lacksSupportingDiagnosis } from './tpi';

export function policyName(p: PolicyRef): string {
  return p.builtin ? 'the built-in medicare policy (Noridian LCD L34211)' : `policy ${p.policy.id!.text}`;
}

/** GA/GZ on a TPI line: a waiver is on file or denial is expected; coverage findings become info. */
export function waived(ref: ClaimRef): boolean {
  return ref.facts.tpiLines.some((l) => hasModifier(l, 'GA', 'GZ'));
}

function sessionRefs(s: Session, except?: ClaimRef, out: Related[] = [], max = Infinity): Related[] {
  for (const c of s.claims) {
    if (out.length >= max) return out;
    if (c !== except)
      out.push({ uri: c.uri, range: spanRange(c.claim.date!.value), message: `session on ${s.date}: ${claimName(c.claim)}` });
  }
  for (const p of s.priors) {
    if (out.length >= max) return out;
    out.push({ uri: p.uri, range: spanRange(p.prior.date), message: `session on ${s.date}: prior ${p.prior.code.value}` });
  }
  return out;
}

/**
 * The related locations and the dates a finding lists, at most: a patient with thousands of
 * sessions in one window made every finding list every other session (quadratic: 4,000
 * sessions of one patient ran the server out of memory).
 */
const MAX_RELATED = 20;
const MAX_DATES = 10;

/** Dates joined with commas, the first MAX_DATES of them when there are more. */
function someDates(dates: readonly string[]): string {
  if (dates.length <= MAX_DATES) return dates.join(', ');
  return `${dates.slice(0, MAX_DATES).join(', ')}, ... and ${dates.length - MAX_DATES} more`;
}

/** A TPI claim of a patient-and-payer group as a session (the group's claims all have a valid date, patient and payer). */
interface SessionClaim {
  ref: ClaimRef;
  patient: string;
  payer: string;
  date: string;
  dateTok: Span;
}

/** The TPI claims of a patient-and-payer group, as sessions (each has a valid date, patient and payer). */
function sessionClaims(check: PatientPayerCheck): SessionClaim[] {
  return check.tpiClaims.map((ref) => {
    const c = ref.claim;
    return { ref, patient: c.patient!.value.value, payer: c.payer!.value.value, date: c.date!.iso!, dateTok: c.date!.value };
  });
}

/** A policy's `covers` and `excludes` entries, each list flattened once per parsed policy. */
const icdLists = new WeakMap<PolicyBlock, { covers: IcdEntry[]; excludes: IcdEntry[] }>();
function icdListsOf(policy: PolicyBlock): { covers: IcdEntry[]; excludes: IcdEntry[] } {
  let lists = icdLists.get(policy);
  if (!lists)
    icdLists.set(
      policy,
      (lists = { covers: policy.covers.flatMap((l) => l.entries), excludes: policy.excludes.flatMap((l) => l.entries) }),
    );
  return lists;
}

/** The smallest session count of a policy's limits. */
function minimumCount(policy: PolicyBlock): number {
  let n = Infinity;
  for (const l of policy.limits) n = Math.min(n, l.count);
  return n;
}

function matches(code: string, entries: { value: string; wellFormed: boolean }[]): boolean {
  return entries.some((e) => e.wellFormed && code.startsWith(e.value));
}

/** What a payer's policy says of one diagnosis code: in its `excludes`, in its `covers`, outside a `covers` list, or nothing. */
export type DiagnosisCoverage = 'excluded' | 'covered' | 'outside' | 'unlisted';
export function diagnosisCoverage(policy: PolicyBlock, code: string): DiagnosisCoverage {
  const { covers, excludes } = icdListsOf(policy);
  if (matches(code, excludes)) return 'excluded';
  if (!covers.length) return 'unlisted';
  return matches(code, covers) ? 'covered' : 'outside';
}

/** The covers and excludes lists of a policy, as written (for messages). */
export function coverageLists(policy: PolicyBlock): { covers: string[]; excludes: string[] } {
  const { covers, excludes } = icdListsOf(policy);
  return { covers: covers.map((e) => e.text), excludes: excludes.map((e) => e.text) };
}

/** The payer is Medicare (the built-in policy or a user `policy medicare`): GA/GZ and the ABN apply. */
export function isMedicare(policy: PolicyRef): boolean {
  return policy.builtin || lower(policy.policy.id?.value ?? '') === 'medicare';
}

/** A TPI line the payer's policy does not cover, as dx-not-covered judges it: why, in words. */
export interface CoverageDenial {
  line: ServiceLine;
  codes: string[];
  excluded: string[];
  why: string;
  waiver: boolean;
}
export function coverageDenial(claim: ClaimBlock, line: ServiceLine, policy: PolicyRef): CoverageDenial | undefined {
  const dx = judgedDiagnoses(claim, line);
  if (!dx) return undefined;
  const { covers, excludes } = icdListsOf(policy.policy);
  const outside = covers.length > 0 && !dx.some((d) => matches(d.code.value, covers));
  if (!outside && !dx.some((d) => matches(d.code.value, excludes))) return undefined;
  const excluded = dx.filter((d) => matches(d.code.value, excludes)).map((d) => dottedIcd(d.code.value));
  const why = excluded.length
    ? `${excluded.join(', ')} ${excluded.length > 1 ? 'are' : 'is'} excluded by ${policyName(policy)}`
    : `${policyName(policy)} covers only ${covers.map((e) => e.text).join(', ')}`;
  return { line, codes: dx.map((d) => dottedIcd(d.code.value)), excluded, why, waiver: hasModifier(line, 'GA', 'GZ') };
}

/** How to bill a service Medicare is expected to deny (GA and GZ as the modifier catalogue defines them). */
export const EXPECTED_DENIAL_ADVICE =
  'to bill an expected Medicare denial, add GA with an advance beneficiary notice (ABN) on file, or GZ when no ABN was given';

/** No session is limited (a day with one session). */
export const NO_LIMITS: ReadonlyMap<ClaimRef, ClaimRef> = new Map();

/**
 * Sessions (claims) of one patient and date that `same-day-limit` reports, each with the first
 * session that day: every session but the first with a payer under `one-session-per-day`.
 */
export function sameDayLimitedIn(day: readonly ClaimRef[], index: WorkspaceIndex): ReadonlyMap<ClaimRef, ClaimRef> {
  if (day.length < 2) return NO_LIMITS;
  const out = new Map<ClaimRef, ClaimRef>();
  const byPayer = new Map<string, ClaimRef[]>();
  for (const ref of day) {
    const k = lower(ref.claim.payer!.value.value);
    const list = byPayer.get(k);
    if (list) list.push(ref);
    else byPayer.set(k, [ref]);
  }
  for (const [payer, refs] of byPayer) {
    if (refs.length < 2 || !index.policyFor(payer)?.policy.oneSessionPerDay) continue;
    for (const ref of refs.slice(1)) out.set(ref, refs[0]);
  }
  return out;
}

function sharesMuscle(a: ReadonlySet<string>, b: ReadonlySet<string>): string[] {
  const common: string[] = [];
  for (const key of a) {
    const [name, side] = key.split('|');
    const hit = side ? b.has(key) || b.has(`${name}|`) : b.has(`${name}|`) || b.has(`${name}|L`) || b.has(`${name}|R`);
    if (hit) common.push(side ? `${side === 'L' ? 'left' : 'right'} ${name}` : name);
  }
  return common;
}

export default defineRules([
  {
    id: 'dx-not-covered',
    family: 'Payer policy',
    severity: 'warning',
    summary:
      "A TPI line whose pointed diagnoses are all outside the payer's `covers` list, or any of which is in its `excludes` list. Info when the line carries GA or GZ.",
    why: 'The payer pays trigger point injections only for the diagnoses its policy covers; Medicare (LCD L34211) covers tension-type headache and myalgia codes and excludes fibromyalgia.',
    source: `${MEDICARE_SOURCE}; the payer's \`policy\` block`,
    fixes: 'none',
    example: 'diagnosis A M79.7\n  line 20552 dx A',
    claimInWorkspace({ ref, policy, enabled, report }) {
      if (!policy || !ref.facts.isTpiClaim) return;
      for (const line of ref.facts.tpiLines) {
        const denial = coverageDenial(ref.claim, line, policy);
        if (!denial) continue;
        if (enabled('dx-not-supported') && lacksSupportingDiagnosis(ref.claim, line)) continue;
        const { codes, why, waiver } = denial;
        const payer = ref.claim.payer!.value.text;
        const advice = waiver ? 'the denial is expected (GA/GZ on the line)' : 'expect a denial';
        const ga = !waiver && isMedicare(policy) ? ` ${cap(EXPECTED_DENIAL_ADVICE)}.` : '';
        report(ref.uri, line.code, `${line.code.value} is not covered for ${codes.join(', ')} by ${payer}: ${advice}. ${cap(why)}.${ga}`, {
          severity: waiver ? 'info' : undefined,
        });
      }
    },
  },
  {
    id: 'frequency-limit',
    family: 'Payer policy',
    severity: 'warning',
    summary:
      'A session that makes more than n sessions of its patient with the payer in a `limit` window ending on its date. Info when a TPI line carries GA or GZ.',
    why: 'Payers limit how often trigger point injections are paid; Medicare allows at most 3 sessions in a rolling 12 months. Routine periodic injections are not covered.',
    source: `${MEDICARE_SOURCE}; the payer's \`policy\` block`,
    fixes: 'none',
    example: 'policy tight-ppo\n  limit 2 per 30 days',
    patientPayer(check) {
      const { index, key, report } = check;
      for (const s of sessionClaims(check)) {
        const policy = index.policyFor(s.payer);
        if (!policy?.policy.limits.length) continue;
        const sessions = index.sessionsByKey(key); // (the group's: every claim of it has this patient and payer)
        if (sessions.length <= minimumCount(policy.policy)) continue; // (no window can hold more)
        const problems: string[] = [];
        let head = '';
        // the other sessions of every exceeded window, each once (several limits may share them)
        const others = new Set<Session>();
        for (const limit of policy.policy.limits) {
          const w = limitWindow(s.date, limit.per, limit.unit);
          const inside = sessions.filter((x) => x.date >= w.from && x.date <= w.to);
          if (inside.length <= limit.count) continue;
          if (!problems.length) head = `${inside.length} sessions in ${limit.per} ${limit.unit} with ${s.payer} (limit ${limit.count})`;
          problems.push(
            `${inside.length} sessions in the ${limit.per} ${limit.unit} from ${w.from} to ${w.to} (${someDates(inside.map((x) => x.date))}) exceed limit ${limit.count} per ${limit.per} ${limit.unit}`,
          );
          for (const x of inside) if (x.date !== s.date) others.add(x);
        }
        if (!problems.length) continue;
        const related: Related[] = [];
        for (const x of [...others].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))) {
          if (related.length >= MAX_RELATED) break;
          sessionRefs(x, undefined, related, MAX_RELATED);
        }
        report(s.ref.uri, s.dateTok, `${head}: expect a denial. Patient ${s.patient}: ${problems.join('; ')} of ${policyName(policy)}.`, {
          related,
          severity: waived(s.ref) ? 'info' : undefined,
        });
      }
    },
  },
  {
    id: 'repeat-interval',
    family: 'Payer policy',
    severity: 'warning',
    summary:
      'A session fewer than `interval` days after a session on a strictly earlier date of the same patient and payer that injected a muscle of the same name and side (or either session lists no muscles). Info when a TPI line carries GA or GZ.',
    why: 'Payers require time between injections in the same location; Medicare requires at least 6 weeks.',
    source: `${MEDICARE_SOURCE}; the payer's \`policy\` block`,
    fixes: 'none',
    example: 'policy medicare: interval 6 weeks',
    patientPayer(check) {
      const { index, key, report } = check;
      for (const s of sessionClaims(check)) {
        const policy = index.policyFor(s.payer);
        const interval = policy?.policy.interval;
        if (!policy || !interval) continue;
        const sessions = index.sessionsByKey(key); // (the group's: every claim of it has this patient and payer)
        if (sessions[0].date >= s.date) continue; // (no earlier session)
        const own = sessions.find((x) => x.date === s.date)!;
        const hits: string[] = [];
        let head = '';
        const related: Related[] = [];
        for (const e of sessions) {
          if (e.date >= s.date) break;
          const gap = daysBetween(e.date, s.date);
          if (gap >= interval.days) continue;
          let what: string;
          if (!own.muscles.size || !e.muscles.size)
            what = !e.muscles.size ? 'that session lists no muscles' : 'this session lists no muscles';
          else {
            const common = sharesMuscle(own.muscles, e.muscles);
            if (!common.length) continue;
            what = `both inject ${common.join(', ')}`;
          }
          if (!hits.length) head = `Session ${gap} days after the one on ${e.date}`;
          hits.push(`${gap} days after the session on ${e.date} (${what})`);
          sessionRefs(e, undefined, related, MAX_RELATED);
        }
        if (!hits.length) continue;
        report(
          s.ref.uri,
          s.dateTok,
          `${head}: expect a denial, ${s.payer} requires ${interval.days} days. The session on ${s.date} is ${hits.join('; ')}; ${policyName(policy)} requires interval ${interval.per} ${interval.unit} (${interval.days} days) between sessions in the same muscle.`,
          {
            related,
            severity: waived(s.ref) ? 'info' : undefined,
          },
        );
      }
    },
  },
  {
    id: 'auth-missing',
    family: 'Payer policy',
    severity: 'warning',
    summary: 'A TPI claim whose payer has `requires-auth` and that has no `auth` line.',
    why: 'Without the prior authorization number the payer denies the injection.',
    source: "the payer's `policy` block, `requires-auth` (docs/reference.md#payer-policies)",
    fixes: 'Insert an `auth` line to complete.',
    example: 'policy auth-ppo\n  requires-auth',
    claimInWorkspace({ ref, policy, file, report }) {
      const payer = ref.claim.payer;
      if (!ref.facts.isTpiClaim || !policy?.policy.requiresAuth || ref.claim.auth) return;
      report(
        ref.uri,
        claimAnchor(ref.claim),
        `${cap(claimName(ref.claim))} has no auth line: add the prior authorization number. ${cap(policyName(policy))} requires prior authorization for 20552/20553.`,
        {
          fixes: [fix('Insert an auth line', [insertLinesAfter(file, payer!.line, ['  auth <authorization-number>'])])],
        },
      );
    },
  },
  {
    id: 'multiple-regions',
    family: 'Payer policy',
    severity: 'warning',
    summary:
      "The payer has `single-region` and the session's catalogue muscles lie in more than one area: head, neck and upper back / low back and hip / arm / leg.",
    why: 'Medicare (LCD L34211) does not cover injections into several anatomical regions in one session.',
    source: `${MEDICARE_SOURCE}; ClaimNote catalogue of areas (docs/reference.md#catalogues)`,
    fixes: 'none',
    example: 'muscles right upper trapezius, right quadratus lumborum',
    claimInWorkspace({ ref, policy, report }) {
      if (!ref.facts.isTpiClaim || !policy?.policy.singleRegion || !ref.claim.muscles.length) return;
      const areas = new Map<Area, string[]>();
      for (const item of ref.facts.muscleItems) {
        const m = catalogueMuscle(item.name);
        if (!m) continue;
        const area = AREA_OF[m.regions[0]];
        areas.set(area, [...(areas.get(area) ?? []), item.text]);
      }
      if (areas.size < 2) return;
      const list = [...areas].map(([a, ms]) => `${a} (${ms.join(', ')})`).join('; ');
      report(
        ref.uri,
        keywordOf(ref.claim.muscles[0]),
        `Muscles in ${areas.size} areas in one session: ${ref.claim.payer!.value.text} covers one region a session. ${cap(list)}; ${policyName(policy)} sets single-region.`,
      );
    },
  },
  {
    id: 'guidance-not-covered',
    family: 'Payer policy',
    severity: 'warning',
    summary: 'The payer has `no-imaging-guidance` and the TPI claim bills 76942, 77002 or 77021.',
    why: 'Medicare (LCD L34211): fluoroscopic or MRI guidance is not reasonable and necessary for trigger point injections, and ultrasound guidance is investigational.',
    source: `${MEDICARE_SOURCE}`,
    fixes: 'Delete the line.',
    example: 'line 76942 dx A',
    claimInWorkspace({ ref, policy, file, report }) {
      if (!ref.facts.isTpiClaim || !policy?.policy.noImagingGuidance) return;
      for (const line of ref.claim.lines) {
        if (!IMAGING_GUIDANCE.has(line.code.value)) continue;
        report(
          ref.uri,
          line.code,
          `Imaging guidance ${line.code.value} is not covered by ${ref.claim.payer!.value.text}: delete the line. ${cap(policyName(policy))} does not cover imaging guidance with trigger point injections (no-imaging-guidance).`,
          {
            fixes: [fix(`Delete the ${line.code.value} line`, [deleteLine(file, line.line)])],
          },
        );
      }
    },
  },
  {
    id: 'same-day-limit',
    family: 'Payer policy',
    severity: 'error',
    summary:
      'The payer has `one-session-per-day` and the patient already has a session with it that day: every such session but the first, whatever its modifiers.',
    why: 'The MUE for 20552/20553 is 1 per date of service, adjudicated per day (indicator 2): no modifier makes a second session that day payable.',
    source: "CMS Medically Unlikely Edits, MUE 1 with adjudication indicator 2 (docs/reference.md#mue); the payer's `policy` block",
    fixes: 'none',
    example: 'two medicare TPI claims of one patient on 2026-05-01',
    sameDay({ index, refs, report }) {
      for (const [ref, first] of sameDayLimitedIn(refs, index)) {
        const policy = index.policyFor(ref.claim.payer!.value.value)!;
        const line: ServiceLine = ref.facts.tpiLines[0];
        report(
          ref.uri,
          line.code,
          `Second session with ${ref.claim.payer!.value.text} on ${ref.claim.date!.iso}: expect a denial, it pays one a day. Patient ${ref.claim.patient!.value.text} already has a trigger point session that day (${claimName(first.claim)}); ${policyName(policy)} pays one session a day whatever the modifiers (MUE 1 per date of service).`,
          {
            related: [
              {
                uri: first.uri,
                range: spanRange(first.facts.tpiLines[0].code),
                message: `the first session that day: ${claimName(first.claim)}`,
              },
            ],
          },
        );
      }
    },
  },
]);
