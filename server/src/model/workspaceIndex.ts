// The workspace index: claims by id, policies by payer, practices by id, claims by patient and payer (sessions)
// and by patient and date (same-day rules), kept up to date block by block as documents change,
// with a record of which groups changed (and which lines moved) for the cross-claim checks.
import { parseDocument } from '../language/parser';
import { detachedCopy } from '../language/scanner';
import type { Block, ClaimBlock, ClaimFile, PolicyBlock, PracticeBlock, PriorLine, Tok } from '../language/syntax';
import { MEDICARE_POLICY_TEXT, MEDICARE_URI } from '../data/medicare';
import { factsOf, ClaimFacts, countMuscles, muscleKeyOf } from './claim';

export interface ClaimRef {
  uri: string;
  claim: ClaimBlock;
  facts: ClaimFacts;
  /** the claim's keys in the index, computed once (undefined: not in that map) */
  readonly keys: ClaimKeys;
}

interface ClaimKeys {
  id: string | undefined;
  session: string | undefined;
  day: string | undefined;
}

/** A claim as the claim-id rules see it: its file, first line and id. */
export interface IdRef {
  uri: string;
  claim: { startLine: number; id?: Tok };
}

export interface PolicyRef {
  uri: string;
  policy: PolicyBlock;
  builtin: boolean;
}

/** A billing provider (a `practice` block) where it stands. */
export interface PracticeRef {
  uri: string;
  practice: PracticeBlock;
}

/** One trigger point session of a patient with a payer on a date (docs/rules.md "Terms"). */
export interface Session {
  date: string;
  claims: ClaimRef[];
  priors: { uri: string; prior: PriorLine }[];
  /** muscle keys (name|side) injected; empty when no source lists muscles */
  readonly muscles: ReadonlySet<string>;
}

/** A session whose muscle keys are gathered when first asked (few rules look at them). */
class DatedSession implements Session {
  readonly claims: ClaimRef[] = [];
  readonly priors: { uri: string; prior: PriorLine }[] = [];
  /** the session's claims and prior lines in the order they were added (the order of its muscle keys) */
  private readonly sources: (ClaimRef | PriorLine)[] = [];
  private keys: Set<string> | undefined;
  constructor(readonly date: string) {}

  addPrior(uri: string, prior: PriorLine): void {
    this.priors.push({ uri, prior });
    this.sources.push(prior);
  }
  addClaim(ref: ClaimRef): void {
    this.claims.push(ref);
    this.sources.push(ref);
  }

  get muscles(): ReadonlySet<string> {
    if (!this.keys) {
      this.keys = new Set();
      for (const x of this.sources) for (const m of 'items' in x ? countMuscles(x.items) : x.facts.muscles) this.keys.add(muscleKeyOf(m));
    }
    return this.keys;
  }
}

export const lower = (s: string) => s.toLowerCase();
export const patientPayerKey = (patient: string, payer: string) => `${lower(patient)}\u0000${lower(payer)}`;

let builtinMedicare: PolicyRef | undefined;
export function medicarePolicy(): PolicyRef {
  if (!builtinMedicare) {
    const file = parseDocument(MEDICARE_URI, MEDICARE_POLICY_TEXT);
    builtinMedicare = { uri: MEDICARE_URI, policy: file.blocks[0] as PolicyBlock, builtin: true };
  }
  return builtinMedicare;
}

const NONE: never[] = [];

/**
 * A claim's keys in the index: its id (lower case); its patient and payer, when it takes part
 * in session rules (a valid date, patient and payer, and a TPI line or a `prior` line); its
 * patient and date, when it takes part in same-day rules (a TPI claim with a valid date,
 * patient and payer). Flat strings: they are hashed on every lookup.
 */
function keysOf(c: ClaimBlock, facts: ClaimFacts): ClaimKeys {
  // (a lower-cased copy shares no memory with the line; an id already in lower case is copied,
  // so that the index does not keep its line alive. Joined keys are flattened once, here: maps
  // look flat strings up faster than joined ones.)
  let id: string | undefined;
  if (c.id) {
    const lowered = lower(c.id.value);
    id = lowered === c.id.value ? detachedCopy(lowered) : lowered;
  }
  const patient = c.patient?.value.value,
    payer = c.payer?.value.value,
    iso = c.date?.iso;
  if (!patient || !payer || !iso) return { id, session: undefined, day: undefined };
  const session = facts.isTpiClaim || c.priors.length ? detachedCopy(patientPayerKey(patient, payer)) : undefined;
  const day = facts.isTpiClaim ? detachedCopy(`${lower(patient)}\u0000${iso}`) : undefined;
  return { id, session, day };
}

