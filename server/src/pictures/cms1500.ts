// A claim drawn as the CMS-1500 (02/12) paper form: the project's own drawing of the form's
// layout (boxes in their usual places, red-ink lines, shaded service-line rows), filled with
// the claim's values, as SVG, PNG and PDF. The picture is for review and for printing on the
// red-ink form stock payers scan: a copy on plain paper is not an OCR claim (docs/cms1500.md).
//
// Every box is a `<g class="box" data-box="24F.1" data-line="N">` so that an editor preview
// can move the cursor to the `.claim` line a value comes from and show a finding on its box.

import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import type * as ResvgModule from '@resvg/resvg-js';

export type FormSeverity = 'error' | 'warning' | 'info' | 'hint';

/** What a box shows, where it came from, and the findings on it. */
export interface FormBox {
  /** '1a', '2', '21.A', '24D.1' (service line 1), '24F.3', '28', '33a'... */
  id: string;
  /** the form's caption, e.g. "1a. INSURED'S I.D. NUMBER" */
  label: string;
  value: string;
  /** 0-based line in the .claim file the value comes from */
  line?: number;
  severity?: FormSeverity;
  messages?: string[];
}

export interface FormInput {
  claimId: string;
  boxes: FormBox[];
  /** 1-based page of a claim with more than six service lines (see `pagesOf`) */
  page?: number;
  pages?: number;
}

export interface FormOptions {
  /** colours from CSS variables (`--cms1500-ink`, ...) with this theme's fallbacks; none: fixed light colours */
  theme?: 'light' | 'dark' | 'high-contrast';
  /** the review banner across the top; default true */
  banner?: boolean;
}

// ------------------------------------------------------------------------------ the claim

/**
 * Where a value comes from: `line` is the 0-based `.claim` line of the object (the `patient`
 * line, the `line` of a service line, the claim's first line), and `lineOf` the line of one of
 * its fields when that has a line of its own (`{ member: 3, born: 4 }`). A field without an
 * entry in `lineOf` points at `line`; neither: the box has no line.
 */
export interface FormLocated {
  line?: number;
  lineOf?: Record<string, number>;
}

export interface FormName {
  last?: string;
  first?: string;
  middle?: string;
}

export interface FormAddress {
  line1?: string;
  line2?: string;
  city?: string;
  state?: string;
  zip?: string;
}

/** A claim as far as it is written: every field may be missing (a claim being edited). */
export interface FormClaim extends FormLocated {
  id?: string;
  /** the claim's date of service (ISO), for service lines without their own */
  date?: string;
  /** the claim's place of service, for service lines without their own */
  pos?: string;
  /** the payer's claim number of the claim this one replaces */
  replaces?: string;
  auth?: string;
  patient?: FormLocated & { name?: FormName; member?: string; born?: string; sex?: string; address?: FormAddress; phone?: string };
  payer?: FormLocated & { name?: string; claimType?: string };
  practice?: FormLocated & { name?: string; npi?: string; tin?: string; address?: FormAddress; phone?: string };
  /** the rendering provider */
  provider?: FormLocated & { npi?: string };
  diagnoses?: (FormLocated & { letter?: string; code?: string })[];
  lines?: (FormLocated & {
    date?: string;
    pos?: string;
    code?: string;
    modifiers?: string[];
    /** diagnosis letters, A-L */
    pointers?: string[];
    chargeCents?: number;
    units?: number;
  })[];
}

/** The service lines one form holds. */
export const LINES_PER_FORM = 6;

const LETTERS = 'ABCDEFGHIJKL';

/** 'MB' -> the box 1 choice. */
function insuranceType(claimType: string | undefined): string {
  if (!claimType) return '';
  const t = claimType.toUpperCase();
  if (t === 'MB' || t === 'MA') return 'MEDICARE';
  if (t === 'MC') return 'MEDICAID';
  if (t === 'CH') return 'TRICARE';
  if (t === 'VA') return 'CHAMPVA';
  if (['WC', 'AM', 'LM', 'ZZ', 'OF', 'DS'].includes(t)) return 'OTHER';
  return 'GROUP HEALTH PLAN';
}

