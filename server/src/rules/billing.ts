// Billing details: member ids, birth dates, NDCs, charges, practices and what an export needs.
// Except where a rule says "any workspace", these are judged only in a workspace with a
// `practice` block: a workspace that only checks coding is judged as before.
import type { ClaimBlock, DrugLine, PracticeBlock, ServiceLine } from '../language/syntax';
import { isPostOfficeBox } from '../language/billingFormats';
import { isMbi, ndcForm } from '../data/identifiers';
import { drugOfCode, recogniseDrug } from '../data/drugs';
import { isDrugCode, isTpi } from '../data/codes';
import { formatUsd, nationalFee } from '../data/fees';
import { isFacility, isTelehealth, POS_NAMES } from '../data/places';
import { yearOf } from '../model/dates';
import { localityPayment } from '../data/loaded';
import type { PolicyRef, WorkspaceIndex } from '../model/workspaceIndex';
import { lower } from '../model/workspaceIndex';
import { defineRules } from './rule';
import { appendToFile, fix, insertLinesAfter, replace, spanRange } from './edits';
import { cap, claimAnchor, claimName } from './structure';
import { isMedicare, policyName } from './policy';

const IDS_SOURCE = (what: string) => `${what} (docs/reference.md#billing-identifiers)`;
const EXPORT_SOURCE = 'X12 005010X222A1, the 837P professional claim: its required loops and elements (docs/reference.md#claim-form)';

/** The rate a payer pays of the Medicare amount: its `rate`, or 100% for Medicare; undefined when it states none. */
export function effectiveRate(policy: PolicyRef): number | undefined {
  return policy.policy.rate?.percent ?? (isMedicare(policy) ? 100 : undefined);
}

/** A percentage of an amount in cents, rounded to the cent, half up. */
export function percentOfCents(cents: number, percent: number): number {
  return Math.floor((cents * percent) / 100 + 0.5 + 1e-9);
}

/**
 * What a payer is expected to pay for a TPI line in cents: the national amount for the
 * claim's year and place of service times the payer's rate. Undefined where it is not known
 * or not judged: no date or rate, a telehealth place, an amount not in the bundled data.
 */
export function expectedPaymentCents(
  claim: ClaimBlock,
  line: ServiceLine,
  policy: PolicyRef,
  pos: string,
  practice?: PracticeBlock,
): number | undefined {
  return expectedPayment(claim, line, policy, pos, practice)?.cents;
}

/**
 * The expected payment of a TPI line and what it is based on: the Medicare amount of the
 * practice's locality for the claim's year when the CMS files are loaded (the computation shown),
 * else the national amount (labelled so), times the payer's rate.
 */
export function expectedPayment(
  claim: ClaimBlock,
  line: ServiceLine,
  policy: PolicyRef,
  pos: string,
  practice?: PracticeBlock,
): { cents: number; baseCents: number; basis: string; rate: number; local: boolean } | undefined {
  const iso = claim.date?.iso;
  if (!iso || !isTpi(line.code.value) || isTelehealth(pos)) return undefined;
  const rate = effectiveRate(policy);
  if (rate === undefined) return undefined;
  const year = yearOf(iso);
  const loc = practice?.locality;
  const local = loc?.rest
    ? localityPayment(line.code.value, year, isFacility(pos), { mac: loc.value.text, locality: loc.rest.text })
    : undefined;
  if (local)
    return {
      cents: percentOfCents(local.amountCents, rate),
      baseCents: local.amountCents,
      basis: `the ${local.label}: ${local.computation}`,
      rate,
      local: true,
    };
  const fee = nationalFee(line.code.value, year, isFacility(pos));
  if (fee.amount === undefined) return undefined;
  const base = Math.round(fee.amount * 100);
  return {
    cents: percentOfCents(base, rate),
    baseCents: base,
    basis: `the Medicare ${fee.year} national ${fee.setting} amount, ${formatUsd(fee.amount)}`,
    rate,
    local: false,
  };
}

/** An amount in cents written as a charge (`95.00`, or `$95.00` when the original had a `$`). */
function chargeText(cents: number, dollarSign: boolean): string {
  return `${dollarSign ? '$' : ''}${(cents / 100).toFixed(2)}`;
}

