// The workspace: every `.claim` document, parsed once per version, and an index of claims,
// policies and sessions per patient built from them. Data flows one way: text -> syntax
// tree (cached per document) -> index (rebuilt when any document changes) -> findings.
import { parseDocument, reparseDocument } from '../language/parser';
import type { Block, ClaimBlock, ClaimFile, MuscleItem, PolicyBlock, PriorLine } from '../language/syntax';
import { MEDICARE_POLICY_TEXT, MEDICARE_URI } from '../data/medicare';
import { factsOf, ClaimFacts, countMuscles, muscleKeyOf } from './claim';

export interface ClaimRef {
  uri: string;
  claim: ClaimBlock;
  facts: ClaimFacts;
  /** position in workspace order (file path, then line) */
  order: number;
}

export interface PolicyRef {
  uri: string;
  policy: PolicyBlock;
  builtin: boolean;
}

/** One trigger point session of a patient with a payer on a date (RULES.md "Terms"). */
export interface Session {
  date: string;
  claims: ClaimRef[];
  priors: { uri: string; prior: PriorLine }[];
  /** muscle keys (name|side) injected; empty when no source lists muscles */
  muscles: Set<string>;
  items: MuscleItem[];
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

export class WorkspaceIndex {
  readonly claims: ClaimRef[] = [];
  readonly claimsById = new Map<string, ClaimRef[]>();
  /** user-defined policies by payer id, in workspace order */
  readonly policies = new Map<string, PolicyRef[]>();
  /** sessions by patient and payer (workspace claims and `prior` lines), sorted by date */
  readonly sessions = new Map<string, Session[]>();
  /** TPI claims with a valid date and patient by patient and date, any payer (same-day rules) */
  readonly sameDay = new Map<string, ClaimRef[]>();

  constructor(files: ClaimFile[]) {
    const sorted = [...files].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
    const sessionMaps = new Map<string, Map<string, Session>>();
    const sessionOf = (key: string, date: string): Session => {
      let m = sessionMaps.get(key);
      if (!m) sessionMaps.set(key, (m = new Map()));
      let s = m.get(date);
      if (!s) m.set(date, (s = { date, claims: [], priors: [], muscles: new Set(), items: [] }));
      return s;
    };
    for (const file of sorted) {
      for (const block of file.blocks) {
        if (block.kind === 'policy') {
          if (!block.id) continue;
          const key = lower(block.id.value);
          const list = this.policies.get(key) ?? [];
          list.push({ uri: file.uri, policy: block, builtin: false });
          this.policies.set(key, list);
          continue;
        }
        const ref: ClaimRef = { uri: file.uri, claim: block, facts: factsOf(block), order: this.claims.length };
        this.claims.push(ref);
        if (block.id) {
          const key = lower(block.id.value);
          const list = this.claimsById.get(key) ?? [];
          list.push(ref);
          this.claimsById.set(key, list);
        }
        const patient = block.patient?.value.value;
        const payer = block.payer?.value.value;
        const date = block.date?.iso;
        // a claim with an invalid or missing date, patient or payer takes no part in session rules
        if (!patient || !payer || !date) continue;
        const key = patientPayerKey(patient, payer);
        // `prior` lines are earlier sessions of the claim's patient with its payer, on any claim
        for (const prior of block.priors) {
          if (!prior.iso || (prior.code.value !== '20552' && prior.code.value !== '20553')) continue;
          const ps = sessionOf(key, prior.iso);
          ps.priors.push({ uri: file.uri, prior });
          this.addMuscles(ps, prior.items);
        }
        if (!ref.facts.isTpiClaim) continue;
        const s = sessionOf(key, date);
        s.claims.push(ref);
        this.addMuscles(s, ref.facts.muscleItems);
        const dayKey = `${lower(patient)}\u0000${date}`;
        const day = this.sameDay.get(dayKey) ?? [];
        day.push(ref);
        this.sameDay.set(dayKey, day);
      }
    }
    for (const [key, m] of sessionMaps) {
      this.sessions.set(key, [...m.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)));
    }
  }

  private addMuscles(s: Session, items: readonly MuscleItem[]): void {
    for (const m of countMuscles(items)) s.muscles.add(muscleKeyOf(m));
    s.items.push(...items);
  }

  /** The policy that judges claims of a payer: the first user policy, else the built-in medicare. */
  policyFor(payer: string): PolicyRef | undefined {
    const key = lower(payer);
    const user = this.policies.get(key);
    if (user?.length) return user[0];
    return key === 'medicare' ? medicarePolicy() : undefined;
  }

  sessionsOf(patient: string, payer: string): Session[] {
    return this.sessions.get(patientPayerKey(patient, payer)) ?? [];
  }
}

/** Documents by URI; parses each text once and rebuilds the index only when something changed. */
export class Workspace {
  private files = new Map<string, ClaimFile>();
  private texts = new Map<string, string>();
  private cachedIndex: WorkspaceIndex | undefined;
  /** called with the blocks an incremental re-parse reused with shifted lines */
  onShift: ((blocks: readonly Block[], delta: number) => void) | undefined;

  /** Parses a document; when its previous text is known, only the blocks the change touches. */
  setText(uri: string, text: string): ClaimFile {
    const old = this.files.get(uri);
    const oldText = this.texts.get(uri);
    let file: ClaimFile;
    const re = old && oldText !== undefined && !old.unreadable ? reparseDocument(old, oldText, text) : undefined;
    if (re) {
      file = re.file;
      if (re.delta !== 0 && re.shifted.length) this.onShift?.(re.shifted, re.delta);
    } else file = parseDocument(uri, text);
    this.files.set(uri, file);
    this.texts.set(uri, text);
    this.cachedIndex = undefined;
    return file;
  }

  text(uri: string): string | undefined { return this.texts.get(uri); }

  /**
   * Keeps only what the index and the cross-claim rules read (ids, patients, payers, dates,
   * providers, service lines, diagnoses, muscles, priors): the text, free-text lines, drugs,
   * notes and syntax errors are dropped. For a one-pass check such as the CLI's, after the
   * per-document rules have run; the document cannot be edited incrementally afterwards.
   */
  compact(uri: string): void {
    this.texts.delete(uri);
    const file = this.files.get(uri);
    if (!file) return;
    file.errors = [];
    file.preamble = [];
    for (const b of file.blocks) {
      b.errors = [];
      b.duplicates = [];
      if (b.kind !== 'claim') continue;
      b.drugs = [];
      b.texts = { symptoms: [], exam: [], tried: [], technique: [], response: [], note: [] };
      if (b.patient) b.patient.rest = undefined;
      if (b.provider) b.provider.rest = undefined;
      for (const d of b.diagnoses) d.note = undefined;
    }
  }

  setUnreadable(uri: string, reason: string): void {
    this.files.set(uri, { uri, lineCount: 1, lastLineLength: 0, lineLengths: new Uint32Array(1), blocks: [], preamble: [], errors: [], unreadable: reason });
    this.texts.delete(uri);
    this.cachedIndex = undefined;
  }

  delete(uri: string): void {
    this.texts.delete(uri);
    if (this.files.delete(uri)) this.cachedIndex = undefined;
  }

  has(uri: string): boolean { return this.files.has(uri); }
  get(uri: string): ClaimFile | undefined { return this.files.get(uri); }
  uris(): string[] { return [...this.files.keys()]; }
  all(): ClaimFile[] { return [...this.files.values()]; }

  index(): WorkspaceIndex {
    if (!this.cachedIndex) this.cachedIndex = new WorkspaceIndex(this.all());
    return this.cachedIndex;
  }
}
