// Codes and pointers: ICD-10-CM validity, diagnosis pointers, unknown CPT/HCPCS codes.
import type { IcdEntry, ServiceLine, Tok } from '../language/syntax';
import { dottedIcd } from '../language/lexicon';
import { icdDescription, ICD10CM_YEAR } from '../data/icd10';
import { icdSetOn } from '../data/icdByDate';
import { catalogueMuscle } from '../data/muscles';
import type { CountedMuscle } from '../model/claim';
import { CODES } from '../data/codes';
import { defineRules, Fix } from './rule';
import { deleteLines, fix, icdInStyle, replace } from './edits';
import { cap, claimName } from './structure';

/** Whether a line of `lines` points to `letter`. */
function pointsTo(lines: readonly ServiceLine[], letter: string): boolean {
  for (const l of lines) if (l.dx) for (const p of l.dx.pointers) if (p.value === letter) return true;
  return false;
}

/** "Replace with M79.12 (Myalgia of auxiliary muscles, head and neck)": the description where ClaimNote has one. */
function replacementTitle(code: string): string {
  const desc = icdDescription(code);
  return `Replace with ${dottedIcd(code)}${desc ? ` (${desc})` : ''}`;
}

const MASTICATION = new Set(['temporalis', 'masseter', 'medial pterygoid', 'lateral pterygoid']);

/**
 * The billable M79.1x that fits the claim's counted catalogue muscles: M79.11 when every one
 * is a mastication muscle, else M79.12 when every one lies in the head or neck, else M79.18;
 * none without catalogue muscles.
 */
export function myalgiaFor(muscles: readonly CountedMuscle[]): string | undefined {
  const known = muscles
    .filter((m) => m.kind === 'catalogue')
    .map((m) => catalogueMuscle(m.name)!)
    .filter(Boolean);
  if (!known.length) return undefined;
  if (known.every((m) => MASTICATION.has(m.name))) return 'M7911';
  if (known.every((m) => m.regions.some((r) => r === 'head' || r === 'neck'))) return 'M7912';
  return 'M7918';
}