/** The workspace has a practice block: the billing-details rules that need one are judged. */
const billingWorkspace = (index: WorkspaceIndex) => index.practices.size > 0;

/** Placeholder lines `export-missing` inserts, in this order after the patient line. */
const PLACEHOLDERS: Record<'member' | 'born' | 'sex' | 'address', string> = {
  member: 'member <member-id>',
  born: 'born <YYYY-MM-DD>',
  sex: 'sex <F|M|U>',
  address: 'address <line1>, <city>, <ST> <ZIP>',
};

/** What an 837P needs that a claim (and its practice and payer) has no line for, in words. */
export function exportGaps(
  claim: ClaimBlock,
  policy: PolicyRef | undefined,
  index: WorkspaceIndex,
): { claimFields: (keyof typeof PLACEHOLDERS)[]; all: string[] } {
  const claimFields: (keyof typeof PLACEHOLDERS)[] = [];
  if (!claim.member) claimFields.push('member');
  if (!claim.born) claimFields.push('born');
  if (!claim.sex) claimFields.push('sex');
  if (!claim.address) claimFields.push('address');
  const all: string[] = claimFields.map((f) => (f === 'born' ? 'born (date of birth)' : f === 'member' ? 'member (member id)' : f));
  const uncharged = claim.lines.filter((l) => l.chargeCents === undefined);
  if (uncharged.length)
    all.push(
      `a charge on ${uncharged.length === claim.lines.length ? 'every line' : uncharged.map((l) => `line ${l.code.value}`).join(', ')}`,
    );
  // a `billed-by` that names no practice is unknown-practice's
  const practice = index.practiceFor(claim)?.practice;
  if (!practice && !claim.billedBy) all.push('a billing practice (billed-by)');
  if (practice) {
    const missing = (['npi', 'tin', 'address'] as const).filter((f) => !practice[f]);
    if (missing.length) all.push(`practice ${practice.id!.text}'s ${missing.join(', ')}`);
  }
  // an unknown payer is unknown-payer's
  if (policy && !policy.policy.payerId)
    all.push(
      `payer ${claim.payer!.value.text}'s payer-id${policy.builtin ? ' (define policy medicare with your contractor’s payer-id)' : ''}`,
    );
  return { claimFields, all };
}

