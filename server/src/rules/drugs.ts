// Drugs and supplies: J-codes, units, deleted codes, facility billing, anaesthetic, botulinum toxin.
import { BOTOX, isChemodenervation, isDrugCode, isProcedure, isTpi } from '../data/codes';
import { DELETED_METHYLPRED, DRUGS, METHYLPRED_DELETION_DATE, UNIT_CODES, milligrams, recogniseDrug } from '../data/drugs';
import { isFacility, isTelehealth, POS_NAMES } from '../data/places';
import { hasModifier } from '../model/claim';
import type { ClaimFile, ServiceLine } from '../language/syntax';
import { defineRules, TextEdit } from './rule';
import { deleteLine, fix, insertLinesAfter, replace, setUnits } from './edits';
import { cap, claimName } from './structure';

const DRUG_SOURCE = 'CMS HCPCS Level II code descriptors and billing units (docs/reference.md#drugs)';

/** Billing units for a dose: the milligrams divided by the unit size, rounded up. */
export function unitsFor(mg: number, unitMg: number): number {
  return Math.max(1, Math.ceil(mg / unitMg - 1e-9));
}

/**
 * A service line with a dropped item (a `units` part whose value does not parse, say): an
 * edit that sets the units would add a second `units` part, a new syntax error. Such a line
 * gets the diagnostic without a fix; the syntax error comes first (docs/rules.md "Fixes").
 */
function hasSyntaxError(file: ClaimFile, line: ServiceLine): boolean {
  return file.errors.some((e) => e.line === line.line);
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1000) / 1000);
}