/** Workspace order: file path, then line (docs/rules.md "Terms"). */
export function compareRefs(a: { uri: string; claim: { startLine: number } }, b: { uri: string; claim: { startLine: number } }): number {
  if (a.uri === b.uri) return a.claim.startLine - b.claim.startLine; // (most comparisons: one file)
  return a.uri < b.uri ? -1 : 1;
}

function insertSorted(list: ClaimRef[], ref: ClaimRef): void {
  let i = list.length;
  while (i > 0 && compareRefs(list[i - 1], ref) > 0) i--;
  list.splice(i, 0, ref);
}

function removeFrom<K>(map: Map<K, ClaimRef[]>, key: K, ref: ClaimRef): void {
  const list = map.get(key);
  if (!list) return;
  const i = list.indexOf(ref);
  if (i >= 0) list.splice(i, 1);
  if (!list.length) map.delete(key);
}

/** Lines of a document an edit moved: old lines from `fromLine` on are now `delta` lines further. */
export interface LineShift {
  uri: string;
  fromLine: number;
  delta: number;
}

/** What changed in the index since the cross-claim checks last looked. */
export interface IndexChanges {
  claims: Set<ClaimRef>;
  removed: Set<ClaimRef>;
  ids: Set<string>;
  sessions: Set<string>;
  days: Set<string>;
  /** the lines edits moved, in the order of the edits (findings kept from before point at the old lines) */
  shifts: LineShift[];
  /** a policy changed, or everything is new (the first changes taken): every group is checked again */
  policies: boolean;
}

const emptyChanges = (): IndexChanges => ({
  claims: new Set(),
  removed: new Set(),
  ids: new Set(),
  sessions: new Set(),
  days: new Set(),
  shifts: [],
  policies: false,
});

/**
 * The index of the workspace: claims by id, policies by payer, claims by patient and payer
 * (sessions) and by patient and date (same-day rules). It is kept up to date block by block:
 * a document update removes the blocks that are gone and adds the new ones, and records which
 * groups changed, so cross-claim rules re-run for those groups only.
 */
export class WorkspaceIndex {
  private files = new Map<string, { file: ClaimFile; claims: ClaimRef[]; policies: PolicyRef[]; practices: PracticeRef[] }>();
  /** the index entry of each indexed claim (removed with it) */
  private refOf = new Map<ClaimBlock, ClaimRef>();
  private policyRefOf = new WeakMap<PolicyBlock, PolicyRef>();
  private claimList: ClaimRef[] | undefined;
  private policyMap: Map<string, PolicyRef[]> | undefined;
  private practiceRefOf = new WeakMap<PracticeBlock, PracticeRef>();
  private practiceMap: Map<string, PracticeRef[]> | undefined;
  private sessionMembers = new Map<string, ClaimRef[]>();
  private sessionCache = new Map<string, Session[]>();
  /** claims by lower-case id, in workspace order */
  readonly claimsById = new Map<string, ClaimRef[]>();
  /** TPI claims with a valid date, patient and payer by patient and date, any payer, in workspace order */
  readonly sameDay = new Map<string, ClaimRef[]>();
  private changes = emptyChanges();
  /**
   * Until the cross-claim checks first take the changes, everything is new to them: the
   * index records no changes (opening a large workspace skips that work) and the first
   * `takeChanges` reports every group changed.
   */
  private recording = false;

  constructor(files: ClaimFile[] = []) {
    for (const f of files) this.update(f.uri, f);
  }