export default defineRules([
  {
    id: 'mbi-format',
    family: 'Billing details',
    severity: 'error',
    summary:
      'A `member` id on a claim whose payer is `medicare` that is not a Medicare Beneficiary Identifier: 11 characters once hyphens are removed, position 1 a digit 1-9, 4, 7, 10 and 11 digits, 2, 5, 8 and 9 letters, 3 and 6 a letter or digit, never the letters S, L, O, I, B or Z (case is ignored). Any workspace.',
    why: 'Medicare rejects a claim whose MBI is malformed before it is processed; an old HICN (a Social Security number and a letter) is no longer accepted.',
    source: IDS_SOURCE('CMS, "Understanding the Medicare Beneficiary Identifier (MBI) Format"'),
    fixes: 'none',
    example: 'payer medicare\n  member 123-45-6789A',
    claim({ claim, report }) {
      const member = claim.member?.value;
      if (!member || !claim.payer || lower(claim.payer.value.value) !== 'medicare' || isMbi(member.text)) return;
      const bare = member.text.replace(/-/g, '').toUpperCase();
      const why =
        bare.length !== 11
          ? `it has ${bare.length} characters without hyphens, an MBI has 11`
          : /[SLOIBZ]/.test(bare)
            ? 'it uses a letter an MBI never has (S, L, O, I, B, Z)'
            : 'its letters and digits are not in the MBI pattern (digit 1-9, letter, letter or digit, digit, letter, letter or digit, digit, letter, letter, digit, digit)';
      report(member, `Member id ${member.text} is not a Medicare Beneficiary Identifier: ${why}. Check the patient's Medicare card.`);
    },
  },
  {
    id: 'born-after-service',
    family: 'Billing details',
    severity: 'error',
    summary: "A `born` date after the claim's date of service. Any workspace.",
    why: 'A patient cannot be treated before birth: the payer rejects the claim, and the date is usually a typo of the year.',
    source: 'The ClaimNote language, docs/LANGUAGE.md (docs/reference.md#language)',
    fixes: 'none',
    example: 'date 2026-03-04\n  born 2062-04-11',
    claim({ claim, report }) {
      const born = claim.born,
        date = claim.date;
      if (born?.iso && date?.iso && born.iso > date.iso)
        report(born.value, `Born ${born.iso} is after the date of service ${date.iso} of ${claimName(claim)}: check the year of birth.`);
    },
  },
  {
    id: 'ndc-format',
    family: 'Billing details',
    severity: 'error',
    summary: 'An `ndc` that is neither 11 digits (bare or 5-4-2) nor a hyphenated 10-digit NDC (4-4-2, 5-3-2, 5-4-1). Any workspace.',
    why: 'A claim carries the NDC as 11 digits; a 10-digit NDC without hyphens cannot be converted, because which segment needs the leading zero is not known.',
    source: IDS_SOURCE('FDA National Drug Code Directory; CMS and NUCC guidance on NDCs on claims'),
    fixes: 'none (a bare 10-digit NDC could be any of three forms)',
    example: 'drug triamcinolone 40 mg/mL 1 mL ndc 0003029305',
    claim({ claim, report }) {
      for (const d of claim.drugs) {
        const ndc = d.ndc;
        if (!ndc) continue;
        const form = ndcForm(ndc.text);
        if (form.kind === 'bare10')
          report(
            ndc,
            `NDC ${ndc.text} has 10 digits without hyphens: which segment is short (4-4-2, 5-3-2 or 5-4-1) cannot be known, so it cannot be sent as 11 digits. Write it with the hyphens on the package.`,
          );
        else if (form.kind === 'malformed')
          report(
            ndc,
            `NDC ${ndc.text} is not a National Drug Code: write 11 digits (00003029305 or 00003-0293-05) or the 10-digit code with its hyphens (4-4-2, 5-3-2 or 5-4-1).`,
          );
      }
    },
  },
  {
    id: 'ndc-missing',
    family: 'Billing details',
    severity: 'warning',
    summary:
      "A J-code line (JW lines included) whose payer has `requires-ndc`, on a claim where no `drug` line of that code's drug has an `ndc`, well formed or not (J2001 is lidocaine's; for J-codes of drugs ClaimNote does not know: no `drug` line has an NDC). Any workspace.",
    why: 'A payer that requires the NDC denies the drug line without it; the NDC of another drug on the claim is not the one the J-code bills.',
    source: IDS_SOURCE("The payer's policy (`requires-ndc`); CMS and NUCC guidance on NDCs on claims"),
    fixes: 'none',
    example: 'line J3301 units 4 dx A\n  drug triamcinolone 40 mg/mL 1 mL',
    claimInWorkspace({ ref, policy, report }) {
      if (!policy?.policy.requiresNdc) return;
      const claim = ref.claim;
      for (const line of claim.lines) {
        if (!isDrugCode(line.code.value)) continue;
        const drug = drugOfCode(line.code.value);
        const lines: DrugLine[] = drug ? claim.drugs.filter((d) => recogniseDrug(d.name.text)?.id === drug.id) : claim.drugs;
        if (lines.some((d) => d.ndc)) continue;
        const whose = drug ? `the ${drug.id}` : 'the drug';
        report(
          ref.uri,
          line.code,
          `${cap(policyName(policy))} requires the NDC of drugs billed with J-codes, and no drug line of ${claimName(claim)} gives ${whose}'s for ${line.code.value}: add \`ndc <NDC>\` to ${drug ? `its ${drug.id} drug line` : 'the drug line'}.`,
        );
      }
    },
  },
  {
    id: 'charge-below-payment',
    family: 'Billing details',
    severity: 'warning',
    summary:
      "A TPI line whose `charge` is below the expected payment: the national amount for the claim's year and place of service (rounded to the cent) times the payer's `rate` (100% for Medicare), rounded to the cent, half up. Not judged where the amount is unknown, at telehealth places of service, or for a payer with no `rate`. Any workspace.",
    why: 'Medicare pays the lesser of the charge and the fee schedule amount, and payers that pay a percentage of it do the same: a charge below the expected payment gives money away.',
    source: IDS_SOURCE('Social Security Act section 1848(a)(1); Medicare Physician Fee Schedule (CMS), national amounts'),
    fixes: 'Set the charge to the expected payment (not preferred: the practice sets its charges).',
    example: 'payer medicare\n  line 20552-RT dx A charge 45.00',
    claimInWorkspace({ ref, policy, index, report }) {
      if (!policy) return;
      const claim = ref.claim;
      const pos = ref.facts.pos;
      const practice = index.practiceFor(claim)?.practice;
      for (const line of claim.lines) {
        if (line.chargeCents === undefined || !line.charge) continue;
        const e = expectedPayment(claim, line, policy, pos, practice);
        if (e === undefined || line.chargeCents >= e.cents) continue;
        const how = e.rate === 100 ? e.basis : `${e.rate}% of ${e.basis} = ${formatUsd(e.cents / 100)}`;
        const amount = chargeText(e.cents, line.charge.text.startsWith('$'));
        report(
          ref.uri,
          line.charge,
          `Charge ${formatUsd(line.chargeCents / 100)} for ${line.code.value} is below what ${policyName(policy)} pays: ${how} (place of service ${pos}${POS_NAMES[pos] ? ` ${POS_NAMES[pos]}` : ''}). The payer pays the lesser of the charge and that amount.`,
          { fixes: [fix(`Set the charge to ${amount}`, [replace(line.charge, amount)])] },
        );
      }
    },
  },
  {
    id: 'unknown-practice',
    family: 'Billing details',
    severity: 'error',
    summary: "A claim's `billed-by` names no `practice` block in the workspace. Any workspace.",
    why: 'The billing provider (its NPI, tax id and address) comes from the practice block: without it the claim cannot be sent.',
    source: 'The ClaimNote language, docs/LANGUAGE.md (docs/reference.md#language)',
    fixes: 'Insert a `practice` skeleton with its id and a placeholder name at the end of the file.',
    example: 'billed-by WESTSIDE',
    claimInWorkspace({ ref, index, file, report }) {
      const by = ref.claim.billedBy?.value;
      if (!by || index.practices.has(lower(by.value))) return;
      const known = [...index.practices.values()].map((refs) => refs[0].practice.id!.text);
      report(
        ref.uri,
        by,
        `Practice ${by.text} is not defined in the workspace: add a practice ${by.text} block${known.length ? `, or bill under ${known.join(', ')}` : ''}.`,
        {
          fixes: [
            fix(`Add a practice ${by.text} at the end of the file`, [
              appendToFile(file, [`practice ${by.text} "<Practice name>"`, '  # the billing provider: npi, tin, address, phone']),
            ]),
          ],
        },
      );
    },
  },
  {
    id: 'duplicate-practice',
    family: 'Billing details',
    severity: 'error',
    summary: 'Two `practice` blocks with the same id (case is ignored); claims use the first.',
    why: 'A practice id names one billing provider; two blocks with one id leave it unclear which NPI and tax id a claim goes out under.',
    source: 'The ClaimNote language, docs/LANGUAGE.md (docs/reference.md#language)',
    fixes: 'none',
    example: 'practice RIVERSIDE\n\npractice riverside',
    workspace({ index, report }) {
      for (const refs of index.practices.values()) {
        for (const ref of refs.slice(1)) {
          report(
            ref.uri,
            ref.practice.id!,
            `Practice ${ref.practice.id!.text} is defined more than once (first as ${refs[0].practice.id!.text}): keep one. Claims use the first.`,
            { related: [{ uri: refs[0].uri, range: spanRange(refs[0].practice.id!), message: 'the practice claims use' }] },
          );
        }
      }
    },
  },
  {
    id: 'practice-missing',
    family: 'Billing details',
    severity: 'warning',
    summary: 'A claim without `billed-by` in a workspace with two or more practices (distinct ids).',
    why: 'With more than one practice, which one bills the claim (whose NPI and tax id it goes out under) must be said.',
    source: 'The ClaimNote language, docs/LANGUAGE.md (docs/reference.md#language)',
    fixes: 'One fix per practice: insert `billed-by <id>`.',
    example: 'claim C-1\n  payer medicare',
    claimInWorkspace({ ref, index, file, report }) {
      const claim = ref.claim;
      if (claim.billedBy || index.practices.size < 2) return;
      const ids = [...index.practices.values()].map((refs) => refs[0].practice.id!.text);
      const after = claim.payer?.line ?? claim.startLine;
      report(
        ref.uri,
        claimAnchor(claim),
        `${cap(claimName(claim))} names no practice, and the workspace has ${ids.length} (${ids.join(', ')}): add \`billed-by <id>\`.`,
        { fixes: ids.map((id) => fix(`Insert billed-by ${id}`, [insertLinesAfter(file, after, [`  billed-by ${id}`])])) },
      );
    },
  },
  {
    id: 'billing-address',
    family: 'Billing details',
    severity: 'warning',
    summary:
      'A practice `address` whose first address line is a post office box (`PO Box`, `P.O. Box`, `Post Office Box`, any case) or whose ZIP code has 5 digits.',
    why: 'An 837P billing provider needs a street address with ZIP+4; clearinghouses reject a post office box or a 5-digit ZIP there (a pay-to address may be a box).',
    source: IDS_SOURCE('Clearinghouse edits of the 837P billing provider loop 2010AA'),
    fixes: 'none',
    example: 'practice P\n  address P.O. Box 4410, Fresno, CA 93744-4410',
    practice({ practice, report }) {
      const a = practice.address;
      if (!a) return;
      const problems: string[] = [];
      if (isPostOfficeBox(a.line1)) problems.push(`its first line (${a.line1}) is a post office box, not a street address`);
      if (a.zip.length === 5) problems.push(`its ZIP code ${a.zip} has 5 digits, not ZIP+4`);
      if (problems.length)
        report(
          a.value,
          `The billing address of ${practiceName(practice)} cannot go on an 837P: ${problems.join(', and ')}. Use the street address with its 9-digit ZIP code.`,
        );
    },
  },
  {
    id: 'export-missing',
    family: 'Billing details',
    severity: 'info',
    summary:
      "A claim that has no line for something an 837P needs: `member`, `born`, `sex`, `address`, a `charge` on every line, a practice (its own `billed-by` or the workspace's only one), that practice's `npi`, `tin` and `address`, and its payer's `payer-id`. One diagnostic a claim, naming everything missing. A line that is there but invalid is judged by its own rule.",
    why: 'A claim that lacks these cannot be exported as an X12 837P; the export leaves it out and says why.',
    source: EXPORT_SOURCE,
    fixes: 'Insert the missing claim lines (`member`, `born`, `sex`, `address`) with placeholders to replace (not preferred).',
    example: 'claim C-1\n  patient P-1\n  payer medicare',
    claimInWorkspace({ ref, policy, index, file, report }) {
      if (!billingWorkspace(index)) return;
      const claim = ref.claim;
      const { claimFields, all } = exportGaps(claim, policy, index);
      if (!all.length) return;
      // a field whose line was dropped for a syntax error gets no second line: the syntax error is its root cause
      const dropped = new Set(claim.errors.map((e) => e.kw));
      const insert = claimFields.filter((f) => !dropped.has(f));
      const after = claim.patient?.line ?? claim.startLine;
      report(ref.uri, claimAnchor(claim), `${cap(claimName(claim))} cannot be exported as an 837P yet: it lacks ${all.join('; ')}.`, {
        fixes: insert.length
          ? [
              fix(`Insert ${insert.join(', ')} line${insert.length > 1 ? 's' : ''} to fill in`, [
                insertLinesAfter(
                  file,
                  after,
                  insert.map((f) => `  ${PLACEHOLDERS[f]}`),
                ),
              ]),
            ]
          : [],
      });
    },
  },
]);

function practiceName(p: PracticeBlock): string {
  return `practice ${p.id?.text ?? ''}`.trim();
}