/** 2026-03-05 -> '03 05 2026' (or '03 05 26' when `short`); anything else as written. */
function formDate(iso: string | undefined, short = false): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${m[2]} ${m[3]} ${short ? m[1].slice(2) : m[1]}`;
}

/** 15000 -> '150 00' (the form's dollars and cents, the cents in their own column). */
export function formMoney(cents: number | undefined): string {
  if (cents === undefined || !Number.isFinite(cents)) return '';
  const c = Math.round(cents);
  return `${Math.floor(c / 100)} ${String(c % 100).padStart(2, '0')}`;
}

function personName(n: FormName | undefined): string {
  if (!n) return '';
  const rest = [n.first, n.middle].filter((s) => s && s.trim()).join(', ');
  return [n.last ?? '', rest].filter((s) => s).join(', ');
}

function phone(p: string | undefined): string {
  if (!p) return '';
  const d = p.replace(/\D/g, '');
  return d.length === 10 ? `(${d.slice(0, 3)}) ${d.slice(3, 6)} ${d.slice(6)}` : p;
}

function zip(z: string | undefined): string {
  if (!z) return '';
  return /^\d{9}$/.test(z) ? `${z.slice(0, 5)}-${z.slice(5)}` : z;
}

function lineOf(o: FormLocated | undefined, field?: string): number | undefined {
  if (!o) return undefined;
  return (field !== undefined ? o.lineOf?.[field] : undefined) ?? o.line;
}

/**
 * The boxes of a claim, one per value (blank boxes are left out: the picture draws every box
 * anyway). Service lines beyond six are numbered on (24D.7, 24F.7...); `pagesOf` splits them
 * into forms of six. Box 28 totals every line.
 */
export function boxesOf(claim: FormClaim): FormBox[] {
  const out: FormBox[] = [];
  const add = (id: string, value: string | undefined, line: number | undefined): void => {
    if (value === undefined || value === '') return;
    const box: FormBox = { id, label: LABELS.get(baseId(id)) ?? id, value };
    if (line !== undefined) box.line = line;
    out.push(box);
  };
  const { patient: pt, payer, practice: pr, provider } = claim;
  const type = insuranceType(payer?.claimType);
  add('carrier', payer?.name, lineOf(payer));
  add('1', type, lineOf(payer, 'claimType'));
  add('1a', pt?.member, lineOf(pt, 'member'));
  const name = personName(pt?.name);
  add('2', name, lineOf(pt, 'name'));
  const sex = pt?.sex?.toUpperCase();
  const born = formDate(pt?.born);
  add('3', [born, sex === 'M' || sex === 'F' ? sex : ''].filter((s) => s).join(' '), lineOf(pt, pt?.born ? 'born' : 'sex'));
  add('4', name, lineOf(pt, 'name'));
  const a = pt?.address;
  const street = [a?.line1, a?.line2].filter((s) => s).join(' ');
  for (const box of ['5', '7']) {
    add(box, street, lineOf(pt, 'address'));
    add(`${box}.city`, a?.city, lineOf(pt, 'address'));
    add(`${box}.state`, a?.state, lineOf(pt, 'address'));
    add(`${box}.zip`, zip(a?.zip), lineOf(pt, 'address'));
    add(`${box}.phone`, phone(pt?.phone), lineOf(pt, 'phone'));
  }
  if (pt) add('6', 'SELF', lineOf(pt));
  if (type === 'MEDICARE') add('11', 'NONE', lineOf(payer));
  add('11c', payer?.name, lineOf(payer));
  const dx = claim.diagnoses ?? [];
  if (dx.length) add('21', '0', lineOf(dx[0]));
  for (const d of dx) {
    const letter = d.letter?.toUpperCase();
    if (!letter || !LETTERS.includes(letter)) continue;
    add(`21.${letter}`, d.code?.replace('.', '').toUpperCase(), lineOf(d, 'code'));
  }
  if (claim.replaces) add('22', `7 ${claim.replaces}`, lineOf(claim, 'replaces'));
  add('23', claim.auth, lineOf(claim, 'auth'));
  let total = 0;
  let anyCharge = false;
  (claim.lines ?? []).forEach((l, i) => {
    const n = i + 1;
    const at = lineOf(l);
    const date = formDate(l.date ?? claim.date, true);
    add(`24A.${n}`, date ? `${date} ${date}` : '', l.date ? at : (lineOf(claim, 'date') ?? at));
    add(`24B.${n}`, l.pos ?? claim.pos, l.pos ? at : (lineOf(claim, 'pos') ?? at));
    add(`24D.${n}`, [l.code ?? '', ...(l.modifiers ?? []).slice(0, 4)].join(' ').trim(), at);
    add(`24E.${n}`, (l.pointers ?? []).slice(0, 4).join('').toUpperCase(), at);
    add(`24F.${n}`, formMoney(l.chargeCents), at);
    add(`24G.${n}`, l.units !== undefined ? String(l.units) : '', at);
    add(`24J.${n}`, provider?.npi, lineOf(provider, 'npi'));
    if (l.chargeCents !== undefined) {
      total += Math.round(l.chargeCents);
      anyCharge = true;
    }
  });
  add('25', pr?.tin ? `${pr.tin} EIN` : '', lineOf(pr, 'tin'));
  add('26', claim.id, lineOf(claim, 'id'));
  if (anyCharge) add('28', formMoney(total), lineOf(claim, 'id'));
  add('31', claim.id !== undefined || pr ? 'SIGNATURE ON FILE' : '', lineOf(pr));
  add('33', pr?.name, lineOf(pr, 'name'));
  const pa = pr?.address;
  add('33.street', [pa?.line1, pa?.line2].filter((s) => s).join(' '), lineOf(pr, 'address'));
  add('33.city', [pa?.city ? `${pa.city},` : '', pa?.state ?? '', zip(pa?.zip)].filter((s) => s).join(' '), lineOf(pr, 'address'));
  add('33.phone', phone(pr?.phone), lineOf(pr, 'phone'));
  add('33a', pr?.npi, lineOf(pr, 'npi'));
  return out;
}

/** Each finding on a `.claim` line goes to every box whose value comes from that line. */
export function withFindings(boxes: FormBox[], findings: { line: number; severity: FormSeverity; message: string }[]): FormBox[] {
  return boxes.map((b) => {
    const mine = findings.filter((f) => b.line !== undefined && f.line === b.line);
    if (!mine.length) return b;
    const severity = mine.map((f) => f.severity).sort((x, y) => SEVERITIES.indexOf(x) - SEVERITIES.indexOf(y))[0];
    return { ...b, severity, messages: [...(b.messages ?? []), ...mine.map((f) => f.message)] };
  });
}

const SEVERITIES: FormSeverity[] = ['error', 'warning', 'info', 'hint'];

/**
 * One form per six service lines: page k holds lines 6k-5..6k renumbered 1-6, every other box
 * repeated, and box 28 the total of its own lines (each form is a claim of its own to a payer
 * that scans it). A claim of six lines or fewer is one page.
 */
export function pagesOf(input: FormInput): FormInput[] {
  const lineBox = /^(24[A-J])\.(\d+)$/;
  const count = Math.max(0, ...input.boxes.map((b) => Number(lineBox.exec(b.id)?.[2] ?? 0)));
  const pages = Math.max(1, Math.ceil(count / LINES_PER_FORM));
  if (pages === 1) return [{ ...input, page: 1, pages: 1 }];
  const result: FormInput[] = [];
  for (let p = 0; p < pages; p++) {
    const boxes: FormBox[] = [];
    let cents = 0;
    for (const b of input.boxes) {
      const m = lineBox.exec(b.id);
      if (!m) {
        if (b.id !== '28') boxes.push(b);
        continue;
      }
      const n = Number(m[2]) - 1 - p * LINES_PER_FORM;
      if (n < 0 || n >= LINES_PER_FORM) continue;
      boxes.push({ ...b, id: `${m[1]}.${n + 1}` });
      if (m[1] === '24F') cents += moneyCents(b.value);
    }
    const total = input.boxes.find((b) => b.id === '28');
    if (total) boxes.push({ ...total, value: formMoney(cents) });
    result.push({ claimId: input.claimId, boxes, page: p + 1, pages });
  }
  return result;
}

function moneyCents(v: string): number {
  const m = /^(\d+)[ .](\d{2})$/.exec(v.trim());
  return m ? Number(m[1]) * 100 + Number(m[2]) : 0;
}

// ------------------------------------------------------------------------------ the layout

interface Check {
  /** the value that puts an X here */
  key: string;
  label: string;
  /** the check box's x */
  x: number;
}

interface Slot {
  id: string;
  label: string;
  x: number;
  y: number;
  w: number;
  h: number;
  /** the caption as printed, when shorter than `label` */
  caption?: string;
  /** check boxes: the value names the checked one */
  checks?: Check[];
  /** the value's parts (split on spaces) at these x, right-aligned where the x is negative */
  parts?: number[];
  /** the value right-aligned */
  right?: boolean;
  /** how far the value starts from the box's left edge (default 4) */
  indent?: number;
}

const L = 20; // left edge of the form
const R = 592; // right edge
const MID = 380; // the insured column
const PCOL = 250; // the patient column's right edge

const slots: Slot[] = [];
const LABELS = new Map<string, string>();
function slot(s: Slot): void {
  slots.push(s);
  LABELS.set(baseId(s.id), s.label);
}
function baseId(id: string): string {
  return id.replace(/^(24[A-J])\.\d+$/, '$1');
}

// carrier block and title
slot({ id: 'carrier', label: 'CARRIER (payer name and address)', caption: 'CARRIER', x: 340, y: 34, w: R - 340, h: 40 });
// box 1 row
const ROW = 22;
let y = 100;
slot({
  id: '1',
  label: '1. MEDICARE MEDICAID TRICARE CHAMPVA GROUP HEALTH PLAN FECA BLK LUNG OTHER',
  caption: '1.',
  x: L,
  y,
  w: MID - L,
  h: ROW,
  checks: [
    { key: 'MEDICARE', label: 'MEDICARE', x: L + 12 },
    { key: 'MEDICAID', label: 'MEDICAID', x: L + 58 },
    { key: 'TRICARE', label: 'TRICARE', x: L + 104 },
    { key: 'CHAMPVA', label: 'CHAMPVA', x: L + 148 },
    { key: 'GROUP HEALTH PLAN', label: 'GROUP HEALTH PLAN', x: L + 192 },
    { key: 'FECA BLK LUNG', label: 'FECA BLK LUNG', x: L + 260 },
    { key: 'OTHER', label: 'OTHER', x: L + 320 },
  ],
});
slot({ id: '1a', label: "1a. INSURED'S I.D. NUMBER (For Program in Item 1)", x: MID, y, w: R - MID, h: ROW });
y += ROW;
slot({ id: '2', label: "2. PATIENT'S NAME (Last Name, First Name, Middle Initial)", x: L, y, w: PCOL - L, h: ROW });
slot({
  id: '3',
  label: "3. PATIENT'S BIRTH DATE (MM DD YY) SEX",
  caption: "3. PATIENT'S BIRTH DATE      SEX",
  x: PCOL,
  y,
  w: MID - PCOL,
  h: ROW,
  parts: [PCOL + 6, PCOL + 22, PCOL + 38],
  checks: [
    { key: 'M', label: 'M', x: PCOL + 84 },
    { key: 'F', label: 'F', x: PCOL + 108 },
  ],
});
slot({ id: '4', label: "4. INSURED'S NAME (Last Name, First Name, Middle Initial)", x: MID, y, w: R - MID, h: ROW });
y += ROW;
for (const [box, x0, x1, what] of [
  ['5', L, PCOL, "5. PATIENT'S ADDRESS (No., Street)"],
  ['7', MID, R, "7. INSURED'S ADDRESS (No., Street)"],
] as const) {
  const w = x1 - x0;
  slot({ id: box, label: what, x: x0, y, w, h: ROW });
  slot({ id: `${box}.city`, label: 'CITY', x: x0, y: y + ROW, w: w - 40, h: ROW });
  slot({ id: `${box}.state`, label: 'STATE', x: x1 - 40, y: y + ROW, w: 40, h: ROW });
  slot({ id: `${box}.zip`, label: 'ZIP CODE', x: x0, y: y + 2 * ROW, w: w * 0.45, h: ROW });
  slot({ id: `${box}.phone`, label: 'TELEPHONE (Include Area Code)', x: x0 + w * 0.45, y: y + 2 * ROW, w: w * 0.55, h: ROW });
}
slot({
  id: '6',
  label: '6. PATIENT RELATIONSHIP TO INSURED',
  x: PCOL,
  y,
  w: MID - PCOL,
  h: ROW,
  checks: [
    { key: 'SELF', label: 'Self', x: PCOL + 8 },
    { key: 'SPOUSE', label: 'Spouse', x: PCOL + 38 },
    { key: 'CHILD', label: 'Child', x: PCOL + 72 },
    { key: 'OTHER', label: 'Other', x: PCOL + 102 },
  ],
});
slot({ id: '8', label: '8. RESERVED FOR NUCC USE', x: PCOL, y: y + ROW, w: MID - PCOL, h: 2 * ROW });
y += 3 * ROW;
const nine = [
  ["9. OTHER INSURED'S NAME (Last Name, First Name, Middle Initial)", "9a. OTHER INSURED'S POLICY OR GROUP NUMBER"],
  ['9b. RESERVED FOR NUCC USE', '9c. RESERVED FOR NUCC USE'],
  ['9d. INSURANCE PLAN NAME OR PROGRAM NAME'],
].flat();
const ten = [
  "10. IS PATIENT'S CONDITION RELATED TO:",
  '10a. EMPLOYMENT? (Current or Previous)',
  '10b. AUTO ACCIDENT?',
  '10c. OTHER ACCIDENT?',
  '10d. CLAIM CODES (Designated by NUCC)',
];
const eleven = [
  "11. INSURED'S POLICY GROUP OR FECA NUMBER",
  "11a. INSURED'S DATE OF BIRTH      SEX",
  '11b. OTHER CLAIM ID (Designated by NUCC)',
  '11c. INSURANCE PLAN NAME OR PROGRAM NAME',
  '11d. IS THERE ANOTHER HEALTH BENEFIT PLAN?',
];
const ids = ['', 'a', 'b', 'c', 'd'];
for (let i = 0; i < 5; i++) {
  slot({ id: `9${ids[i]}`, label: nine[i], x: L, y: y + i * ROW, w: PCOL - L, h: ROW });
  slot({ id: `10${ids[i]}`, label: ten[i], x: PCOL, y: y + i * ROW, w: MID - PCOL, h: ROW });
  slot({ id: `11${ids[i]}`, label: eleven[i], x: MID, y: y + i * ROW, w: R - MID, h: ROW });
}
y += 5 * ROW;
slot({
  id: '12',
  label: "12. PATIENT'S OR AUTHORIZED PERSON'S SIGNATURE",
  x: L,
  y,
  w: MID - L,
  h: 28,
});
slot({ id: '13', label: "13. INSURED'S OR AUTHORIZED PERSON'S SIGNATURE", x: MID, y, w: R - MID, h: 28 });
const PATIENT_END = y + 28;
y = PATIENT_END + 6;
slot({ id: '14', label: '14. DATE OF CURRENT ILLNESS, INJURY, or PREGNANCY (LMP)', x: L, y, w: PCOL - L, h: ROW });
slot({ id: '15', label: '15. OTHER DATE', x: PCOL, y, w: MID - PCOL, h: ROW });
slot({ id: '16', label: '16. DATES PATIENT UNABLE TO WORK IN CURRENT OCCUPATION', x: MID, y, w: R - MID, h: ROW });
y += ROW;
slot({ id: '17', label: '17. NAME OF REFERRING PROVIDER OR OTHER SOURCE', x: L, y, w: PCOL - L, h: ROW });
slot({ id: '17b', label: '17a. / 17b. NPI', caption: '17a.       17b. NPI', x: PCOL, y, w: MID - PCOL, h: ROW });
slot({ id: '18', label: '18. HOSPITALIZATION DATES RELATED TO CURRENT SERVICES', x: MID, y, w: R - MID, h: ROW });
y += ROW;
slot({ id: '19', label: '19. ADDITIONAL CLAIM INFORMATION (Designated by NUCC)', x: L, y, w: MID - L, h: ROW });
slot({ id: '20', label: '20. OUTSIDE LAB? $ CHARGES', x: MID, y, w: R - MID, h: ROW });
y += ROW;
const DX_TOP = y;
slot({
  id: '21',
  label: '21. DIAGNOSIS OR NATURE OF ILLNESS OR INJURY (Relate A-L to service line below (24E)) ICD Ind.',
  caption: '21. DIAGNOSIS OR NATURE OF ILLNESS OR INJURY  Relate A-L to service line below (24E)     ICD Ind.',
  x: L,
  y,
  w: MID - L,
  h: 12,
  parts: [MID - 16],
});
for (let i = 0; i < 12; i++) {
  const letter = LETTERS[i];
  const col = i % 4;
  const row = Math.floor(i / 4);
  const cw = (MID - L) / 4;
  slot({
    id: `21.${letter}`,
    label: `21. DIAGNOSIS ${letter}.`,
    caption: `${letter}.`,
    x: L + col * cw,
    y: y + 12 + row * 14,
    w: cw,
    h: 14,
    indent: 10,
  });
}
slot({
  id: '22',
  label: '22. RESUBMISSION CODE / ORIGINAL REF. NO.',
  caption: '22. RESUBMISSION CODE      ORIGINAL REF. NO.',
  x: MID,
  y,
  w: R - MID,
  h: 27,
  parts: [MID + 8, MID + 90],
});
slot({ id: '23', label: '23. PRIOR AUTHORIZATION NUMBER', x: MID, y: y + 27, w: R - MID, h: 27 });
y = DX_TOP + 54;
// box 24: a header and six lines, each a shaded supplemental band over the line itself
const COL = {
  aFrom: L,
  aTo: L + 62,
  b: L + 124,
  c: L + 146,
  d: L + 164,
  mod: L + 208,
  e: L + 280,
  f: L + 318,
  g: L + 386,
  h: L + 410,
  i: L + 428,
  j: L + 450,
};
const CENTS = L + 370;
const HEAD = 24;
const LINE_TOP = y + HEAD;
const LINE_H = 24;
const SHADE = 10;
const columns: [string, number, number, string, Partial<Slot>][] = [
  [
    '24A',
    COL.aFrom,
    COL.b,
    '24. A. DATE(S) OF SERVICE From / To (MM DD YY)',
    { parts: [COL.aFrom + 4, COL.aFrom + 18, COL.aFrom + 32, COL.aTo + 4, COL.aTo + 18, COL.aTo + 32] },
  ],
  ['24B', COL.b, COL.c, 'B. PLACE OF SERVICE', {}],
  ['24C', COL.c, COL.d, 'C. EMG', {}],
  [
    '24D',
    COL.d,
    COL.e,
    'D. PROCEDURES, SERVICES, OR SUPPLIES (CPT/HCPCS, MODIFIER)',
    { parts: [COL.d + 4, COL.mod + 3, COL.mod + 21, COL.mod + 39, COL.mod + 57] },
  ],
  ['24E', COL.e, COL.f, 'E. DIAGNOSIS POINTER', {}],
  ['24F', COL.f, COL.g, 'F. $ CHARGES', { parts: [-(CENTS - 3), CENTS + 2] }],
  ['24G', COL.g, COL.h, 'G. DAYS OR UNITS', { right: true }],
  ['24H', COL.h, COL.i, 'H. EPSDT Family Plan', {}],
  ['24I', COL.i, COL.j, 'I. ID. QUAL.', {}],
  ['24J', COL.j, R, 'J. RENDERING PROVIDER ID. #', {}],
];
for (const [base, , , label] of columns) LABELS.set(base, label);
for (let n = 1; n <= LINES_PER_FORM; n++) {
  const top = LINE_TOP + (n - 1) * LINE_H + SHADE;
  for (const [base, x0, x1, label, extra] of columns) {
    slot({ id: `${base}.${n}`, label, caption: '', x: x0, y: top, w: x1 - x0, h: LINE_H - SHADE, ...extra });
  }
}
y = LINE_TOP + LINES_PER_FORM * LINE_H;
const BOTTOM = y;
slot({
  id: '25',
  label: '25. FEDERAL TAX I.D. NUMBER SSN EIN',
  caption: '25. FEDERAL TAX I.D. NUMBER     SSN EIN',
  x: L,
  y,
  w: 160,
  h: 26,
  parts: [L + 4],
  checks: [
    { key: 'SSN', label: '', x: L + 128 },
    { key: 'EIN', label: '', x: L + 146 },
  ],
});
slot({ id: '26', label: "26. PATIENT'S ACCOUNT NO.", x: L + 160, y, w: 120, h: 26 });
slot({
  id: '27',
  label: '27. ACCEPT ASSIGNMENT?',
  x: L + 280,
  y,
  w: 80,
  h: 26,
  checks: [
    { key: 'YES', label: 'YES', x: L + 286 },
    { key: 'NO', label: 'NO', x: L + 322 },
  ],
});
slot({ id: '28', label: '28. TOTAL CHARGE', caption: '28. TOTAL CHARGE  $', x: L + 360, y, w: 80, h: 26, parts: [-(L + 428), L + 430] });
slot({ id: '29', label: '29. AMOUNT PAID', caption: '29. AMOUNT PAID  $', x: L + 440, y, w: 76, h: 26 });
slot({ id: '30', label: '30. Rsvd for NUCC Use', x: L + 516, y, w: R - L - 516, h: 26 });
y += 26;
slot({
  id: '31',
  label: '31. SIGNATURE OF PHYSICIAN OR SUPPLIER INCLUDING DEGREES OR CREDENTIALS',
  caption: '31. SIGNATURE OF PHYSICIAN OR SUPPLIER',
  x: L,
  y,
  w: 160,
  h: 58,
});
slot({ id: '32', label: '32. SERVICE FACILITY LOCATION INFORMATION', x: L + 160, y, w: 200, h: 44 });
slot({ id: '32a', label: '32a. NPI', x: L + 160, y: y + 44, w: 100, h: 14, indent: 24 });
slot({ id: '32b', label: '32b.', x: L + 260, y: y + 44, w: 100, h: 14, indent: 16 });
slot({ id: '33', label: '33. BILLING PROVIDER INFO & PH #', x: L + 360, y, w: R - L - 360, h: 18 });
slot({ id: '33.street', label: '33. BILLING PROVIDER ADDRESS', caption: '', x: L + 360, y: y + 18, w: R - L - 360, h: 13 });
slot({ id: '33.city', label: '33. BILLING PROVIDER CITY, STATE, ZIP', caption: '', x: L + 360, y: y + 31, w: R - L - 360, h: 13 });
slot({ id: '33.phone', label: '33. BILLING PROVIDER PH #', caption: '', x: R - 92, y, w: 92, h: 12 });
slot({ id: '33a', label: '33a. NPI', x: L + 360, y: y + 44, w: 106, h: 14, indent: 24 });
slot({ id: '33b', label: '33b.', x: L + 466, y: y + 44, w: R - L - 466, h: 14, indent: 16 });
const FORM_END = y + 58;

// ------------------------------------------------------------------------------ drawing

const THEMES = {
  light: {
    paper: '#ffffff',
    ink: '#c8102e',
    shade: '#fbe3e7',
    text: '#000000',
    error: '#d50000',
    warning: '#b86e00',
    info: '#1565c0',
    hint: '#6b6b6b',
  },
  dark: {
    paper: '#1e1e1e',
    ink: '#f28b9b',
    shade: '#3a2a2e',
    text: '#e8e8e8',
    error: '#ff5252',
    warning: '#ffb74d',
    info: '#64b5f6',
    hint: '#a0a0a0',
  },
  'high-contrast': {
    paper: '#000000',
    ink: '#ffffff',
    shade: '#1a1a1a',
    text: '#ffff00',
    error: '#ff3b3b',
    warning: '#ffa500',
    info: '#3ba4ff',
    hint: '#cccccc',
  },
} as const;
type Colours = Record<keyof (typeof THEMES)['light'], string>;

/** The CSS variable each colour reads (a VS Code webview sets them from its theme). */
const VARIABLES: Record<keyof Colours, string> = {
  paper: '--cms1500-paper',
  ink: '--cms1500-ink',
  shade: '--cms1500-shade',
  text: '--cms1500-text',
  error: '--cms1500-error',
  warning: '--cms1500-warning',
  info: '--cms1500-info',
  hint: '--cms1500-hint',
};

/** Text for XML content and attribute values. */
export function xmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

/** Drop what XML 1.0 cannot hold at all (control characters other than tab and line ends). */
function clean(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
}

const n2 = (v: number): string => String(Math.round(v * 100) / 100);

const SANS = "'DejaVu Sans', Arial, Helvetica, sans-serif";
const MONO = "'DejaVu Sans Mono', 'Courier New', Courier, monospace";

/** The claim drawn on the CMS-1500 (02/12) layout: a Letter page, 612 x 792 points. */
export function cms1500Svg(input: FormInput, options: FormOptions = {}): string {
  const c: Colours = THEMES[options.theme ?? 'light'];
  const byId = new Map<string, FormBox>();
  for (const b of input.boxes) if (!byId.has(b.id)) byId.set(b.id, b);
  const o: string[] = [];
  const claimId = clean(input.claimId);
  const title = `CMS-1500 (02/12) claim form: claim ${claimId}${input.pages && input.pages > 1 ? `, page ${input.page ?? 1} of ${input.pages}` : ''}`;
  o.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 612 792" width="612" height="792" class="cms1500" data-claim-id="${xmlEscape(claimId)}" role="img" aria-label="${xmlEscape(title)}">`,
  );
  o.push(`<title>${xmlEscape(title)}</title>`);
  o.push(`<style>${css(c, options.theme !== undefined)}</style>`);
  o.push(`<rect class="paper" x="0" y="0" width="612" height="792" fill="${c.paper}"/>`);
  if (options.banner !== false) {
    o.push(`<g class="banner"><rect x="${L}" y="6" width="${R - L}" height="16" fill="${c.shade}" stroke="${c.ink}" stroke-width="0.6"/>`);
    o.push(
      `<text x="306" y="17" text-anchor="middle" font-family="${SANS}" font-size="7.5" font-weight="bold" fill="${c.text}" class="banner-text">For review and for printing on the red-ink CMS-1500 form: not for OCR submission on plain paper.</text></g>`,
    );
  }
  // the printed form: title, section rules, shading
  const ink = `fill="${c.ink}" class="ink"`;
  o.push(`<g class="form">`);
  o.push(
    `<text x="${L}" y="42" font-family="${SANS}" font-size="5" ${ink}>APPROVED BY NATIONAL UNIFORM CLAIM COMMITTEE (NUCC) 02/12</text>`,
  );
  o.push(`<text x="${L}" y="72" font-family="${SANS}" font-size="15" font-weight="bold" ${ink}>HEALTH INSURANCE CLAIM FORM</text>`);
  o.push(`<text x="${L}" y="90" font-family="${SANS}" font-size="6" ${ink}>PICA</text>`);
  o.push(`<rect x="${L + 18}" y="84" width="7" height="7" fill="none" stroke="${c.ink}" stroke-width="0.6" class="ink-line"/>`);
  o.push(`<text x="${R}" y="90" text-anchor="end" font-family="${SANS}" font-size="6" ${ink}>PICA</text>`);
  o.push(`<rect x="${R - 28}" y="84" width="7" height="7" fill="none" stroke="${c.ink}" stroke-width="0.6" class="ink-line"/>`);
  o.push(vertical(R + 9, 100, PATIENT_END, 'PATIENT AND INSURED INFORMATION', c));
  o.push(vertical(R + 9, PATIENT_END + 6, FORM_END, 'PHYSICIAN OR SUPPLIER INFORMATION', c));
  o.push(vertical(R + 9, 34, 74, 'CARRIER', c));
  // box 24's header
  const hy = LINE_TOP - HEAD;
  o.push(`<rect x="${L}" y="${hy}" width="${R - L}" height="${HEAD}" fill="none" stroke="${c.ink}" stroke-width="0.8" class="ink-line"/>`);
  const heads: [number, string[]][] = [
    [COL.aFrom + 2, ['24. A.   DATE(S) OF SERVICE', 'From          To', 'MM  DD  YY  MM  DD  YY']],
    [COL.b + 2, ['B.', 'PLACE OF', 'SERVICE']],
    [COL.c + 2, ['C.', '', 'EMG']],
    [COL.d + 2, ['D. PROCEDURES, SERVICES, OR SUPPLIES', '(Explain Unusual Circumstances)', 'CPT/HCPCS        MODIFIER']],
    [COL.e + 2, ['E.', 'DIAGNOSIS', 'POINTER']],
    [COL.f + 2, ['F.', '', '$ CHARGES']],
    [COL.g + 2, ['G.', 'DAYS OR', 'UNITS']],
    [COL.h + 2, ['H. EPSDT', 'Family', 'Plan']],
    [COL.i + 2, ['I.', 'ID.', 'QUAL.']],
    [COL.j + 2, ['J.', 'RENDERING', 'PROVIDER ID. #']],
  ];
  for (const [x, lines] of heads) {
    lines.forEach((t, i) => {
      if (t) o.push(`<text x="${n2(x)}" y="${n2(hy + 7 + i * 7)}" font-family="${SANS}" font-size="4.6" ${ink}>${xmlEscape(t)}</text>`);
    });
  }
  for (let n = 1; n <= LINES_PER_FORM; n++) {
    const top = LINE_TOP + (n - 1) * LINE_H;
    o.push(
      `<rect x="${L}" y="${top}" width="${R - L}" height="${SHADE}" fill="${c.shade}" class="shade" stroke="${c.ink}" stroke-width="0.3"/>`,
    );
    o.push(`<text x="${L - 8}" y="${top + 20}" font-family="${SANS}" font-size="8" font-weight="bold" ${ink}>${n}</text>`);
    o.push(`<text x="${COL.i + 3}" y="${top + 8}" font-family="${SANS}" font-size="5" ${ink}>NPI</text>`);
    // the tick marks between MM, DD and YY and between dollars and cents
    for (const x of [
      COL.aFrom + 15,
      COL.aFrom + 29,
      COL.aTo + 15,
      COL.aTo + 29,
      CENTS,
      COL.mod,
      COL.mod + 18,
      COL.mod + 36,
      COL.mod + 54,
    ]) {
      o.push(
        `<line x1="${x}" y1="${top + SHADE}" x2="${x}" y2="${top + LINE_H}" stroke="${c.ink}" stroke-width="0.3" stroke-dasharray="1.5 1" class="ink-line"/>`,
      );
    }
  }
  o.push(`<line x1="${L}" y1="${BOTTOM}" x2="${R}" y2="${BOTTOM}" stroke="${c.ink}" stroke-width="1.2" class="ink-line"/>`);
  o.push(
    `<line x1="${L}" y1="${PATIENT_END + 3}" x2="${R}" y2="${PATIENT_END + 3}" stroke="${c.ink}" stroke-width="1.2" class="ink-line"/>`,
  );
  o.push(`<text x="${L}" y="${FORM_END + 10}" font-family="${SANS}" font-size="5.5" ${ink}>NUCC Instruction Manual 02/12</text>`);
  o.push(
    `<text x="306" y="${FORM_END + 10}" text-anchor="middle" font-family="${SANS}" font-size="6" font-weight="bold" ${ink}>PLEASE PRINT OR TYPE</text>`,
  );
  o.push(`<text x="${R}" y="${FORM_END + 10}" text-anchor="end" font-family="${SANS}" font-size="5.5" ${ink}>FORM 1500 (02-12)</text>`);
  if (input.pages && input.pages > 1) {
    o.push(
      `<text x="${R}" y="${FORM_END + 20}" text-anchor="end" font-family="${SANS}" font-size="7" fill="${c.text}" class="value page">PAGE ${input.page ?? 1} OF ${input.pages}</text>`,
    );
  }
  const extra = [...byId.keys()].filter((id) => /^24[A-J]\.(\d+)$/.test(id) && Number(id.split('.')[1]) > LINES_PER_FORM);
  if (extra.length) {
    o.push(
      `<text x="${L}" y="${FORM_END + 20}" font-family="${SANS}" font-size="7" font-weight="bold" fill="${c.error}" class="overflow">More than six service lines: this page shows lines 1-6 (one form per six lines).</text>`,
    );
  }
  o.push(`</g>`);
  // the boxes
  for (const s of slots) o.push(drawBox(s, byId.get(s.id), c));
  o.push(`</svg>`);
  return o.join('\n') + '\n';
}