  /**
   * Replaces (or with `undefined` removes) a document's blocks in the index. With `edit`, the
   * blocks an incremental re-parse replaced: only those are removed and added.
   */
  update(
    uri: string,
    file: ClaimFile | undefined,
    edit?: { removed: readonly Block[]; added: readonly Block[]; at: number; fromLine: number; delta: number },
  ): void {
    const old = this.files.get(uri);
    if (edit && edit.delta !== 0 && this.recording) this.changes.shifts.push({ uri, fromLine: edit.fromLine, delta: edit.delta });
    let removed: readonly Block[], added: readonly Block[];
    if (edit && old && file) ({ removed, added } = edit);
    else if (!old) {
      removed = NONE;
      added = file ? file.blocks : NONE;
    } else {
      const oldBlocks = old ? old.file.blocks : [];
      const newBlocks = file ? file.blocks : [];
      const kept = new Set<Block>(newBlocks);
      const had = new Set<Block>(oldBlocks);
      removed = oldBlocks.filter((b) => !kept.has(b));
      added = newBlocks.filter((b) => !had.has(b));
    }
    for (const b of removed) {
      if (b.kind === 'claim') {
        const ref = this.refOf.get(b);
        if (ref) this.remove(ref);
      } else this.changes.policies = true;
    }
    const addedRefs: ClaimRef[] = [];
    for (const b of added) {
      if (b.kind === 'claim') {
        const facts = factsOf(b);
        const ref: ClaimRef = { uri, claim: b, facts, keys: keysOf(b, facts) };
        this.refOf.set(b, ref);
        this.add(ref);
        addedRefs.push(ref);
      } else this.changes.policies = true;
    }
    // (after the adds: a block is never both removed and added by one update)
    for (const b of removed) if (b.kind === 'claim') this.refOf.delete(b);
    if (!file) this.files.delete(uri);
    else if (edit && old && !this.changes.policies && !removed.some((b) => b.kind === 'policy')) {
      // splice the claims the edit replaced; policies are unchanged
      let before = 0;
      for (let k = 0; k < edit.at; k++) if (file.blocks[k].kind === 'claim') before++;
      const gone = removed.filter((b) => b.kind === 'claim').length;
      old.claims.splice(before, gone, ...addedRefs);
      old.file = file;
    } else {
      // (a new document: its claims are the ones just added, in order)
      const claims: ClaimRef[] = added === file.blocks ? addedRefs : [];
      const policies: PolicyRef[] = [];
      const practices: PracticeRef[] = [];
      for (const b of file.blocks) {
        if (b.kind === 'claim') {
          if (claims !== addedRefs) claims.push(this.refOf.get(b)!);
        } else if (!b.id) continue;
        else if (b.kind === 'policy') {
          let ref = this.policyRefOf.get(b);
          if (!ref) this.policyRefOf.set(b, (ref = { uri, policy: b, builtin: false }));
          policies.push(ref);
        } else {
          let ref = this.practiceRefOf.get(b);
          if (!ref) this.practiceRefOf.set(b, (ref = { uri, practice: b }));
          practices.push(ref);
        }
      }
      this.files.set(uri, { file, claims, policies, practices });
    }
    this.claimList = undefined;
    if (this.changes.policies) {
      this.policyMap = undefined;
      this.practiceMap = undefined;
    }
  }

  private add(ref: ClaimRef): void {
    const { id: key, session: sk, day: dk } = ref.keys;
    if (key !== undefined) {
      const list = this.claimsById.get(key);
      if (list) insertSorted(list, ref);
      else this.claimsById.set(key, [ref]);
    }
    if (sk) {
      const list = this.sessionMembers.get(sk);
      if (list) insertSorted(list, ref);
      else this.sessionMembers.set(sk, [ref]);
      this.sessionCache.delete(sk);
    }
    if (dk) {
      const list = this.sameDay.get(dk);
      if (list) insertSorted(list, ref);
      else this.sameDay.set(dk, [ref]);
    }
    if (!this.recording) return;
    const changes = this.changes;
    changes.claims.add(ref);
    if (key !== undefined) changes.ids.add(key);
    if (sk) changes.sessions.add(sk);
    if (dk) changes.days.add(dk);
  }

  private remove(ref: ClaimRef): void {
    const { id: key, session: sk, day: dk } = ref.keys;
    if (key !== undefined) removeFrom(this.claimsById, key, ref);
    if (sk) {
      removeFrom(this.sessionMembers, sk, ref);
      this.sessionCache.delete(sk);
    }
    if (dk) removeFrom(this.sameDay, dk, ref);
    if (!this.recording) return;
    const changes = this.changes;
    changes.claims.delete(ref);
    changes.removed.add(ref);
    if (key !== undefined) changes.ids.add(key);
    if (sk) changes.sessions.add(sk);
    if (dk) changes.days.add(dk);
  }

  /** The changes recorded since the last call, and a fresh record (the first call: everything, as a policy change). */
  takeChanges(): IndexChanges {
    const c = this.changes;
    if (!this.recording) {
      this.recording = true;
      c.policies = true;
    }
    this.changes = emptyChanges();
    return c;
  }

