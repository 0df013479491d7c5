// Structure: syntax, fields, ids, dates, NPI, place of service, payers and policies.
import type { ClaimBlock, DuplicateLine, LineNode, Span, SyntaxError, Tok } from '../language/syntax';
import { keywordOf } from '../language/syntax';
import { KNOWN_POS, POS_NAMES } from '../data/places';
import { defineRules, Related, Report } from './rule';
import { appendToFile, deleteLine, fix, insertLinesAfter, replace, spanRange } from './edits';
import { lookupTable } from '../data/lookup';
import { npiCheckDigitValid } from '../data/identifiers';

/** Where claim-level diagnostics start: the claim id, or the keyword when the id is missing. */
export function claimAnchor(claim: ClaimBlock): Span {
  return claim.id ?? claim.keyword;
}

/** The block property that holds the first line of a field (`billed-by` is `billedBy`). */
function fieldProperty(field: DuplicateLine['field']): string {
  return field.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** A line's value as a diagnostic names it: ` (value)`, or nothing. */
function describeLine(n: unknown): string {
  const x = n as { percent?: number; per?: number; unit?: string; days?: number; value?: Tok; rest?: Tok } | undefined;
  if (x?.percent !== undefined) return ` (${x.percent}%)`;
  if (x?.per !== undefined) return ` (${x.per} ${x.unit})`;
  if (x?.days !== undefined) return ` (${x.days} days)`;
  if (x?.value) return ` (${x.value.text}${x.rest && x.value.line === x.rest.line && x.rest.start > x.value.end ? ` ${x.rest.text}` : ''})`;
  return '';
}

/** Reports a second line of a single field in a block (warning): the first is used. */
function reportDuplicates(
  file: { uri: string },
  block: { duplicates: DuplicateLine[] },
  where: string,
  report: Report,
  deleteFix: (line: number) => ReturnType<typeof deleteLine>,
): void {
  for (const d of block.duplicates) {
    const first = (block as unknown as Record<string, LineNode | undefined>)[fieldProperty(d.field)];
    report(
      keywordOf(d.node),
      `Second ${d.field} line${describeLine(d.node)} in ${where}: delete one. The first${describeLine(first)} is used and this one is ignored.`,
      {
        severity: 'warning',
        fixes: [fix(`Delete this ${d.field} line`, [deleteFix(d.node.line)])],
        related: first ? [{ uri: file.uri, range: spanRange(keywordOf(first)), message: `the first ${d.field} line` }] : undefined,
      },
    );
  }
}

export function claimName(claim: ClaimBlock): string {
  return claim.id ? `claim ${claim.id.text}` : 'this claim';
}

/** A message as a sentence: its first letter upper case. */
export function cap(text: string): string {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}

/** Plain text for the Problems panel and the light bulb: markdown backticks become quotes. */
export function plain(text: string): string {
  return text.replace(/`([^`]*)`/g, '"$1"').replace(/`/g, '"');
}

/**
 * A parser message as a diagnostic: plain text, a sentence, and, when its first clause runs
 * long, the problem first and the details after (its first colon becomes a full stop).
 */
function syntaxMessage(message: string): string {
  let m = cap(plain(message));
  const end = m.search(/\.\s/);
  if ((end < 0 ? m.length : end) >= 100) {
    const colon = m.indexOf(': ');
    if (colon > 0) m = `${m.slice(0, colon)}. ${cap(m.slice(colon + 2))}`;
  }
  return m;
}

function reportSyntax(e: SyntaxError, report: Report): void {
  report(e, syntaxMessage(e.message), { fixes: e.fix ? [fix(plain(e.fix.title), [replace(e, e.fix.newText)], true)] : [] });
}

/** The other claims a duplicate-claim-id finding points at, at most. */
const MAX_RELATED = 20;

const SKELETONS = lookupTable<string>({
  patient: 'patient <patient-id>',
  payer: 'payer <payer-id>',
  date: 'date <YYYY-MM-DD>',
  diagnosis: 'diagnosis A <ICD-10-CM>',
  line: 'line <CPT> dx A',
});