function vertical(x: number, y0: number, y1: number, text: string, c: Colours): string {
  const cy = (y0 + y1) / 2;
  return (
    `<line x1="${x - 5}" y1="${y0}" x2="${x - 5}" y2="${y1}" stroke="${c.ink}" stroke-width="0.6" class="ink-line"/>` +
    `<text x="${x}" y="${cy}" transform="rotate(90 ${x} ${cy})" text-anchor="middle" font-family="${SANS}" font-size="5.5" font-weight="bold" fill="${c.ink}" class="ink">${xmlEscape(text)}</text>`
  );
}

function css(c: Colours, themed: boolean): string {
  const v = (k: keyof Colours): string => (themed ? `var(${VARIABLES[k]}, ${c[k]})` : c[k]);
  return [
    `.paper{fill:${v('paper')}}`,
    `.ink{fill:${v('ink')}}`,
    `.ink-line,.box>rect.frame{stroke:${v('ink')}}`,
    `.shade{fill:${v('shade')}}`,
    `.value,.banner-text{fill:${v('text')}}`,
    `.has-error>rect.finding{stroke:${v('error')}}`,
    `.has-warning>rect.finding{stroke:${v('warning')}}`,
    `.has-info>rect.finding{stroke:${v('info')}}`,
    `.has-hint>rect.finding{stroke:${v('hint')}}`,
    `.box:focus{outline:none}.box:focus>rect.frame{stroke-width:2}`,
  ].join('');
}

