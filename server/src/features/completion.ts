// Completion, aware of where the cursor is (docs/LANGUAGE.md): line keywords for the block, the
// arguments of each line (codes, modifiers valid for the line, ICD-10-CM codes, pointer
// letters, muscles, payers, patients, practices, places of service) and snippets for a new claim,
// policy or practice.
import type { CompletionItem, CompletionList, Range } from 'vscode-languageserver-types';
import { scanLine, isSpace } from '../language/scanner';
import { blockAt } from '../language/locate';
import { REASONS } from '../data/denials';
import {
  CLAIM_KEYWORDS,
  CLAIM_TYPES,
  DENIAL_PARTS,
  GROUP_CODES,
  PART_KEYWORDS,
  POLICY_KEYWORDS,
  PRACTICE_KEYWORDS,
  SEXES,
  SIDES,
  dottedIcd,
} from '../language/lexicon';
import { servicePartAt } from '../language/lineParser';
import type { Block, ClaimBlock, ServiceLine } from '../language/syntax';
import { CODES, CodeInfo, DISTINCT_MODIFIERS, X_MODIFIERS, isDrugCode, isEm, isProcedure, isTpi, NCCI_PAIRED } from '../data/codes';
import { billableWithPrefix, ICD_DESCRIPTIONS, isBillable } from '../data/icd10';
import { TPI_SUPPORTING } from '../data/diagnoses';
import { KNOWN_MODIFIERS, MODIFIER_MEANINGS } from '../data/modifiers';
import { catalogueMuscle, CATALOGUE_NAMES } from '../data/muscles';
import { POS_NAMES, isFacility, isTelehealth } from '../data/places';
import { DRUGS } from '../data/drugs';
import { factsOf } from '../model/claim';
import type { Workspace } from '../model/workspace';
import { medicarePolicy } from '../model/workspaceIndex';
import { codeForCount, singleSide } from '../rules/tpi';
import type { Position } from '../rules/rule';
import { myalgiaFor } from '../rules/codes';
import { lookupTable } from '../data/lookup';

export interface CompletionOptions {
  /** the client accepts snippets (insertTextFormat 2); default true */
  snippets?: boolean;
  /** a command to run after a keyword is inserted, to open completion for its argument (VS Code: editor.action.triggerSuggest) */
  retrigger?: string;
}

/** At most this many ICD-10-CM codes per answer; the list is then marked incomplete. */
export const ICD_LIMIT = 100;

// LSP enums, spelled out so the pure service needs no runtime import.
const Kind = {
  Function: 3,
  Field: 5,
  Variable: 6,
  Module: 9,
  Unit: 11,
  Value: 12,
  Keyword: 14,
  Snippet: 15,
  Reference: 18,
  EnumMember: 20,
} as const;
const SNIPPET = 2;

export const KEYWORD_DOCS = lookupTable<string>({
  claim: 'opens a claim: `claim <claim-id>`',
  policy: 'opens a payer policy: `policy <payer-id> ["Display name"]`',
  patient: 'the patient: `patient <patient-id> [name]` (exactly 1)',
  payer: 'who is billed: `medicare` or a `policy` in the workspace (exactly 1)',
  date: 'date of service, YYYY-MM-DD (exactly 1)',
  pos: 'place of service, two digits; 11 (office) when absent (0 or 1)',
  provider: 'rendering provider: a 10-digit NPI, then the name (0 or 1)',
  auth: 'prior authorization number (0 or 1)',
  diagnosis: 'a diagnosis: `diagnosis <A-L> <ICD-10-CM> [note]` (1 to 12)',
  line: 'a service line: `line <code>[-<m>] [mod <m>,...] [units <n>] [dx <A-L>,...]`',
  muscles: 'muscles injected: `muscles left upper trapezius, right rhomboid major`',
  drug: 'an injectant: `drug <name> [<concentration>] [<amount>]`',
  symptoms: 'presenting symptoms',
  exam: 'examination findings (taut band, twitch response, referred pain)',
  tried: 'conservative treatment tried before the injection, and its result',
  technique: 'injection technique',
  response: "the patient's response (pain before and after)",
  note: 'anything else, e.g. the separate problem behind an E/M visit',
  prior: 'an earlier session billed outside this workspace: `prior <YYYY-MM-DD> <code> [muscles]`',
  limit: 'at most n sessions in a rolling window: `limit <n> per <d> days|weeks|months|years`',
  interval: 'at least d days between sessions in the same muscle: `interval <d> days|weeks`',
  'requires-auth': '20552 / 20553 need a prior authorization number',
  rate: 'pays p percent of the Medicare fee schedule: `rate <p>%`',
  covers: 'the only diagnoses covered for 20552 / 20553',
  excludes: 'diagnoses never covered for 20552 / 20553',
  'single-region': 'all muscles of one session must lie in one area',
  'no-imaging-guidance': 'imaging guidance (76942, 77002, 77021) is not covered with 20552 / 20553',
  'one-session-per-day': 'one trigger point session per patient per date of service',
  'payer-id': "the payer's electronic id, where claims are sent: `payer-id <id>`",
  'claim-type': 'the claim filing indicator the payer expects: `claim-type MB|MC|CI|BL|HM|12|...`',
  'requires-ndc': "drug J-code lines need the drug's NDC",
  'appeal-window': 'how long after a denial notice an appeal may be filed: `appeal-window <n> days`',
  practice: 'opens a billing provider: `practice <practice-id> ["Display name"]`',
  'billed-by': 'the billing provider, a `practice` block (0 or 1)',
  member: "the patient's member id with the payer; for Medicare, the MBI (0 or 1)",
  born: "the patient's date of birth, YYYY-MM-DD (0 or 1)",
  sex: "the patient's sex as payers record it: F, M or U (0 or 1)",
  address: 'an address on one line: `<line1>[, <line2>], <city>, <ST> <ZIP>`',
  replaces: "this claim corrects one the payer processed: `replaces <payer's claim number>` (0 or 1)",
  denied: 'a payer denied the claim or a line: `denied <YYYY-MM-DD> CO-50 [remark N115] [ref <number>] [on <code>]`',
  appealed: 'an appeal of the denial was filed that day: `appealed <YYYY-MM-DD>` (0 or 1)',
  npi: "the billing provider's 10-digit NPI",
  tin: 'the federal tax id (EIN): 9 digits, `12-3456789`',
  phone: 'a billing contact number: 10 digits',
  taxonomy: 'the provider taxonomy code (10 characters ending in X)',
  locality: "the practice's Medicare fee schedule locality: `locality <MAC> <locality>`",
  submitter: 'who sends the claims electronically: `submitter <id> ["name"]`',
  receiver: 'who receives them, usually a clearinghouse: `receiver <id> ["name"]`',
});