  private sortedEntries() {
    return [...this.files.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((e) => e[1]);
  }

  /** The claims of one document, in line order. */
  claimsIn(uri: string): readonly ClaimRef[] {
    return this.files.get(uri)?.claims ?? NONE;
  }

  /** The claim of a document that holds a line, if any. */
  claimAt(uri: string, line: number): ClaimRef | undefined {
    return this.claimsIn(uri).find((c) => line >= c.claim.startLine && line <= c.claim.endLine);
  }

  /** Every claim in workspace order. */
  get claims(): readonly ClaimRef[] {
    if (!this.claimList && this.files.size === 1) this.claimList = [...this.files.values()][0].claims;
    if (!this.claimList) {
      const list: ClaimRef[] = [];
      for (const e of this.sortedEntries()) for (const r of e.claims) list.push(r);
      this.claimList = list;
    }
    return this.claimList;
  }

  /** User-defined policies by payer id, in workspace order. */
  get policies(): ReadonlyMap<string, PolicyRef[]> {
    if (!this.policyMap) {
      const map = new Map<string, PolicyRef[]>();
      for (const e of this.sortedEntries()) {
        for (const p of e.policies) {
          const key = lower(p.policy.id!.value);
          const list = map.get(key);
          if (list) list.push(p);
          else map.set(key, [p]);
        }
      }
      this.policyMap = map;
    }
    return this.policyMap;
  }

  /** Practices by lower-case id, in workspace order (a second one of an id is `duplicate-practice`). */
  get practices(): ReadonlyMap<string, PracticeRef[]> {
    if (!this.practiceMap) {
      const map = new Map<string, PracticeRef[]>();
      for (const e of this.sortedEntries()) {
        for (const p of e.practices) {
          const key = lower(p.practice.id!.value);
          const list = map.get(key);
          if (list) list.push(p);
          else map.set(key, [p]);
        }
      }
      this.practiceMap = map;
    }
    return this.practiceMap;
  }

  /**
   * The practice that bills a claim: the one its `billed-by` names (the first of that id), or
   * without `billed-by` the workspace's only practice. Undefined when there is none to name.
   */
  practiceFor(claim: ClaimBlock): PracticeRef | undefined {
    const practices = this.practices;
    if (claim.billedBy) return practices.get(lower(claim.billedBy.value.value))?.[0];
    if (practices.size === 1) return [...practices.values()][0][0];
    return undefined;
  }

  /** The policy that judges claims of a payer: the first user policy, else the built-in medicare. */
  policyFor(payer: string): PolicyRef | undefined {
    const key = lower(payer);
    const user = this.policies.get(key);
    if (user?.length) return user[0];
    return key === 'medicare' ? medicarePolicy() : undefined;
  }

  /** Keys of every patient-and-payer group and every same-day group. */
  sessionKeys(): IterableIterator<string> {
    return this.sessionMembers.keys();
  }

  /** Claims of a patient with a payer (TPI claims and claims with `prior` lines), in workspace order. */
  sessionClaims(key: string): readonly ClaimRef[] {
    return this.sessionMembers.get(key) ?? [];
  }

  /** Sessions of a patient with a payer, by date: workspace TPI claims and `prior` lines, each date once. */
  sessionsByKey(key: string): Session[] {
    let sessions = this.sessionCache.get(key);
    if (sessions) return sessions;
    const byDate = new Map<string, DatedSession>();
    const sessionOf = (date: string): DatedSession => {
      let s = byDate.get(date);
      if (!s) byDate.set(date, (s = new DatedSession(date)));
      return s;
    };
    for (const ref of this.sessionMembers.get(key) ?? []) {
      for (const prior of ref.claim.priors) {
        if (!prior.iso || (prior.code.value !== '20552' && prior.code.value !== '20553')) continue;
        sessionOf(prior.iso).addPrior(ref.uri, prior);
      }
      if (!ref.facts.isTpiClaim) continue;
      sessionOf(ref.claim.date!.iso!).addClaim(ref);
    }
    sessions = [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    this.sessionCache.set(key, sessions);
    return sessions;
  }

  /** Drops the sessions computed for a group (the cross-claim rules are done with them). */
  forgetSessions(key: string): void {
    this.sessionCache.delete(key);
  }

  sessionsOf(patient: string, payer: string): Session[] {
    return this.sessionsByKey(patientPayerKey(patient, payer));
  }
}