function drawBox(s: Slot, box: FormBox | undefined, c: Colours): string {
  const value = clean(box?.value ?? '');
  const severity = box?.severity;
  const messages = (box?.messages ?? []).map(clean);
  const cls = severity ? `box has-${severity}` : 'box';
  const label = clean(box?.label ?? s.label);
  const aria = `${label}: ${value || 'blank'}${messages.length ? ` (${severity}: ${messages.join('; ')})` : ''}`;
  const line = box?.line !== undefined ? ` data-line="${box.line}"` : '';
  const o: string[] = [];
  o.push(`<g class="${cls}" data-box="${xmlEscape(s.id)}"${line} tabindex="0" role="group" aria-label="${xmlEscape(aria)}">`);
  if (messages.length) o.push(`<title>${xmlEscape(messages.join('\n'))}</title>`);
  o.push(
    `<rect class="frame" x="${n2(s.x)}" y="${n2(s.y)}" width="${n2(s.w)}" height="${n2(s.h)}" fill="none" stroke="${c.ink}" stroke-width="0.6"/>`,
  );
  const caption = s.caption ?? s.label;
  if (caption) {
    o.push(
      `<text x="${n2(s.x + 2)}" y="${n2(s.y + 5.5)}" font-family="${SANS}" font-size="4.8" fill="${c.ink}" class="ink caption">${xmlEscape(caption)}</text>`,
    );
  }
  for (const ch of s.checks ?? []) {
    const cy = s.y + s.h - 9;
    o.push(`<rect x="${ch.x}" y="${n2(cy)}" width="7" height="7" fill="none" stroke="${c.ink}" stroke-width="0.6" class="ink-line"/>`);
    if (ch.label)
      o.push(
        `<text x="${ch.x + 9}" y="${n2(cy + 6)}" font-family="${SANS}" font-size="4.8" fill="${c.ink}" class="ink">${xmlEscape(ch.label)}</text>`,
      );
  }
  if (value) o.push(valueText(s, value, c));
  if (severity) {
    const fill = { error: 0.14, warning: 0.12, info: 0.1, hint: 0.08 }[severity];
    o.push(
      `<rect class="finding" x="${n2(s.x + 1)}" y="${n2(s.y + 1)}" width="${n2(s.w - 2)}" height="${n2(s.h - 2)}" fill="${c[severity]}" fill-opacity="${fill}" stroke="${c[severity]}" stroke-width="1.6"/>`,
    );
  }
  o.push(`</g>`);
  return o.join('');
}