export default defineRules([
  {
    id: 'icd-format',
    family: 'Codes and pointers',
    severity: 'error',
    summary:
      'A diagnosis (or `covers`/`excludes` entry) not shaped like an ICD-10-CM code: a letter, a digit, a letter or digit, then up to four letters or digits, with a dot only after the third character.',
    why: 'A malformed code is rejected by every payer.',
    source: 'ICD-10-CM code structure, CMS and NCHS (docs/reference.md#icd-10-cm)',
    fixes: 'none',
    example: 'diagnosis A 79.18',
    claim({ facts, report }) {
      for (const d of facts.diagnoses.values()) {
        if (!d.wellFormed)
          report(
            d.code,
            `"${d.code.text}" is not shaped like an ICD-10-CM code: correct it. A code is a letter, a digit, a letter or digit, then up to four letters or digits, with a dot only after the third character.`,
          );
      }
    },
    policy({ policy, report }) {
      const entries: IcdEntry[] = [...policy.covers, ...policy.excludes].flatMap((l) => l.entries);
      for (const e of entries) if (!e.wellFormed) report(e, `"${e.text}" is not shaped like an ICD-10-CM code or category: correct it.`);
    },
  },
  {
    id: 'icd-not-billable',
    family: 'Codes and pointers',
    severity: 'error',
    summary: 'A category or subcategory that has billable children, such as M79.1 or G44.20.',
    why: 'Only the most specific (billable) codes can be reported; a header code is denied. M79.1 "Myalgia" stopped being billable on 1 October 2022.',
    source: `CMS and NCHS FY${ICD10CM_YEAR} ICD-10-CM code files (docs/reference.md#icd-10-cm)`,
    fixes:
      'Replace with each billable code that extends it by the fewest characters (at most 10, in code order), each titled with its description where ClaimNote has one; for M79.1 on a claim with catalogue muscles the code that fits them is preferred: M79.11 when every counted catalogue muscle is a mastication muscle, else M79.12 when every one lies in the head or neck, else M79.18.',
    example: 'diagnosis A M79.1',
    claim({ claim, facts, report }) {
      const set = icdSetOn(claim.date?.iso);
      for (const d of facts.diagnoses.values()) {
        if (!d.wellFormed || set.status(d.code.value) !== 'header') continue;
        const children = set.children(d.code.value, 10);
        const fits = d.code.value === 'M791' ? myalgiaFor(facts.muscles) : undefined;
        const fixes: Fix[] = children.map((c) => fix(replacementTitle(c), [replace(d.code, icdInStyle(c, d.code.text))], c === fits));
        const list = children.map(dottedIcd).join(', ');
        const use = fits
          ? `use ${dottedIcd(fits)}, which fits the claim's muscles`
          : list.length <= 50
            ? `use ${list}`
            : `use one of its ${children.length} billable codes`;
        report(
          d.code,
          `${dottedIcd(d.code.value)} is not billable (a header): ${use}. FY${set.year} ICD-10-CM reports only its billable codes: ${list}.`,
          { fixes },
        );
      }
    },
  },
  {
    id: 'icd-unknown',
    family: 'Codes and pointers',
    severity: 'error',
    summary: 'A well-formed code that is neither billable nor a prefix of a billable FY2026 ICD-10-CM code.',
    why: 'A code that does not exist in the code set in force on the date of service is rejected.',
    source: `CMS and NCHS FY${ICD10CM_YEAR} ICD-10-CM code files (docs/reference.md#icd-10-cm)`,
    fixes:
      'Replace with a billable code one edit away: those sharing its first three characters where any do, else its first character; at most 5, in code order.',
    example: 'diagnosis A M79.19',
    claim({ claim, facts, report }) {
      const set = icdSetOn(claim.date?.iso);
      for (const d of facts.diagnoses.values()) {
        if (!d.wellFormed || set.status(d.code.value) !== 'unknown') continue;
        const near = set.near(d.code.value, 5);
        report(
          d.code,
          `${dottedIcd(d.code.value)} is not an FY${set.year} ICD-10-CM code${set.wanted ? ` (no code set of FY${set.wanted}, the year of the date of service, is loaded: the nearest one is used)` : ''}: ${near.length ? `did you mean ${near.map(dottedIcd).join(', ')}?` : 'check the code.'}`,
          {
            fixes: near.map((c) => fix(replacementTitle(c), [replace(d.code, icdInStyle(c, d.code.text))])),
          },
        );
      }
    },
  },
  {
    id: 'dx-pointer-undefined',
    family: 'Codes and pointers',
    severity: 'error',
    summary: 'A line points to a letter that no `diagnosis` defines.',
    why: 'A pointer to an empty diagnosis slot makes the line unprocessable.',
    source: 'NUCC 1500 claim form, item 24E: the diagnosis pointer (docs/reference.md#claim-form)',
    fixes: 'none',
    example: 'line 20552 dx C',
    claim({ claim, facts, report }) {
      for (const l of claim.lines) {
        if (!l.dx) continue;
        for (const p of l.dx.pointers) {
          if (facts.diagnoses.has(p.value)) continue;
          const defined = [...facts.diagnoses.keys()].sort().join(', ') || 'none';
          report(
            p,
            `Line ${l.code.value} points to diagnosis ${p.value}, which is not defined: ${defined === 'none' ? `define diagnosis ${p.value}` : `point to ${defined}, or define ${p.value}`}. ${cap(claimName(claim))} defines ${defined === 'none' ? 'no diagnosis' : defined}.`,
          );
        }
      }
    },
  },
  {
    id: 'dx-pointer-missing',
    family: 'Codes and pointers',
    severity: 'error',
    summary: 'A service line without `dx`.',
    why: 'Every service line must point to the diagnosis that justifies it.',
    source: 'NUCC 1500 claim form, item 24E: the diagnosis pointer (docs/reference.md#claim-form)',
    fixes: 'Add `dx A` when the claim has exactly one diagnosis (preferred).',
    example: 'line 20552 mod RT',
    claim({ claim, facts, report }) {
      for (const l of claim.lines) {
        if (l.dx) continue;
        const only = facts.diagnoses.size === 1 ? [...facts.diagnoses.keys()][0] : undefined;
        report(
          l.code,
          `Line ${l.code.value} has no diagnosis pointer: add dx ${only ?? 'and the letter of its diagnosis'}. A service line must point to the diagnosis it treats.`,
          {
            fixes: only ? [fix(`Add dx ${only}`, [replace({ line: l.line, start: l.end, end: l.end }, ` dx ${only}`)], true)] : [],
          },
        );
      }
    },
  },
  {
    id: 'diagnosis-unused',
    family: 'Codes and pointers',
    severity: 'info',
    summary: 'A diagnosis that no line points to.',
    why: 'A diagnosis no line points to supports nothing on the claim; it may be a forgotten pointer.',
    source: 'NUCC 1500 claim form, items 21 and 24E (docs/reference.md#claim-form)',
    fixes: "Delete the diagnosis line (not offered for the claim's only diagnosis).",
    example: 'diagnosis B M62.838',
    claim({ file, claim, facts, report }) {
      const firsts = facts.diagnoses.values();
      for (const d of firsts) {
        if (pointsTo(claim.lines, d.letter.value)) continue;
        // the fix deletes every line defining the letter: a second (ignored) definition left
        // behind would become the diagnosis and be unused in its turn
        const lines = claim.diagnoses.filter((x) => x.letter.value === d.letter.value).map((x) => x.line);
        report(
          d.letter,
          `Diagnosis ${d.letter.value} (${d.code.text}) is unused: point a line to it, or delete it. No line of ${claimName(claim)} points to ${d.letter.value}.`,
          {
            unnecessary: true,
            fixes: firsts.length > 1 ? [fix(`Delete diagnosis ${d.letter.value}`, deleteLines(file, lines))] : [],
          },
        );
      }
    },
  },
  {
    id: 'unknown-code',
    family: 'Codes and pointers',
    severity: 'info',
    summary: "A CPT/HCPCS code that is not in ClaimNote's catalogue (it may still be valid).",
    why: 'ClaimNote checks only the codes it knows; the rules cannot judge this one.',
    source: 'ClaimNote catalogue of codes (docs/reference.md#catalogues)',
    fixes: 'none',
    example: 'line 12345 dx A',
    claim({ claim, report }) {
      const unknown = (t: Tok) => {
        if (!CODES.has(t.value)) report(t, `${t.value} is not in ClaimNote's code catalogue: no rule checks it. It may still be valid.`);
      };
      for (const l of claim.lines) unknown(l.code);
      for (const p of claim.priors) unknown(p.code);
    },
  },
]);