export default defineRules([
  {
    id: 'drug-supply-code',
    family: 'Drugs and supplies',
    severity: 'info',
    summary:
      "A triamcinolone, dexamethasone, betamethasone or methylprednisolone `drug` line whose milligrams are known, on a claim at a non-facility place of service with a procedure or TPI line, and no line with that drug's J-code.",
    why: 'In the office the physician supplies the corticosteroid and bills it with its J-code; without the line the drug is given away.',
    source: DRUG_SOURCE,
    fixes: 'Insert `line <J-code> units <n> dx <pointer>`.',
    example: 'drug triamcinolone 40 mg/mL 1 mL   (no J3301 line)',
    claim({ file, claim, facts, report }) {
      // docs/rules.md "Terms": facility, telehealth, and every other place is non-facility
      if (isFacility(facts.pos) || isTelehealth(facts.pos) || !claim.lines.some((l) => isTpi(l.code.value) || isProcedure(l.code.value)))
        return;
      const billed = (code: string) => claim.lines.some((l) => l.code.value === code);
      for (const d of claim.drugs) {
        const info = recogniseDrug(d.name.text);
        if (!info?.corticosteroid || !info.jcode || milligrams(d.concentration, d.dose) === undefined) continue;
        if (billed(info.jcode) || info.alsoCodes?.some(billed)) continue;
        const mg = facts.drugMg.get(info.id)!;
        const units = unitsFor(mg, info.unitMg!);
        const pointer = facts.tpiLines[0]?.dx?.pointers[0]?.value ?? claim.diagnoses[0]?.letter.value;
        const newLine = `  line ${info.jcode} units ${units}${pointer ? ` dx ${pointer}` : ''}`;
        const after = claim.lines[claim.lines.length - 1]?.line ?? claim.startLine;
        report(
          d.name,
          `${cap(info.id)} ${fmt(mg)} mg is not billed: add ${info.jcode} with ${units} unit${units === 1 ? '' : 's'}. The drug is documented; ${info.jcode} is ${info.unitMg} mg a unit.`,
          {
            // an implausible documented amount gives no whole number of units to write
            fixes: Number.isSafeInteger(units)
              ? [fix(`Insert a ${info.jcode} line with ${units} unit${units === 1 ? '' : 's'}`, [insertLinesAfter(file, after, [newLine])])]
              : [],
          },
        );
      }
    },
  },
  {
    id: 'drug-units-mismatch',
    family: 'Drugs and supplies',
    severity: 'warning',
    summary:
      "A J3301, J1100, J0702 or J1010 line without JW whose units differ from what the claim's documented milligrams of that drug call for.",
    why: "Drug units are the dose divided by the code's unit size, rounded up (J3301 10 mg, J1100 1 mg, J0702 6 mg, J1010 1 mg); wrong units over- or under-bill the drug.",
    source: DRUG_SOURCE,
    fixes: 'Set the units.',
    example: 'line J3301 units 2 dx A\n  drug triamcinolone 40 mg/mL 1 mL',
    claim({ file, claim, facts, report }) {
      for (const line of claim.lines) {
        const info = UNIT_CODES[line.code.value];
        if (!info || hasModifier(line, 'JW')) continue;
        const mg = facts.drugMg.get(info.id);
        if (mg === undefined) continue;
        const want = unitsFor(mg, info.unitMg!);
        if (line.unitsValue === want) continue;
        report(
          line.units ?? line.code,
          `${line.code.value} bills ${line.unitsValue} unit${line.unitsValue === 1 ? '' : 's'} for ${fmt(mg)} mg of ${info.id}: set units to ${want}. ${fmt(mg)} mg / ${info.unitMg} mg a unit = ${want} unit${want === 1 ? '' : 's'}.`,
          {
            fixes: hasSyntaxError(file, line) || !Number.isSafeInteger(want) ? [] : [fix(`Set units to ${want}`, [setUnits(line, want)])],
          },
        );
      }
    },
  },
  {
    id: 'drug-code-deleted',
    family: 'Drugs and supplies',
    severity: 'error',
    summary: 'J1020, J1030 or J1040 on a date of service from 2024-04-01: replaced by J1010 (1 mg).',
    why: 'The methylprednisolone acetate codes per 20, 40 and 80 mg were deleted on 1 April 2024; J1010 (1 mg a unit) replaces them.',
    source: 'CMS HCPCS quarterly update, April 2024 (docs/reference.md#drugs)',
    fixes: 'Replace with J1010 and units in mg (20, 40 or 80 a unit).',
    example: 'line J1030 dx A',
    claim({ file, claim, report }) {
      const date = claim.date?.iso;
      if (!date || date < METHYLPRED_DELETION_DATE) return;
      for (const line of claim.lines) {
        const per = DELETED_METHYLPRED[line.code.value];
        if (!per) continue;
        const units = line.unitsValue * per;
        const hyphenated = line.modifiers.some((m) => !line.modKeyword || m.start < line.modKeyword.start);
        const edits: TextEdit[] =
          line.units || hyphenated ? [replace(line.code, 'J1010'), setUnits(line, units)] : [replace(line.code, `J1010 units ${units}`)];
        report(
          line.code,
          `${line.code.value} was deleted on ${METHYLPRED_DELETION_DATE}: bill J1010 with ${units} units. J1010 is 1 mg a unit: ${line.unitsValue} x ${per} mg = ${units} units (date of service ${date}).`,
          {
            fixes: hasSyntaxError(file, line) || !Number.isSafeInteger(units) ? [] : [fix(`Replace with J1010 units ${units}`, edits)],
          },
        );
      }
    },
  },
  {
    id: 'jcode-in-facility',
    family: 'Drugs and supplies',
    severity: 'warning',
    summary: 'A drug J-code on a claim at a facility place of service (19, 21, 22, 23, 24, 31): the facility bills the drug.',
    why: "At a facility the facility supplies and bills the drug; the physician's claim must not.",
    source: 'CMS Medicare rules for drugs supplied at a facility place of service (docs/reference.md#drugs)',
    fixes: 'Delete the line.',
    example: 'pos 22\n  line J3301 units 4 dx A',
    claim({ file, claim, facts, report }) {
      if (!isFacility(facts.pos)) return;
      for (const line of claim.lines) {
        if (isDrugCode(line.code.value))
          report(
            line.code,
            `${line.code.value} at a facility (place of service ${facts.pos}): delete the line, the facility bills the drug. ${cap(POS_NAMES[facts.pos])} is a facility; the physician's claim does not bill drugs there.`,
            {
              fixes: [fix(`Delete the ${line.code.value} line`, [deleteLine(file, line.line)])],
            },
          );
      }
    },
  },
  {
    id: 'anesthetic-billed',
    family: 'Drugs and supplies',
    severity: 'warning',
    summary: 'J2001 on a TPI claim: local anaesthetic is part of the injection.',
    why: 'Local anaesthesia by the injecting physician is included in the procedure; J2001 is intravenous lidocaine, not a trigger point supply.',
    source: 'NCCI Policy Manual: local anaesthesia is part of the procedure (docs/reference.md#ncci)',
    fixes: 'Delete the line.',
    example: 'line J2001 dx A',
    claim({ file, claim, facts, report }) {
      if (!facts.isTpiClaim) return;
      for (const line of claim.lines) {
        if (line.code.value === 'J2001')
          report(
            line.code,
            `J2001 (lidocaine) with a trigger point injection: delete the line. Local anaesthetic is part of the injection and is not billed separately (${claimName(claim)}).`,
            {
              fixes: [fix('Delete the J2001 line', [deleteLine(file, line.line)])],
            },
          );
      }
    },
  },
  {
    id: 'botox-with-tpi',
    family: 'Drugs and supplies',
    severity: 'error',
    summary: 'J0585, J0586, J0587 or J0588 on a TPI claim without a chemodenervation code (64612-64647).',
    why: 'Botulinum toxin injections are chemodenervation, billed with 64612-64647, not with trigger point codes.',
    source: 'AAPC coding alerts; the CPT chemodenervation codes 64612-64647 (docs/reference.md#drugs)',
    fixes: 'none',
    example: 'line J0585 units 100 dx A',
    claim({ claim, facts, report }) {
      if (!facts.isTpiClaim || claim.lines.some((l) => isChemodenervation(l.code.value))) return;
      for (const line of claim.lines) {
        if (BOTOX.has(line.code.value))
          report(
            line.code,
            `Botulinum toxin ${line.code.value} with ${facts.tpiLines[0].code.value}: bill it with a chemodenervation code (64612-64647). A trigger point injection code does not cover botulinum toxin.`,
          );
      }
    },
  },
]);

export { DRUGS };