/** The value as tspans at their places: parts, check marks, or plain text. */
function valueText(s: Slot, value: string, c: Colours): string {
  const baseline = n2(s.y + s.h - 3);
  const size = s.h < 14 ? 7.5 : 8.5;
  const head = `<text class="value" y="${baseline}" font-family="${MONO}" font-size="${size}" fill="${c.text}"`;
  let words = value.split(/\s+/).filter((w) => w);
  const spans: string[] = [];
  let mark = '';
  if (s.checks) {
    const checked = s.checks.find((ch) => value.toUpperCase() === ch.key || words[words.length - 1]?.toUpperCase() === ch.key);
    if (checked) {
      mark = `<tspan x="${checked.x + 1}" font-weight="bold">X</tspan>`;
      if (value.toUpperCase() !== checked.key) words = words.slice(0, -1);
      else words = [];
    }
  }
  if (words.length) {
    if (s.parts) {
      const parts = s.parts;
      // the last place takes the rest of the value
      for (let i = 0; i < Math.min(words.length, parts.length); i++) {
        const x = parts[i];
        const text = i === parts.length - 1 ? words.slice(i).join(' ') : words[i];
        spans.push(
          x < 0 ? `<tspan x="${n2(-x)}" text-anchor="end">${xmlEscape(text)}</tspan>` : `<tspan x="${n2(x)}">${xmlEscape(text)}</tspan>`,
        );
      }
    } else if (s.right) {
      spans.push(`<tspan x="${n2(s.x + s.w - 3)}" text-anchor="end">${xmlEscape(words.join(' '))}</tspan>`);
    } else {
      spans.push(`<tspan x="${n2(s.x + (s.indent ?? 4))}">${xmlEscape(value.trim())}</tspan>`);
    }
  }
  if (mark) spans.push(mark);
  return `${head}>${spans.join(' ')}</text>`;
}