export default defineRules([
  {
    id: 'syntax',
    family: 'Structure',
    severity: 'error',
    summary:
      'A line that does not parse: unknown keyword, malformed date, code, modifier, number, id or pointer, a repeated part of a service line, a missing argument, or a stray line before the first block.',
    why: 'A line ClaimNote cannot read is a line a clearinghouse cannot read either; the rest of the file is still checked.',
    source: 'The ClaimNote language, docs/LANGUAGE.md (docs/reference.md#language)',
    fixes: 'A date written MM/DD/YYYY is rewritten as ISO YYYY-MM-DD (preferred).',
    example: 'date 03/04/2026',
    file({ file, report }) {
      for (const e of file.preamble) reportSyntax(e, report);
    },
    block({ block, report }) {
      for (const e of block.errors) reportSyntax(e, report);
    },
  },
  {
    id: 'unreadable-file',
    family: 'Structure',
    severity: 'error',
    summary: 'A file that cannot be read or is not valid UTF-8.',
    why: 'Nothing in it can be checked; a claim in it would be silently missed.',
    source: 'ClaimNote (docs/reference.md#language)',
    fixes: 'none',
    file({ file, report }) {
      if (file.unreadable) report({ line: 0, start: 0, end: 0 }, `Cannot check this file: ${file.unreadable}`);
    },
  },
  {
    id: 'missing-field',
    family: 'Structure',
    severity: 'error',
    summary: 'A claim without `patient`, `payer`, `date`, any `diagnosis`, or any `line` (one diagnostic per missing field).',
    why: 'A claim form needs the patient, the payer, the date of service, at least one diagnosis and at least one service line.',
    source: 'NUCC 1500 claim form and X12 837P required data; the ClaimNote language (docs/reference.md#claim-form)',
    fixes: 'Insert a skeleton line for the field, with a placeholder to replace.',
    example: 'claim C-1\n  payer medicare',
    claim({ file, claim, report }) {
      const missing: string[] = [];
      if (!claim.patient) missing.push('patient');
      if (!claim.payer) missing.push('payer');
      if (!claim.date) missing.push('date');
      if (!claim.diagnoses.length) missing.push('diagnosis');
      if (!claim.lines.length) missing.push('line');
      // a field whose line is there but was dropped for a syntax error is not missing: the
      // syntax diagnostic (with its fix) is the one root cause
      const dropped = new Set(claim.errors.filter((e) => e.line !== claim.startLine).map((e) => e.kw));
      for (const field of missing) {
        if (dropped.has(field)) continue;
        const what = field === 'line' ? 'no service line ("line")' : `no "${field}" line`;
        report(
          claimAnchor(claim),
          `${cap(claimName(claim))} has ${what}: add one. A claim needs a patient, a payer, a date, a diagnosis and a service line.`,
          {
            fixes: [fix(`Insert a ${field} line`, [insertLinesAfter(file, claim.startLine, ['  ' + SKELETONS[field]])])],
          },
        );
      }
    },
  },
  {
    id: 'duplicate-field',
    family: 'Structure',
    severity: 'error',
    summary:
      'A second `patient`, `payer`, `date` (error), `pos`, `provider`, `auth`, `billed-by`, `member`, `born`, `sex`, `address`, `replaces` (warning) in one claim, a second `rate`, `interval`, `payer-id`, `claim-type` or `appeal-window` (warning) in one policy, or a second line of any kind in one practice (warning). The first wins.',
    why: 'A claim has one patient, payer, date of service, place of service, rendering provider, authorization, billing provider and one set of billing details; a payer and a practice have one of each setting. A second line is ignored and probably a mistake.',
    source: 'The ClaimNote language, docs/LANGUAGE.md (docs/reference.md#language)',
    fixes: 'Delete the line.',
    example: 'date 2026-03-01\n  date 2026-03-02',
    claim({ file, claim, report }) {
      for (const d of claim.duplicates) {
        const first = claim[fieldProperty(d.field) as keyof ClaimBlock] as (LineNode & { value?: Tok }) | undefined;
        const severe = d.field === 'patient' || d.field === 'payer' || d.field === 'date';
        const second = (d.node as { value?: Tok }).value;
        report(
          keywordOf(d.node),
          `Second ${d.field} line${second ? ` (${second.text})` : ''} in ${claimName(claim)}: delete one. The first${first?.value ? ` (${first.value.text})` : ''} is used and this one is ignored.`,
          {
            severity: severe ? 'error' : 'warning',
            // not preferred: which of the two lines is right is the biller's call
            fixes: [fix(`Delete this ${d.field} line`, [deleteLine(file, d.node.line)])],
            related: first ? [{ uri: file.uri, range: spanRange(keywordOf(first)), message: `the first ${d.field} line` }] : undefined,
          },
        );
      }
    },
    policy({ file, policy, report }) {
      reportDuplicates(file, policy, `policy ${policy.id?.text ?? ''}`.trim(), report, (line) => deleteLine(file, line));
    },
    practice({ file, practice, report }) {
      reportDuplicates(file, practice, `practice ${practice.id?.text ?? ''}`.trim(), report, (line) => deleteLine(file, line));
    },
  },
  {
    id: 'duplicate-claim-id',
    family: 'Structure',
    severity: 'error',
    summary: 'The same claim id twice in the workspace (every `.claim` file); both are reported, each pointing at the other.',
    why: 'A claim id identifies one claim; two claims with one id get mixed up in follow-up, appeals and payment posting.',
    source: 'The ClaimNote language, docs/LANGUAGE.md (docs/reference.md#language)',
    fixes: 'none',
    sameId({ refs, report }) {
      if (refs.length < 2) return;
      for (const ref of refs) {
        // the first others only: every claim listing every other is quadratic (20,000 claims
        // with one id: 400 million related locations)
        const related: Related[] = [];
        for (const o of refs) {
          if (o === ref) continue;
          if (related.length === MAX_RELATED) break;
          related.push({ uri: o.uri, range: spanRange(o.claim.id!), message: `claim ${o.claim.id!.text} is also defined here` });
        }
        report(
          ref.uri,
          ref.claim.id!,
          `Claim id ${ref.claim.id!.text} is used by ${refs.length} claims: give each claim its own id. Claim ids must be unique in the workspace.`,
          { related },
        );
      }
    },
  },
  {
    id: 'duplicate-diagnosis',
    family: 'Structure',
    severity: 'error',
    summary: 'Two `diagnosis` lines with the same letter in one claim; the second is otherwise ignored.',
    why: 'A pointer letter must name one diagnosis, or the payer cannot tell which diagnosis a line points to.',
    source: 'NUCC 1500 claim form, item 21: diagnoses A-L (docs/reference.md#claim-form)',
    fixes: 'none',
    claim({ uri, claim, facts, report }) {
      for (const d of claim.diagnoses) {
        const first = facts.diagnoses.get(d.letter.value)!;
        if (first === d) continue;
        report(
          d.letter,
          `Diagnosis ${d.letter.value} is defined twice in ${claimName(claim)}: give ${d.code.text} another letter. The first (${first.code.text}) is used and this ${d.code.text} is ignored.`,
          {
            related: [{ uri, range: spanRange(first.letter), message: `diagnosis ${d.letter.value} first defined here` }],
          },
        );
      }
    },
  },
  {
    id: 'invalid-date',
    family: 'Structure',
    severity: 'error',
    summary: 'A well-formed date that is not a calendar date, such as 2026-02-30.',
    why: 'A date of service that does not exist is rejected; the claim also takes no part in frequency and interval checks.',
    source: 'The ClaimNote language, docs/LANGUAGE.md (docs/reference.md#language)',
    fixes: 'none',
    example: 'date 2026-02-30',
    claim({ claim, report }) {
      if (claim.date && !claim.date.iso) report(claim.date.value, `${claim.date.value.text} is not a calendar date: correct the date.`);
      for (const p of claim.priors) if (!p.iso) report(p.date, `${p.date.text} is not a calendar date: correct the date.`);
    },
  },
  {
    id: 'invalid-npi',
    family: 'Structure',
    severity: 'error',
    summary:
      "A provider NPI, or a practice's `npi`, that is not 10 digits or fails the NPI check digit (Luhn over 80840 and the first nine digits).",
    why: 'Claims with an invalid rendering or billing provider NPI are rejected before adjudication.',
    source:
      'CMS NPI standard, as NPPES assigns NPIs: the check digit is the ISO/IEC 7812 Luhn formula with the prefix 80840 (docs/reference.md#npi)',
    fixes: 'none',
    example: 'provider 1234567890',
    claim({ claim, report }) {
      checkNpi(claim.provider?.value, report);
    },
    practice({ practice, report }) {
      checkNpi(practice.npi?.value, report);
    },
  },
  {
    id: 'unknown-pos',
    family: 'Structure',
    severity: 'warning',
    summary: 'A place of service other than 02, 10, 11, 12, 19, 21, 22, 23, 24, 31, 32, 49, 71, 72.',
    why: 'The place of service decides facility or non-facility payment; an unexpected code is usually a typo.',
    source:
      'CMS Place of Service Code Set; ClaimNote catalogue of the places seen with trigger point injections (docs/reference.md#place-of-service)',
    fixes: 'none',
    example: 'pos 99',
    claim({ claim, report }) {
      const pos = claim.pos?.value;
      if (pos && !KNOWN_POS.has(pos.text))
        report(
          pos,
          `Place of service ${pos.text} is not one ClaimNote knows: check it. Known: ${[...KNOWN_POS].map((p) => `${p} ${POS_NAMES[p]}`).join(', ')}.`,
        );
    },
  },
  {
    id: 'unknown-payer',
    family: 'Structure',
    severity: 'error',
    summary: '`payer` names neither `medicare` nor a `policy` defined anywhere in the workspace.',
    why: "Without the payer's policy ClaimNote cannot check coverage, frequency limits or authorization.",
    source: 'The ClaimNote language, docs/LANGUAGE.md (docs/reference.md#language)',
    fixes: 'Insert a `policy` skeleton for the payer at the end of the file.',
    example: 'payer bluecross',
    workspace({ index, files, report }) {
      const known = new Map<string, boolean>();
      for (const ref of index.claims) {
        const payer = ref.claim.payer?.value;
        if (!payer) continue;
        let ok = known.get(payer.value);
        if (ok === undefined) known.set(payer.value, (ok = !!index.policyFor(payer.value)));
        if (ok) continue;
        const file = files.get(ref.uri)!;
        report(
          ref.uri,
          payer,
          `Payer ${payer.text} has no policy: define policy ${payer.text} in the workspace, or bill medicare. Its rules (limits, rate, coverage) are unknown until then.`,
          {
            fixes: [
              fix(`Add a policy for ${payer.text} at the end of the file`, [
                appendToFile(file, [
                  `policy ${payer.text}`,
                  "  # this payer's rules: limit, interval, requires-auth, rate, covers, excludes",
                ]),
              ]),
            ],
          },
        );
      }
    },
  },
  {
    id: 'duplicate-policy',
    family: 'Structure',
    severity: 'error',
    summary: 'Two `policy` blocks with the same payer id in the workspace (one user `policy medicare` is fine); claims use the first.',
    why: 'Two policies for one payer give two answers; only the first is used.',
    source: 'The ClaimNote language, docs/LANGUAGE.md (docs/reference.md#language)',
    fixes: 'none',
    workspace({ index, report }) {
      for (const refs of index.policies.values()) {
        for (const ref of refs.slice(1)) {
          report(ref.uri, ref.policy.id!, `Policy ${ref.policy.id!.text} is defined more than once: keep one. Claims use the first.`, {
            related: [{ uri: refs[0].uri, range: spanRange(refs[0].policy.id!), message: 'the policy claims use' }],
          });
        }
      }
    },
  },
]);

/** An NPI's length and check digit (invalid-npi). */
function checkNpi(npi: Tok | undefined, report: Report): void {
  if (!npi) return;
  if (npi.text.length !== 10) report(npi, `NPI ${npi.text} has ${npi.text.length} digits: an NPI has 10, check the number.`);
  else if (!npiCheckDigitValid(npi.text))
    report(
      npi,
      `NPI ${npi.text} fails the NPI check digit: check the number. By the Luhn check over 80840 + the first nine digits, its last digit cannot be ${npi.text[9]}.`,
    );
}