const CLAIM_SINGLE: Record<string, string> = {
  patient: 'patient',
  payer: 'payer',
  date: 'date',
  pos: 'pos',
  provider: 'provider',
  auth: 'auth',
  'billed-by': 'billedBy',
  member: 'member',
  born: 'born',
  sex: 'sex',
  address: 'address',
  replaces: 'replaces',
  appealed: 'appealed',
};
/** Keywords that take no argument (no space after them). */
const FLAGS = new Set(['requires-auth', 'single-region', 'no-imaging-guidance', 'one-session-per-day', 'requires-ndc']);

interface Ctx {
  ws: Workspace;
  uri: string;
  line: number;
  character: number;
  /** the line's text */
  text: string;
  block?: Block;
  o: CompletionOptions;
}

const pad = (n: number) => String(n).padStart(4, '0');

function range(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

/** End of the word that continues after the cursor (to replace it whole). */
function wordEndAfter(text: string, from: number, stop = /[\s,;]/): number {
  let e = from;
  while (e < text.length && !stop.test(text[e])) e++;
  return e;
}

/**
 * The longest detail an editor shows on one line: VS Code's details pane breaks a longer
 * detail anywhere, even inside a word ("thr ee or more muscles"). A longer detail is cut at
 * a clause boundary (or a word, with an ellipsis) and given whole in the documentation,
 * which wraps between words.
 */
export const DETAIL_MAX = 60;

function shortDetail(detail: string): string {
  for (const sep of [' (', ': ', '; ']) {
    const i = detail.indexOf(sep);
    if (i >= 16 && i <= DETAIL_MAX) return detail.slice(0, i);
  }
  const cut = detail.lastIndexOf(' ', DETAIL_MAX - 1);
  return `${detail.slice(0, cut > 0 ? cut : DETAIL_MAX - 1)}…`;
}

/** Details are plain text (no markdown backticks) and short; the whole text goes to the documentation. */
function fitDetail(item: CompletionItem): void {
  if (!item.detail) return;
  const detail = item.detail.replace(/`/g, '');
  item.detail = detail;
  if (detail.length <= DETAIL_MAX) return;
  item.detail = shortDetail(detail);
  const doc = typeof item.documentation === 'string' ? item.documentation : item.documentation?.value;
  if (!doc?.startsWith(detail)) item.documentation = { kind: 'markdown', value: doc ? `${detail}\n\n${doc}` : detail };
}

function list(items: CompletionItem[], isIncomplete = false): CompletionList {
  for (const item of items) fitDetail(item);
  return { isIncomplete, items };
}

export function doComplete(
  ws: Workspace,
  uri: string,
  lines: readonly string[],
  position: Position,
  o: CompletionOptions = {},
): CompletionList {
  const file = ws.get(uri);
  const text = lines[position.line] ?? '';
  const character = Math.min(position.character, text.length);
  const before = text.slice(0, character);
  const scanned = scanLine(before);
  if (scanned.comment >= 0 || scanned.unterminated >= 0) return list([]);
  const words = scanned.words;
  const atSpace = !before.length || isSpace(before[before.length - 1]);
  const argIndex = atSpace ? words.length : words.length - 1;
  const block = file ? blockAt(file, position.line) : undefined;
  const ctx: Ctx = { ws, uri, line: position.line, character, text, block, o };

  if (argIndex === 0) {
    const start = atSpace ? character : words[0].start;
    return list(keywordItems(ctx, range(position.line, start, wordEndAfter(text, character))));
  }
  const keyword = words[0].quoted ? '' : words[0].text.toLowerCase();
  const current = atSpace ? { text: '', start: character } : { text: words[words.length - 1].text, start: words[words.length - 1].start };
  const replaceTo = wordEndAfter(text, character);
  const r = (start: number, end = replaceTo) => range(position.line, start, end);

  if (keyword === 'claim') return list([]);
  if (keyword === 'policy') return argIndex === 1 ? list(policyIdItems(ctx, r(current.start))) : list([]);
  if (keyword === 'practice') return argIndex === 1 ? list(practiceIdItems(ctx, r(current.start), true)) : list([]);
  if (block?.kind === 'claim' && block.startLine !== position.line) {
    const claim = block;
    switch (keyword) {
      case 'payer':
        return argIndex === 1 ? list(payerItems(ctx, r(current.start))) : list([]);
      case 'patient':
        return argIndex === 1 ? list(patientItems(ctx, r(current.start))) : list([]);
      case 'provider':
        return argIndex === 1 ? list(providerItems(ctx, r(current.start))) : list([]);
      case 'pos':
        return argIndex === 1 ? list(posItems(r(current.start))) : list([]);
      case 'billed-by':
        return argIndex === 1 ? list(practiceIdItems(ctx, r(current.start), false)) : list([]);
      case 'sex':
        return argIndex === 1
          ? list(Object.entries(SEXES).map(([k, v], i) => plain(k.toUpperCase(), Kind.EnumMember, v, r(current.start), pad(i))))
          : list([]);
      case 'drug':
        return argIndex === 1 ? list(drugItems(r(current.start))) : list([]);
      case 'diagnosis':
        if (argIndex === 1) return list(letterItems(claim, position.line, r(current.start)));
        // the code that fits the claim's muscles is focused, as the light bulb on M79.1 prefers it
        if (argIndex === 2) return icdList(current.text, r(current.start), myalgiaFor(factsOf(claim).muscles));
        return list([]);
      case 'line':
        return list(serviceLineItems(ctx, claim, words.slice(1), current, argIndex, replaceTo));
      case 'muscles':
        return list(muscleItems(ctx, words[0].end, character));
      case 'denied':
        return list(denialItems(claim, words, current, r));
      case 'prior':
        if (argIndex === 2) return list(codeItems(claim, r(current.start), true));
        if (argIndex >= 3) return list(muscleItems(ctx, words[2].end, character));
        return list([]);
      default:
        return list([]);
    }
  }
  if (block?.kind === 'policy' && block.startLine !== position.line) {
    switch (keyword) {
      case 'limit':
        if (argIndex === 2) return list([plain('per', Kind.Keyword, 'limit <n> per <d> <unit>', r(current.start))]);
        if (argIndex === 4)
          return list(
            ['days', 'weeks', 'months', 'years'].map((u, i) =>
              plain(u, Kind.Unit, 'length of the rolling window', r(current.start), pad(i)),
            ),
          );
        return list([]);
      case 'interval':
        if (argIndex === 2)
          return list(
            ['days', 'weeks'].map((u, i) => plain(u, Kind.Unit, 'between sessions in the same muscle', r(current.start), pad(i))),
          );
        return list([]);
      case 'covers':
      case 'excludes': {
        const piece = lastPiece(current.text, current.start);
        return icdList(piece.text, r(piece.start));
      }
      case 'claim-type':
        return argIndex === 1
          ? list(Object.entries(CLAIM_TYPES).map(([k, v], i) => plain(k.toUpperCase(), Kind.EnumMember, v, r(current.start), pad(i))))
          : list([]);
      case 'appeal-window':
        return argIndex === 2 ? list([plain('days', Kind.Unit, 'after the denial notice', r(current.start))]) : list([]);
      default:
        return list([]);
    }
  }
  return list([]);
}

function plain(label: string, kind: number, detail: string | undefined, textRange: Range, sortText?: string): CompletionItem {
  const item: CompletionItem = { label, kind: kind as CompletionItem['kind'], textEdit: { range: textRange, newText: label } };
  if (detail) item.detail = detail;
  if (sortText) item.sortText = sortText;
  return item;
}

/** The list item being typed in a word: what follows its last comma. */
function lastPiece(text: string, start: number): { text: string; start: number } {
  const i = text.lastIndexOf(',');
  return i < 0 ? { text, start } : { text: text.slice(i + 1), start: start + i + 1 };
}

// ------------------------------------------------------------------ keywords and snippets

function keywordItems(ctx: Ctx, r: Range): CompletionItem[] {
  const { block } = ctx;
  const items: CompletionItem[] = [];
  const kw = (k: string, sort: string) => {
    const flag = FLAGS.has(k);
    const item: CompletionItem = {
      label: k,
      kind: Kind.Keyword,
      detail: KEYWORD_DOCS[k],
      sortText: sort,
      textEdit: { range: r, newText: flag ? k : `${k} ` },
    };
    if (!flag && ctx.o.retrigger) item.command = { title: 'Suggest', command: ctx.o.retrigger };
    items.push(item);
  };
  const inBlock = block && block.startLine !== ctx.line ? block : undefined;
  if (inBlock?.kind === 'claim') {
    const used = usedClaimFields(inBlock, ctx.line);
    CLAIM_KEYWORDS.forEach((k, i) => {
      if (!used.has(k)) kw(k, `0${pad(i)}`);
    });
  } else if (inBlock?.kind === 'policy') {
    const used = usedPolicyFields(inBlock, ctx.line);
    POLICY_KEYWORDS.forEach((k, i) => {
      if (!used.has(k)) kw(k, `0${pad(i)}`);
    });
  } else if (inBlock?.kind === 'practice') {
    PRACTICE_KEYWORDS.forEach((k, i) => {
      const node = inBlock[k];
      if (!node || node.line === ctx.line) kw(k, `0${pad(i)}`);
    });
  }
  kw('claim', inBlock ? '2' : '0');
  kw('policy', inBlock ? '2' : '1');
  kw('practice', inBlock ? '2' : '1');
  if (ctx.o.snippets !== false) items.push(...snippets(ctx, r, inBlock ? '3' : '2'));
  return items;
}

function usedClaimFields(b: ClaimBlock, line: number): Set<string> {
  const used = new Set<string>();
  for (const [keyword, field] of Object.entries(CLAIM_SINGLE)) {
    const node = (b as unknown as Record<string, { line: number } | undefined>)[field];
    if (node && node.line !== line) used.add(keyword);
  }
  return used;
}

function usedPolicyFields(b: Block, line: number): Set<string> {
  if (b.kind !== 'policy') return new Set();
  const used = new Set<string>();
  const mark = (k: string, n?: { line: number }) => {
    if (n && n.line !== line) used.add(k);
  };
  mark('rate', b.rate);
  mark('interval', b.interval);
  mark('requires-auth', b.requiresAuth);
  mark('single-region', b.singleRegion);
  mark('no-imaging-guidance', b.noImagingGuidance);
  mark('one-session-per-day', b.oneSessionPerDay);
  mark('payer-id', b.payerId);
  mark('claim-type', b.claimType);
  mark('requires-ndc', b.requiresNdc);
  mark('appeal-window', b.appealWindow);
  return used;
}

/** Snippet choices `${n|a,b|}` need `,`, `|` and `\` escaped. */
function choice(n: number, values: string[]): string {
  return `\${${n}|${values.map((v) => v.replace(/[\\,|]/g, (c) => `\\${c}`)).join(',')}|}`;
}

function snippets(ctx: Ctx, r: Range, sort: string): CompletionItem[] {
  const payers = knownPayers(ctx.ws).map((p) => p.id);
  const claim = [
    'claim ${1:<claim-id>}',
    '  patient ${2:<patient-id>}',
    `  payer ${choice(3, payers)}`,
    '  date ${4:<YYYY-MM-DD>}',
    '  diagnosis A ${5:<ICD-10-CM>}',
    `  line ${choice(6, ['20552', '20553'])} dx A`,
    '  muscles ${7:<side> <muscle>, <side> <muscle>}',
    '  drug ${8:<name> <concentration> <amount>}',
    '  symptoms ${9:<presenting symptoms and duration>}',
    '  exam ${10:<findings: taut band, local twitch response, referred pain>}',
    '  tried ${11:<conservative treatment tried and its result>}',
    '  technique ${12:<needle, approach, aspiration>}',
    '  response ${13:<pain before and after on the same scale>}',
    '$0',
  ].join('\n');
  const missing = unknownPayers(ctx.ws);
  const policy = [
    `policy ${missing.length ? choice(1, missing) : '${1:<payer-id>}'} "\${2:<Payer name>}"`,
    '  limit ${3:4} per ${4:30} ${5|days,weeks,months,years|}',
    '  rate ${6:100}%',
    '$0',
  ].join('\n');
  const practice = [
    'practice ${1:<practice-id>} "${2:<Practice name>}"',
    '  npi ${3:<10-digit NPI>}',
    '  tin ${4:<12-3456789>}',
    '  address ${5:<street>, <city>, <ST> <ZIP+4>}',
    '$0',
  ].join('\n');
  return [
    {
      label: 'claim (new claim)',
      filterText: 'claim',
      kind: Kind.Snippet,
      detail: 'a trigger point injection claim with every line it needs',
      sortText: sort + '0',
      insertTextFormat: SNIPPET,
      textEdit: { range: r, newText: claim },
    },
    {
      label: 'policy (new payer policy)',
      filterText: 'policy',
      kind: Kind.Snippet,
      detail: 'a payer policy: session limit and rate',
      sortText: sort + '1',
      insertTextFormat: SNIPPET,
      textEdit: { range: r, newText: policy },
    },
    {
      label: 'practice (new billing provider)',
      filterText: 'practice',
      kind: Kind.Snippet,
      detail: 'a billing provider: NPI, tax id and billing address',
      sortText: sort + '2',
      insertTextFormat: SNIPPET,
      textEdit: { range: r, newText: practice },
    },
  ];
}

// ------------------------------------------------------------------ ids from the workspace

interface PayerInfo {
  id: string;
  name?: string;
  builtin: boolean;
}

/** Payers a claim may name: every user policy, then the built-in medicare unless a user policy replaces it. */
function knownPayers(ws: Workspace): PayerInfo[] {
  const index = ws.index();
  const out: PayerInfo[] = [];
  for (const refs of index.policies.values()) {
    const p = refs[0].policy;
    out.push({ id: p.id!.text, name: p.displayName?.text, builtin: false });
  }
  out.sort((a, b) => a.id.localeCompare(b.id));
  if (!index.policies.has('medicare')) out.unshift({ id: 'medicare', name: medicarePolicy().policy.displayName?.text, builtin: true });
  return out;
}

/** Payer ids that claims name but no policy defines (medicare aside). */
function unknownPayers(ws: Workspace): string[] {
  const index = ws.index();
  const seen = new Map<string, string>();
  for (const ref of index.claims) {
    const p = ref.claim.payer?.value;
    if (!p) continue;
    const key = p.value.toLowerCase();
    if (key !== 'medicare' && !index.policies.has(key) && !seen.has(key)) seen.set(key, p.text);
  }
  return [...seen.values()].sort();
}

function payerItems(ctx: Ctx, r: Range): CompletionItem[] {
  return knownPayers(ctx.ws).map((p, i) => ({
    label: p.id,
    kind: Kind.Module,
    sortText: pad(i),
    detail: p.builtin ? `${p.name ?? 'Medicare'} (built in: Noridian LCD L34211)` : (p.name ?? `policy ${p.id}`),
    textEdit: { range: r, newText: p.id },
  }));
}

function policyIdItems(ctx: Ctx, r: Range): CompletionItem[] {
  const items: CompletionItem[] = unknownPayers(ctx.ws).map((id, i) => ({
    label: id,
    kind: Kind.Module,
    sortText: `0${pad(i)}`,
    detail: 'named by a claim, no policy yet',
    textEdit: { range: r, newText: id },
  }));
  if (!ctx.ws.index().policies.has('medicare')) {
    items.push({
      label: 'medicare',
      kind: Kind.Module,
      sortText: '1',
      detail: 'replaces the built-in medicare policy',
      textEdit: { range: r, newText: 'medicare' },
    });
  }
  return items;
}

/**
 * After `denied <date>`: adjustments (the reasons ClaimNote explains, as CO-<reason>, with their
 * meanings), then the parts not written yet (remark, ref, on); after `on`, the claim's line codes.
 */
function denialItems(
  claim: ClaimBlock,
  words: readonly { text: string; start: number }[],
  current: { text: string; start: number },
  r: (start: number) => Range,
): CompletionItem[] {
  if (words.length < 2 || (words.length === 2 && current.text)) return [];
  const before = words.slice(2).filter((w) => w.start < current.start);
  const last = before[before.length - 1]?.text.toLowerCase();
  if (last === 'on')
    return [...new Set(claim.lines.map((l) => l.code.value))].map((c, i) =>
      plain(c, Kind.Function, 'a line of this claim', r(current.start), pad(i)),
    );
  if (last === 'ref' || last === 'remark') return [];
  const piece = lastPiece(current.text, current.start);
  const used = new Set(before.map((w) => w.text.toLowerCase()));
  const parts = DENIAL_PARTS.filter((p) => !used.has(p) && before.length > 0).map((p, i) =>
    plain(
      p,
      Kind.Keyword,
      p === 'remark' ? 'remark codes: remark N115' : p === 'ref' ? "the payer's claim number" : 'the line it concerns: on 20552',
      r(current.start),
      `1${i}`,
    ),
  );
  // a group code typed: its reasons; else the contractual-obligation reasons and the other groups
  const typed = /^([A-Za-z]{2})-/.exec(piece.text)?.[1]?.toUpperCase();
  const group = typed && GROUP_CODES[typed.toLowerCase()] ? typed : 'CO';
  const reasons = Object.entries(REASONS).map(([code, reason], i) =>
    plain(`${group}-${code.toUpperCase()}`, Kind.EnumMember, reason.meaning, r(piece.start), `0${pad(i)}`),
  );
  const groups = typed
    ? []
    : Object.entries(GROUP_CODES)
        .filter(([g]) => g !== 'co')
        .map(([g, meaning], i) => plain(`${g.toUpperCase()}-`, Kind.EnumMember, `group code: ${meaning}`, r(piece.start), `2${i}`));
  return [...reasons, ...groups, ...parts];
}

/**
 * Practice ids: after `billed-by`, the workspace's practices; after `practice`, the ids that
 * claims name but no practice defines.
 */
function practiceIdItems(ctx: Ctx, r: Range, undefinedOnly: boolean): CompletionItem[] {
  const index = ctx.ws.index();
  if (!undefinedOnly)
    return [...index.practices.values()].map((refs, i) => ({
      label: refs[0].practice.id!.text,
      kind: Kind.Module,
      sortText: pad(i),
      detail: refs[0].practice.displayName?.text ?? `practice ${refs[0].practice.id!.text}`,
      textEdit: { range: r, newText: refs[0].practice.id!.text },
    }));
  const seen = new Map<string, string>();
  for (const ref of index.claims) {
    const p = ref.claim.billedBy?.value;
    if (p && !index.practices.has(p.value.toLowerCase()) && !seen.has(p.value.toLowerCase())) seen.set(p.value.toLowerCase(), p.text);
  }
  return [...seen.values()].sort().map((id, i) => ({
    label: id,
    kind: Kind.Module,
    sortText: pad(i),
    detail: 'named by a claim, no practice yet',
    textEdit: { range: r, newText: id },
  }));
}

function patientItems(ctx: Ctx, r: Range): CompletionItem[] {
  const seen = new Map<string, { id: string; name?: string }>();
  for (const ref of ctx.ws.index().claims) {
    const p = ref.claim.patient;
    if (!p || (p.line === ctx.line && ref.uri === ctx.uri)) continue;
    const key = p.value.value.toLowerCase();
    const prior = seen.get(key);
    if (!prior || (!prior.name && p.rest)) seen.set(key, { id: p.value.text, name: p.rest?.text });
  }
  return [...seen.values()]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((p) => ({
      label: p.id,
      kind: Kind.Variable,
      detail: p.name,
      textEdit: { range: r, newText: p.name ? `${p.id} ${p.name}` : p.id },
    }));
}

function providerItems(ctx: Ctx, r: Range): CompletionItem[] {
  const seen = new Map<string, string | undefined>();
  for (const ref of ctx.ws.index().claims) {
    const p = ref.claim.provider;
    if (!p || (p.line === ctx.line && ref.uri === ctx.uri)) continue;
    if (!seen.has(p.value.text) || (!seen.get(p.value.text) && p.rest)) seen.set(p.value.text, p.rest?.text);
  }
  return [...seen].sort().map(([npi, name]) => ({
    label: npi,
    kind: Kind.Variable,
    detail: name,
    textEdit: { range: r, newText: name ? `${npi} ${name}` : npi },
  }));
}

function posItems(r: Range): CompletionItem[] {
  return Object.entries(POS_NAMES).map(([code, name]) => ({
    label: code,
    kind: Kind.EnumMember,
    sortText: code === '11' ? '0' : `1${code}`,
    detail: `${name}${isTelehealth(code) ? ' (no trigger point injections by telehealth)' : isFacility(code) ? ' (facility rate)' : ' (non-facility rate)'}`,
    textEdit: { range: r, newText: code },
  }));
}

function drugItems(r: Range): CompletionItem[] {
  const items: CompletionItem[] = [];
  DRUGS.forEach((d, i) =>
    d.names.forEach((n, j) =>
      items.push({
        label: n,
        kind: Kind.Value,
        sortText: `${pad(i)}${j}`,
        detail: d.jcode ? `${d.id}: billed as ${d.jcode}, ${d.unitMg} mg a unit` : `${d.id}: local anaesthetic, part of the injection`,
        textEdit: { range: r, newText: n },
      }),
    ),
  );
  return items;
}

// ------------------------------------------------------------------ diagnoses

function letterItems(claim: ClaimBlock, line: number, r: Range): CompletionItem[] {
  const used = new Set(claim.diagnoses.filter((d) => d.line !== line).map((d) => d.letter.value));
  const free = 'ABCDEFGHIJKL'.split('').filter((l) => !used.has(l));
  return free.map((l, i) => ({
    label: l,
    kind: Kind.EnumMember,
    sortText: pad(i),
    preselect: i === 0 || undefined,
    detail: 'diagnosis pointer letter, not yet used in this claim',
    textEdit: { range: r, newText: l },
  }));
}

/**
 * ICD-10-CM completion: by code prefix from the full FY2026 list, and by words of the described
 * codes; `fits` (a code the claim's muscles call for) is preselected and says so.
 */
export function icdItems(typed: string, r: Range, fits?: string): { items: CompletionItem[]; capped: boolean } {
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  const upper = typed.toUpperCase();
  const norm = upper.replace('.', '');
  const dot = typed.indexOf('.');
  const dotted = dot >= 0 || norm.length <= 3;
  const codeShaped = /^[A-Z](?:\d(?:[A-Z0-9]{1,5})?)?$/.test(norm) && (dot < 0 || (dot === 3 && typed.lastIndexOf('.') === 3));
  let capped = false;
  const add = (code: string, sort: string, filter?: string) => {
    if (seen.has(code)) return;
    seen.add(code);
    const written = dotted || filter ? dottedIcd(code) : code;
    const desc = ICD_DESCRIPTIONS[code];
    const item: CompletionItem = {
      label: dottedIcd(code),
      kind: Kind.EnumMember,
      sortText: sort,
      textEdit: { range: r, newText: written },
    };
    if (desc) {
      item.detail = desc + (TPI_SUPPORTING.has(code) ? ' (supports a trigger point injection)' : '');
      // shown beside every item of the list, not only the focused one
      item.labelDetails = { description: desc };
    }
    if (code === fits) {
      // the description is beside the item already: its details say why it is focused
      item.preselect = true;
      item.detail = "Fits this claim's muscles";
      if (TPI_SUPPORTING.has(code)) item.documentation = 'Supports a trigger point injection.';
    }
    if (filter) item.filterText = filter;
    else if (written !== item.label) item.filterText = written;
    items.push(item);
  };
  if (!norm) {
    described().forEach((c, i) => add(c, `0${pad(i)}`));
    return { items, capped: true };
  }
  if (codeShaped) {
    const codes = billableWithPrefix(norm, ICD_LIMIT + 1);
    capped = codes.length > ICD_LIMIT;
    codes.slice(0, ICD_LIMIT).forEach((c, i) => add(c, `0${pad(i)}`));
  }
  if (typed.length >= 2 && /[a-z]/i.test(typed.slice(1))) {
    const want = typed.toLowerCase();
    described().forEach((c, i) => {
      const word = ICD_DESCRIPTIONS[c]
        .toLowerCase()
        .split(/[^a-z]+/)
        .find((w) => w.startsWith(want));
      // the matching word leads the filter text, so that clients that filter by prefix show the item too
      if (word) add(c, `1${pad(i)}`, `${word} ${dottedIcd(c)} ${ICD_DESCRIPTIONS[c]}`);
    });
  }
  return { items, capped };
}

/** Billable codes the project describes, TPI-supporting first. */
function described(): string[] {
  const codes = Object.keys(ICD_DESCRIPTIONS).filter(isBillable);
  return [...codes.filter((c) => TPI_SUPPORTING.has(c)), ...codes.filter((c) => !TPI_SUPPORTING.has(c))];
}

function icdList(typed: string, r: Range, fits?: string): CompletionList {
  // filtered on the server from 74,000 codes: always ask again as the user types
  return list(icdItems(typed, r, fits).items, true);
}

// ------------------------------------------------------------------ service lines

function codeDetail(info: CodeInfo): string {
  const first = info.description.split(/(?<=\.)\s/)[0];
  return first.replace(/\.$/, '');
}

function codeItems(claim: ClaimBlock, r: Range, tpiFirst: boolean): CompletionItem[] {
  const facts = factsOf(claim);
  const counted = facts.muscles.length ? codeForCount(facts.muscles.length) : undefined;
  const items: CompletionItem[] = [];
  let i = 0;
  for (const info of CODES.values()) {
    const tpi = isTpi(info.code);
    const item: CompletionItem = {
      label: info.code,
      kind: Kind.Function,
      detail: codeDetail(info),
      documentation: {
        kind: 'markdown',
        value: `${info.description}${info.mue ? `\n\nMUE: ${info.mue}.` : ''}\n\n_Plain-language description, not the AMA descriptor._`,
      },
      sortText: `${tpi ? (info.code === counted ? '0' : '1') : tpiFirst ? '3' : '2'}${pad(i++)}`,
      textEdit: { range: r, newText: info.code },
    };
    if (tpi && info.code === counted) {
      item.preselect = true;
      const n = `this claim counts ${facts.muscles.length} muscle${facts.muscles.length === 1 ? '' : 's'}`;
      item.detail += ` (${n})`;
      item.labelDetails = { description: n };
    }
    items.push(item);
  }
  return items;
}

function serviceLineItems(
  ctx: Ctx,
  claim: ClaimBlock,
  args: { text: string; start: number; quoted: boolean }[],
  current: { text: string; start: number },
  argIndex: number,
  replaceTo: number,
): CompletionItem[] {
  const r = (start: number) => range(ctx.line, start, replaceTo);
  if (argIndex === 1) {
    const dash = current.text.lastIndexOf('-');
    if (dash < 0) return codeItems(claim, r(current.start), false);
    const code = current.text.slice(0, current.text.indexOf('-')).toUpperCase();
    return modifierItems(ctx, claim, code, current.start + dash + 1, r(current.start + dash + 1));
  }
  // the part the word being typed belongs to, as the parser reads the line
  const code = (args[0]?.text ?? '').split('-')[0].toUpperCase();
  const { part, seen, items: partItems } = servicePartAt(ctx.text, current.start);
  const piece = lastPiece(current.text, current.start);
  const inList = piece.start !== current.start; // after a comma: a list item, not a part keyword
  // after a complete list item and a space, the next part is the likelier word: it sorts first
  const parts = (): CompletionItem[] =>
    inList
      ? []
      : PART_KEYWORDS.filter((p) => !seen.has(p)).map((p, i) => ({
          label: p,
          kind: Kind.Keyword,
          sortText: `${partItems ? ' ' : '5'}${i}`,
          detail:
            p === 'mod'
              ? 'modifiers: mod RT, XS'
              : p === 'units'
                ? 'units: a positive whole number'
                : p === 'charge'
                  ? 'what the practice bills for the line: charge 150.00'
                  : 'diagnosis pointers: dx A,B',
          textEdit: { range: r(current.start), newText: `${p} ` },
          command: ctx.o.retrigger ? { title: 'Suggest', command: ctx.o.retrigger } : undefined,
        }));
  if (part === 'mod') return [...modifierItems(ctx, claim, code, piece.start, r(piece.start)), ...(partItems ? parts() : [])];
  if (part === 'dx') return [...pointerItems(ctx, claim, piece.start, r(piece.start)), ...(partItems ? parts() : [])];
  if (part === 'units' || part === 'charge') return partItems ? parts() : [];
  return parts();
}

function serviceLineAt(claim: ClaimBlock, line: number): ServiceLine | undefined {
  return claim.lines.find((l) => l.line === line);
}

/** Modifier priorities per kind of line; excluded: those a rule would report on this line. */
function modifierItems(ctx: Ctx, claim: ClaimBlock, code: string, at: number, r: Range): CompletionItem[] {
  const node = serviceLineAt(claim, ctx.line);
  const present = new Set((node?.modifiers ?? []).filter((m) => !(at >= m.start && at <= m.end)).map((m) => m.value));
  if (present.size >= 4) return [];
  const facts = factsOf(claim);
  const tpi = isTpi(code);
  let first: string[] = [];
  let preselect: string | undefined;
  const excluded = new Set<string>(present);
  if (tpi) {
    const side = singleSide(facts.muscles);
    first = side === 'L' ? ['LT', 'RT'] : ['RT', 'LT'];
    if (side) preselect = side === 'L' ? 'LT' : 'RT';
    first.push('XS', 'XU', 'XE', 'XP', '59', '76', '77', 'GA', 'GZ', 'KX');
    excluded.add('50');
    if (present.has('RT')) excluded.add('LT');
    if (present.has('LT')) excluded.add('RT');
    // modifier-59-unneeded: a distinct-procedure modifier needs a procedure line on the claim
    if (!claim.lines.some((l) => isProcedure(l.code.value))) for (const m of DISTINCT_MODIFIERS) excluded.add(m);
  } else if (isEm(code)) {
    first = ['25', '24', '57', 'FS', 'FT', '95', 'GT', 'GC', 'GE'];
    preselect = '25';
  } else if (isDrugCode(code)) {
    first = ['JZ', 'JW'];
  } else if (NCCI_PAIRED.has(code)) {
    first = ['XS', 'XU', 'XE', 'XP', '59', 'RT', 'LT'];
  }
  if (!isEm(code)) excluded.add('25');
  if ([...present].some((m) => X_MODIFIERS.has(m))) excluded.add('59');
  if (present.has('59')) for (const m of X_MODIFIERS) excluded.add(m);
  const rest = [...KNOWN_MODIFIERS].filter((m) => !first.includes(m)).sort();
  return [...first, ...rest]
    .filter((m) => !excluded.has(m))
    .map((m, i) => ({
      label: m,
      kind: Kind.EnumMember,
      detail: MODIFIER_MEANINGS[m],
      sortText: pad(i),
      preselect: m === preselect || undefined,
      textEdit: { range: r, newText: m },
    }));
}

function pointerItems(ctx: Ctx, claim: ClaimBlock, at: number, r: Range): CompletionItem[] {
  const node = serviceLineAt(claim, ctx.line);
  const present = new Set((node?.dx?.pointers ?? []).filter((p) => !(at >= p.start && at <= p.end)).map((p) => p.value));
  if (present.size >= 4) return [];
  const out: CompletionItem[] = [];
  for (const d of factsOf(claim).diagnoses.values()) {
    const letter = d.letter.value;
    if (present.has(letter)) continue;
    const desc = ICD_DESCRIPTIONS[d.code.value];
    out.push({
      label: letter,
      kind: Kind.Reference,
      detail: `${dottedIcd(d.code.value)}${desc ? `: ${desc}` : ''}`,
      sortText: letter,
      textEdit: { range: r, newText: letter },
    });
  }
  return out;
}

// ------------------------------------------------------------------ muscles

const SEPARATOR = /,|;|(?<=\s)and(?=\s)/gi;

/** Completes the muscle item at the cursor: names with sides, or names after a typed side. */
function muscleItems(ctx: Ctx, from: number, character: number): CompletionItem[] {
  const args = ctx.text.slice(from, character);
  let itemStart = 0;
  for (const m of args.matchAll(SEPARATOR)) itemStart = m.index! + m[0].length;
  while (itemStart < args.length && isSpace(args[itemStart])) itemStart++;
  const item = args.slice(itemStart);
  const start = from + itemStart;
  const end = wordEndAfter(ctx.text, character, /[,;]/);
  const endTrimmed = ctx.text.slice(0, end).trimEnd().length;
  const sideMatch = /^(\S+)\s+/.exec(item);
  const items: CompletionItem[] = [];
  const detail = (name: string) => catalogueMuscle(name)!.regions.join(' and ');
  if (sideMatch && SIDES[sideMatch[1].toLowerCase()]) {
    const r = range(ctx.line, start + sideMatch[0].length, Math.max(endTrimmed, character));
    CATALOGUE_NAMES.forEach((n, i) =>
      items.push({ label: n, kind: Kind.Field, detail: detail(n), sortText: pad(i), textEdit: { range: r, newText: n } }),
    );
    return items;
  }
  const r = range(ctx.line, start, Math.max(endTrimmed, character));
  CATALOGUE_NAMES.forEach((n, i) => {
    ['left', 'right', 'bilateral'].forEach((side, j) => {
      items.push({
        label: `${side} ${n}`,
        kind: Kind.Field,
        detail: detail(n),
        sortText: `${pad(i)}${j}`,
        textEdit: { range: r, newText: `${side} ${n}` },
      });
    });
    items.push({
      label: n,
      kind: Kind.Field,
      detail: `${detail(n)}; no side: counts once`,
      sortText: `${pad(i)}3`,
      textEdit: { range: r, newText: n },
    });
  });
  return items;
}
