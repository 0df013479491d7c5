// Imported claims written back as ClaimNote text: one file of practice and policy blocks that
// the claims need (`billing.claim`), and one file of claims per billing provider and payer.
// What a format carried that ClaimNote cannot say stays with its claim as `# import:` comment
// lines (and is reported), never dropped silently.
import { dottedIcd, IDENTIFIER } from '../language/lexicon';
import { MEDICARE_POLICY_TEXT } from '../data/medicare';
import { drugOfCode } from '../data/drugs';
import type { Address, ImportedClaim, PersonName } from './claim';

/** Where a stretch of a written line came from: the claim (its index in the input) and the value's path in its `spans`. */
export interface LineSource {
  line: number;
  start: number;
  end: number;
  claim: number;
  path: string;
}

export interface ClaimTextFile {
  /** a file name, without folders */
  name: string;
  text: string;
  /** what each stretch of the claims' lines came from (for reporting findings at the imported file) */
  sources: LineSource[];
}

export interface WrittenClaims {
  files: ClaimTextFile[];
  /** per claim (by its id as written), what it could not carry */
  notices: { claim: string; message: string }[];
}

/** The note lines that are claim lines as they stand (anything else goes on a `note` line). */
const NOTE_KEYWORDS = new Set(['muscles', 'drug', 'symptoms', 'exam', 'tried', 'technique', 'response', 'note', 'prior']);

/** An id of the language from any text: letters, digits, `-`, `_`, `.`; at most 40. */
function identifierOf(text: string | undefined, fallback: string): string {
  // most ids are ids already (those ClaimNote exported): nothing to clean
  if (text !== undefined && IDENTIFIER.test(text) && !/^-|-$|--/.test(text)) return text;
  const id = (text ?? '')
    .trim()
    .replace(/\s+/g, '-')
    .replace(/[^A-Za-z0-9_.-]/g, '')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40)
    .replace(/-$/, '');
  return IDENTIFIER.test(id) ? id : fallback;
}