// ------------------------------------------------------------------------------ PNG and PDF

const FONT_FILES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf',
];

let resvg: typeof ResvgModule | undefined;
/** @resvg/resvg-js is a native module: loaded at run time, never bundled. */
function loadResvg(): typeof ResvgModule {
  resvg ??= createRequire(__filename)('@resvg/resvg-js') as typeof ResvgModule;
  return resvg;
}

/** The SVG rendered by resvg, `scale` pixels a point (1: 612 x 792), with the system fonts. */
export function renderForm(svg: string, scale = 1): ReturnType<ResvgModule.Resvg['render']> {
  const { Resvg } = loadResvg();
  // resvg reads no CSS variables: a themed picture is rendered in its theme's fallback colours
  const plain = svg.replace(/var\(--[\w-]+,\s*([^)]+)\)/g, '$1');
  const r = new Resvg(plain, {
    fitTo: { mode: 'zoom', value: scale },
    font: {
      loadSystemFonts: true,
      fontFiles: FONT_FILES.filter((f) => existsSync(f)),
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
      monospaceFamily: 'DejaVu Sans Mono',
    },
    background: '#ffffff',
    logLevel: 'off',
  });
  return r.render();
}

export async function cms1500Png(svg: string, scale = 1): Promise<Buffer> {
  return renderForm(svg, scale).asPng();
}