/** One line of text: line breaks and a `#` (which would start a comment) made harmless. */
function oneLine(text: string): string {
  // most text is one line already: single spaces, nothing to make harmless
  if (!/[^\S ]| {2}|^ | $|#/.test(text)) return text;
  return text
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/#/g, 'no. ')
    .replace(/\s+/g, ' ')
    .trim();
}

function nameText(n: PersonName | undefined): string {
  if (!n?.last) return '';
  const given = [n.first, n.middle].filter(Boolean).join(' ');
  return oneLine(given ? `${n.last}, ${given}` : n.last);
}

function addressText(a: Address): string {
  const zip = a.zip.length === 9 ? `${a.zip.slice(0, 5)}-${a.zip.slice(5)}` : a.zip;
  return oneLine(
    [a.line1, a.line2, a.city, `${a.state} ${zip}`]
      .filter(Boolean)
      .join(', ')
      .replace(/,(?=[^ ])/g, ', '),
  );
}

function chargeText(cents: number): string {
  return (cents / 100).toFixed(2);
}

const quoted = (s: string) => `"${oneLine(s).replace(/"/g, "'")}"`;

/** Keys that make one id a practice or a payer, and their ids in the text (unique). */
class Ids {
  private byKey = new Map<string, string>();
  private used: Set<string>;
  constructor(taken: ReadonlySet<string> = new Set()) {
    this.used = new Set(taken);
  }
  /** The id of `key`: the one it was given, else a unique one made from what `wanted` gives (asked once per key). */
  idFor(key: string, wanted: () => string): string {
    const id = this.byKey.get(key);
    if (id) return id;
    const unique = this.unique(wanted());
    this.byKey.set(key, unique);
    return unique;
  }
  /** `wanted`, or `wanted-2`, `wanted-3`... the first that no id has (ids differ in more than case). */
  unique(wanted: string): string {
    let id = wanted;
    let lower = id.toLowerCase();
    for (let n = 2; this.used.has(lower); n++) lower = (id = `${wanted.slice(0, 36)}-${n}`).toLowerCase();
    this.used.add(lower);
    return id;
  }
}

/** The built-in medicare policy's lines, without its opening line. */
const MEDICARE_LINES = MEDICARE_POLICY_TEXT.split('\n')
  .slice(1)
  .filter((l) => l.trim());

/**
 * Practices and payers the target workspace already defines: imported claims name them
 * (a practice by its NPI, a payer by its payer id) instead of getting blocks of their own.
 */
export interface KnownBlocks {
  /** practice id by NPI */
  practices: ReadonlyMap<string, string>;
  /** policy id by payer id */
  payers: ReadonlyMap<string, string>;
  /** every id already taken (lower case), practices and policies */
  taken: ReadonlySet<string>;
}

const NOTHING_KNOWN: KnownBlocks = { practices: new Map(), payers: new Map(), taken: new Set() };

/** Options of a ClaimTextWriter. */
export interface ClaimTextOptions {
  /** Record where each value of a claim line came from (`ClaimTextFile.sources`): the batch check reads them, a plain import does not. Default true. */
  sources?: boolean;
}

/** The claims of one file as written so far, and what each stretch of them came from. */
interface ClaimFile {
  lines: string[];
  sources: LineSource[];
  /** lines written (and taken) before `lines`: the line numbers of `sources` count from the file's start */
  before: number;
}

/**
 * Imported claims into ClaimNote text, one claim at a time (a large import never holds every
 * claim, or every file's text, at once: `take` hands on what is written so far).
 *
 * Ids the format carries (FHIR) are kept; others are made from names. Known practices and
 * payers are named, not defined again. The practice and policy blocks come in one file
 * (`billing.claim`, from `finish`), the claims in one file per billing provider and payer. A
 * payer whose claim filing indicator is `MB` is `medicare` (its policy repeats the built-in
 * Medicare lines, with the payer id).
 */
export class ClaimTextWriter {
  private readonly practiceIds: Ids;
  private readonly payerIds: Ids;
  private readonly claimIds = new Ids();
  private readonly practices = new Map<string, string[]>();
  private readonly policies = new Map<string, string[]>();
  /** the claim that brought each practice and policy block in (findings on the block are reported at it) */
  private readonly broughtBy = new Map<string[], { claim: number; path: string }>();
  private readonly byFile = new Map<string, ClaimFile>();
  private readonly notices: WrittenClaims['notices'] = [];
  private readonly withSources: boolean;
  private n = 0;

  constructor(
    private readonly known: KnownBlocks = NOTHING_KNOWN,
    options: ClaimTextOptions = {},
  ) {
    this.practiceIds = new Ids(known.taken);
    this.payerIds = new Ids(known.taken);
    this.withSources = options.sources ?? true;
  }

  /** Writes the next claim (its number in the input is the count of claims added before it). */
  add(c: ImportedClaim): void {
    const n = this.n++;
    const known = this.known;
    const said: string[] = c.notices.map((x) => x.message);
    const pr = c.practice ?? {};
    const practiceKey = pr.npi ?? pr.name ?? `practice ${n}`;
    const knownPractice = pr.npi ? known.practices.get(pr.npi) : undefined;
    const practiceId =
      knownPractice ??
      this.practiceIds.idFor(practiceKey, () => identifierOf(pr.id ?? pr.name, pr.npi ? `PRACTICE-${pr.npi}` : 'PRACTICE'));
    if (!knownPractice && !this.practices.has(practiceId)) {
      const lines = [`practice ${practiceId}${pr.name ? ` ${quoted(pr.name)}` : ''}`];
      if (pr.npi) lines.push(`  npi ${pr.npi}`);
      if (pr.tin) lines.push(`  tin ${pr.tin.slice(0, 2)}-${pr.tin.slice(2)}`);
      if (pr.address) lines.push(`  address ${addressText(pr.address)}`);
      if (pr.phone) lines.push(`  phone ${pr.phone.slice(0, 3)}-${pr.phone.slice(3, 6)}-${pr.phone.slice(6)}`);
      if (pr.taxonomy) lines.push(`  taxonomy ${pr.taxonomy}`);
      for (const [kw, p] of [
        ['submitter', pr.submitter],
        ['receiver', pr.receiver],
      ] as const)
        if (p) lines.push(`  ${kw} ${identifierOf(p.id, 'ID')}${p.name ? ` ${quoted(p.name)}` : ''}`);
      this.practices.set(practiceId, lines);
      this.broughtBy.set(lines, { claim: n, path: 'practice' });
    }
    const py = c.payer ?? {};
    const medicare = py.claimType === 'MB';
    const payerKey = medicare ? 'medicare' : (py.payerId ?? py.name ?? `payer ${n}`);
    const knownPayer = py.payerId ? known.payers.get(py.payerId) : undefined;
    const payerId =
      knownPayer ??
      (medicare
        ? 'medicare'
        : this.payerIds.idFor(payerKey, () => identifierOf(py.id ?? py.name?.toLowerCase(), py.payerId ? `payer-${py.payerId}` : 'payer')));
    // (a workspace's own `policy medicare`, whatever its payer id, is never defined twice)
    if (!knownPayer && !(medicare && known.taken.has('medicare')) && !this.policies.has(payerId)) {
      const lines = [`policy ${payerId}${py.name ? ` ${quoted(py.name)}` : ''}`];
      if (py.payerId) lines.push(`  payer-id ${py.payerId}`);
      if (py.claimType && py.claimType !== 'CI') lines.push(`  claim-type ${py.claimType}`);
      if (medicare) lines.push(...MEDICARE_LINES);
      this.policies.set(payerId, lines);
      this.broughtBy.set(lines, { claim: n, path: 'payer' });
    }
    const claimId = this.claimIds.unique(identifierOf(c.id, `IMPORTED-${n + 1}`));
    if (c.id && claimId !== c.id)
      said.push(`the claim id ${c.id} is written ${claimId} (a ClaimNote id is 1 to 40 letters, digits, -, _ or .)`);
    const p = c.patient ?? {};
    const file = `${practiceId}-${payerId}.claim`.toLowerCase();
    let entry = this.byFile.get(file);
    if (!entry) this.byFile.set(file, (entry = { lines: [], sources: [], before: 0 }));
    if (entry.lines.length || entry.before) entry.lines.push('');
    const { lines: fileLines, sources } = entry;
    const withSources = this.withSources;
    /** Adds a line; `marks` name the paths of the values in it, each by the text it is written as (searched from the left). */
    const emit = (text: string, ...marks: [path: string, value?: string][]) => {
      if (withSources) {
        const line = entry.before + fileLines.length;
        let from = 0;
        for (const [path, value] of marks) {
          if (value === undefined) {
            sources.push({ line, start: text.length - text.trimStart().length, end: text.length, claim: n, path });
            continue;
          }
          const at = text.indexOf(value, from);
          if (at < 0) continue;
          sources.push({ line, start: at, end: at + value.length, claim: n, path });
          from = at + value.length;
        }
      }
      fileLines.push(text);
    };
    for (const m of said) emit(`# import: ${oneLine(m)}`);
    emit(`claim ${claimId}`, ['id', claimId]);
    const patientId = identifierOf(p.id ?? p.member, `PATIENT-${n + 1}`);
    emit(`  patient ${patientId}${p.name ? ` ${nameText(p.name)}` : ''}`, ['patient']);
    if (p.member) emit(`  member ${p.member}`, ['patient.member', p.member]);
    if (p.born) emit(`  born ${p.born}`, ['patient.born', p.born]);
    if (p.sex) emit(`  sex ${p.sex}`, ['patient.sex', p.sex]);
    if (p.address) emit(`  address ${addressText(p.address)}`, ['patient.address']);
    emit(`  payer ${payerId}`, ['payer']);
    emit(`  billed-by ${practiceId}`, ['practice']);
    if (c.date) emit(`  date ${c.date}`, ['date', c.date]);
    if (c.pos && c.pos !== '11') emit(`  pos ${c.pos}`, ['pos', c.pos]);
    if (c.provider?.npi && c.provider.npi !== pr.npi)
      emit(`  provider ${c.provider.npi}${c.provider.name ? ` ${nameText(c.provider.name as PersonName)}` : ''}`, ['provider']);
    if (c.auth) emit(`  auth ${oneLine(c.auth)}`, ['auth']);
    if (c.replaces) emit(`  replaces ${c.replaces}`, ['replaces', c.replaces]);
    c.diagnoses.forEach((d, k) => emit(`  diagnosis ${d.letter} ${dottedIcd(d.code)}`, [`diagnoses.${k}`]));
    const letters = c.diagnoses.map((d) => d.letter);
    const noteHasDrugs = c.note.some((l) => /^drug\s/i.test(l));
    c.lines.forEach((item, k) => {
      if (!item.code) return;
      const mods = item.modifiers.slice(0, 4);
      const parts = [`  line ${item.code}${mods.map((m) => `-${m}`).join('')}`];
      const marks: [string, string?][] = [
        [`lines.${k}`],
        [`lines.${k}.code`, item.code],
        ...mods.map((m, j): [string, string] => [`lines.${k}.modifiers.${j}`, m]),
      ];
      if (item.units && item.units !== 1) {
        parts.push(`units ${item.units}`);
        marks.push([`lines.${k}.units`, `units ${item.units}`]);
      }
      const pointers = item.pointers
        .slice(0, 4)
        .map((x) => letters[x - 1])
        .filter(Boolean);
      if (pointers.length) {
        parts.push(`dx ${pointers.join(',')}`);
        marks.push([`lines.${k}.pointers`, `dx ${pointers.join(',')}`]);
      }
      if (item.chargeCents) {
        parts.push(`charge ${chargeText(item.chargeCents)}`);
        marks.push([`lines.${k}.charge`, `charge ${chargeText(item.chargeCents)}`]);
      }
      emit(parts.join(' '), ...marks);
    });
    c.lines.forEach((item, k) => {
      // the drug of a J-code line as a drug line, unless the note carries the claim's drug lines
      const d = item.drug;
      if (!d?.ndc11 || noteHasDrugs) return;
      const known = item.code ? drugOfCode(item.code) : undefined;
      const unit = d.unit === 'ML' ? 'mL' : d.unit === 'ME' ? 'mg' : 'units';
      const ndc = `${d.ndc11.slice(0, 5)}-${d.ndc11.slice(5, 9)}-${d.ndc11.slice(9)}`;
      emit(`  drug ${known?.id ?? `"${item.code} drug"`}${d.quantity ? ` ${d.quantity} ${unit}` : ''} ndc ${ndc}`, [`lines.${k}.drug`]);
    });
    for (const line of c.note) {
      const text = oneLine(line);
      const kw = text.split(' ')[0].toLowerCase();
      emit(`  ${NOTE_KEYWORDS.has(kw) ? text : `note ${text}`}`);
    }
    for (const m of said) this.notices.push({ claim: claimId, message: m });
  }

  /** How many claims were added. */
  get claims(): number {
    return this.n;
  }

  /**
   * The claims' text written since the last `take`, by file name (in the order the files began):
   * each piece goes at the end of its file (it ends with a line break). The sources are not
   * kept for what is taken.
   */
  take(): { name: string; text: string }[] {
    const out: { name: string; text: string }[] = [];
    for (const [name, f] of this.byFile) {
      if (!f.lines.length) continue;
      out.push({ name, text: f.lines.join('\n') + '\n' });
      f.before += f.lines.length;
      f.lines = [];
      f.sources = [];
    }
    return out;
  }

  /**
   * The practice and policy blocks (`billing.claim`, when there are any) first, then the claims'
   * files with what was not taken; and what each claim could not carry.
   */
  finish(): WrittenClaims {
    const files: ClaimTextFile[] = [];
    if (this.practices.size || this.policies.size) {
      const lines = ['# Practices and payers of the imported claims.'];
      const sources: LineSource[] = [];
      for (const block of [...this.practices.values(), ...this.policies.values()]) {
        lines.push('');
        const from = this.broughtBy.get(block)!;
        for (const l of block) {
          sources.push({ line: lines.length, start: 0, end: l.length, claim: from.claim, path: from.path });
          lines.push(l);
        }
      }
      files.push({ name: 'billing.claim', text: lines.join('\n') + '\n', sources });
    }
    for (const [name, f] of this.byFile) if (f.lines.length) files.push({ name, text: f.lines.join('\n') + '\n', sources: f.sources });
    return { files, notices: this.notices };
  }
}

/** The `.claim` text of imported claims, all at once (see ClaimTextWriter). */
export function writeClaimText(claims: readonly ImportedClaim[], known: KnownBlocks = NOTHING_KNOWN): WrittenClaims {
  const writer = new ClaimTextWriter(known);
  for (const c of claims) writer.add(c);
  return writer.finish();
}
