// Trigger point injections: modifier 50, units, muscle counts, both codes, muscles, diagnoses.
import type { ClaimBlock, DiagnosisLine, MuscleItem, ServiceLine } from '../language/syntax';
import { dottedIcd } from '../language/lexicon';
import { TPI_SUPPORTING, isInfection, regionsCovered } from '../data/diagnoses';
import { catalogueMuscle, isVagueMuscle, muscleKind, suggestMuscles, Region, CATALOGUE_SOURCE } from '../data/muscles';
import { isTelehealth, POS_NAMES } from '../data/places';
import { factsOf, hasIcdError, judgedDiagnoses, CountedMuscle } from '../model/claim';
import { mueOn } from '../data/loaded';
import { defineRules } from './rule';
import { deleteLine, deleteLines, fix, insertLinesAfter, removeModifier, replace, setUnits } from './edits';
import { cap, claimAnchor, claimName } from './structure';

const TPI_SOURCE = 'AAPC coding alerts; Novitas and First Coast billing and coding article A57751 (docs/reference.md#tpi-codes)';

/** The code a muscle count calls for. */
export function codeForCount(count: number): '20552' | '20553' {
  return count >= 3 ? '20553' : '20552';
}

/** Counted muscles as the biller reads them: a catalogue muscle by its catalogue name, any other as written. */
export function describeMuscles(muscles: readonly CountedMuscle[]): string {
  return muscles
    .map((m) => `${m.side === 'L' ? 'left ' : m.side === 'R' ? 'right ' : ''}${m.kind === 'catalogue' ? m.name : m.item.name}`)
    .join(', ');
}

/** A TPI line judged on its diagnoses, none of which supports a trigger point injection. */
export function lacksSupportingDiagnosis(claim: ClaimBlock, line: ServiceLine): boolean {
  const judged = judgedDiagnoses(claim, line);
  return !!judged && !judged.some((d) => TPI_SUPPORTING.has(d.code.value));
}

/** The side every muscle of the claim is on, when there is one. */
export function singleSide(muscles: readonly CountedMuscle[]): 'L' | 'R' | undefined {
  if (!muscles.length) return undefined;
  const side = muscles[0].side;
  return side && muscles.every((m) => m.side === side) ? side : undefined;
}

/**
 * What modifier 50 should become: the code the claim's muscle count calls for, billed once
 * (the same advice as muscle-count, never "keep 20552" for four muscles).
 */
function modifier50Message(code: string, n: number): string {
  const why = 'trigger point codes count muscles, and left and right of a muscle are already two muscles';
  if (!n)
    return `Modifier 50 on ${code}: remove it and bill one trigger point code for the number of muscles injected. The claim lists no muscles; ${why}.`;
  const want = codeForCount(n);
  const action = want === code ? `remove it and bill ${code} once` : `remove it and bill ${want} once instead`;
  return `Modifier 50 on ${code}: ${action}. The claim counts ${n} muscle${n === 1 ? '' : 's'}, so ${want}; ${why}.`;
}

/** The items of a claim's `muscles` lines, then of its `prior` lines. */
function everyMuscleItem(claim: ClaimBlock): readonly MuscleItem[] {
  const own = factsOf(claim).muscleItems;
  return claim.priors.length ? [...own, ...claim.priors.flatMap((p) => p.items)] : own;
}

export default defineRules([
  {
    id: 'modifier-50',
    family: 'Trigger point injections',
    severity: 'error',
    summary: 'Modifier 50 on a TPI line: 20552/20553 are not bilateral procedures, they count muscles.',
    why: 'Left and right of the same muscle already count as two muscles; the code for the total count is billed once, without 50.',
    source: TPI_SOURCE,
    fixes: 'Remove 50 (preferred); replace it with RT or LT when the claim has muscles and every one is on that side.',
    example: 'line 20552 mod 50 dx A',
    claim({ facts, report }) {
      const side = singleSide(facts.muscles);
      for (const line of facts.tpiLines) {
        for (const m of line.modifiers) {
          if (m.value !== '50') continue;
          const fixes = [fix('Remove modifier 50', [removeModifier(line, m)], true)];
          const lat = side === 'L' ? 'LT' : side === 'R' ? 'RT' : undefined;
          if (lat && !line.modifiers.some((x) => x.value === lat)) fixes.push(fix(`Replace modifier 50 with ${lat}`, [replace(m, lat)]));
          report(m, modifier50Message(line.code.value, facts.muscles.length), { fixes });
        }
      }
    },
  },
  {
    id: 'units',
    family: 'Trigger point injections',
    severity: 'error',
    summary: 'Units above 1 on a TPI line (MUE 1: one unit per session, however many injections).',
    why: 'The code is reported once per session; more injections or muscles change the code (20552 to 20553), not the units. Extra units are denied by the MUE edit.',
    source: `CMS Medically Unlikely Edits, MUE 1 per date of service (docs/reference.md#mue); ${TPI_SOURCE}`,
    fixes: 'Set units to 1 (preferred).',
    example: 'line 20552 units 3 dx A',
    claim({ claim, facts, report }) {
      for (const line of facts.tpiLines) {
        // the MUE of the loaded practitioner MUE file for the date of service, else the built-in 1
        const loaded = mueOn(line.code.value, claim.date?.iso);
        const mue = loaded?.value ?? 1;
        if (line.unitsValue > mue && line.units) {
          const source = loaded
            ? `the MUE of ${line.code.value} is ${mue} (${loaded.indicator} ${loaded.indicatorText}) in the loaded MUE file${loaded.effective ? ` effective ${loaded.effective}` : ''}`
            : 'A trigger point injection is one unit per session however many injections (MUE 1)';
          report(line.units, `Units ${line.unitsValue} on ${line.code.value}: set units to ${mue}. ${cap(source)}.`, {
            fixes: [fix(`Set units to ${mue}`, [setUnits(line, mue)], true)],
          });
        }
      }
    },
  },
  {
    id: 'muscle-count',
    family: 'Trigger point injections',
    severity: 'error',
    summary: 'On a claim with one TPI line: 20552 with 3 or more muscles, or 20553 with 1 or 2.',
    why: '20552 is one or two muscles, 20553 three or more; the code must match the number of distinct muscles injected (each side counts, the trapezius is one muscle a side).',
    source: TPI_SOURCE,
    fixes: 'Change to 20553 / 20552; preferred only when every counted muscle is a catalogue muscle.',
    example: 'line 20552 dx A\n  muscles right upper trapezius, right levator scapulae, right splenius capitis',
    claim({ facts, report }) {
      if (facts.tpiLines.length !== 1) return;
      const line = facts.tpiLines[0];
      const n = facts.muscles.length;
      if (!n) return;
      const want = codeForCount(n);
      if (want === line.code.value) return;
      const sure = facts.muscles.every((m) => m.kind === 'catalogue');
      report(
        line.code,
        `${line.code.value} with ${n} muscle${n === 1 ? '' : 's'}: bill ${want}. ${line.code.value} is for ${line.code.value === '20552' ? 'one or two muscles' : 'three or more muscles'}; the claim lists ${n} (${describeMuscles(facts.muscles)}).`,
        {
          fixes: [fix(`Change ${line.code.value} to ${want}`, [replace(line.code, want)], sure)],
        },
      );
    },
  },
  {
    id: 'tpi-both-codes',
    family: 'Trigger point injections',
    severity: 'error',
    summary: '20552 and 20553 on one claim.',
    why: '20552 and 20553 are never billed together: one session is one code, chosen by the total number of muscles.',
    source: TPI_SOURCE,
    fixes: 'Replace both with one line of the code the muscle count calls for.',
    example: 'line 20552 dx A\n  line 20553 dx A',
    claim({ file, facts, report }) {
      const first52 = facts.tpiLines.find((l) => l.code.value === '20552');
      const first53 = facts.tpiLines.find((l) => l.code.value === '20553');
      if (!first52 || !first53) return;
      const second = first52.line < first53.line ? first53 : first52;
      const n = facts.muscles.length;
      const fixes = [];
      if (n) {
        const want = codeForCount(n);
        const keep = facts.tpiLines[0];
        const edits = deleteLines(
          file,
          facts.tpiLines.filter((l) => l !== keep).map((l) => l.line),
        );
        if (keep.code.value !== want) edits.push(replace(keep.code, want));
        fixes.push(fix(`Bill one ${want} line (${n} muscle${n === 1 ? '' : 's'})`, edits));
      }
      report(
        second.code,
        `20552 and 20553 on one claim: ${n ? `bill one ${codeForCount(n)} line (${n} muscle${n === 1 ? '' : 's'})` : 'bill one line of the code for the muscle count'}. One session is one trigger point code, chosen by the total number of muscles.`,
        { fixes },
      );
    },
  },
  {
    id: 'tpi-repeat-line',
    family: 'Trigger point injections',
    severity: 'error',
    summary: 'A TPI line whose code an earlier TPI line of the claim already has.',
    why: 'A trigger point code is reported once per session; a repeated line is a duplicate charge.',
    source: `CMS Medically Unlikely Edits (docs/reference.md#mue); ${TPI_SOURCE}`,
    fixes: 'Delete the line.',
    example: 'line 20552 dx A\n  line 20552 dx A',
    claim({ file, claim, facts, report }) {
      if (facts.tpiLines.length < 2) return;
      const seen = new Map<string, ServiceLine>();
      for (const line of facts.tpiLines) {
        const earlier = seen.get(line.code.value);
        if (!earlier) {
          seen.set(line.code.value, line);
          continue;
        }
        report(
          line.code,
          `${line.code.value} is billed twice on ${claimName(claim)}: delete this line. A trigger point code is billed once per session.`,
          {
            fixes: [fix('Delete this line', [deleteLine(file, line.line)])],
            related: [
              {
                uri: file.uri,
                range: {
                  start: { line: earlier.line, character: earlier.code.start },
                  end: { line: earlier.line, character: earlier.code.end },
                },
                message: `the first ${line.code.value} line`,
              },
            ],
          },
        );
      }
    },
  },
  {
    id: 'tpi-telehealth',
    family: 'Trigger point injections',
    severity: 'error',
    summary: 'A TPI claim at a telehealth place of service (02, 10).',
    why: 'A trigger point injection is a hands-on procedure; it cannot be done by telehealth.',
    source:
      'CMS Place of Service Code Set: 02 and 10 are telehealth, and a trigger point injection is hands-on (docs/reference.md#place-of-service)',
    fixes: 'none',
    example: 'pos 02',
    claim({ claim, facts, report }) {
      if (facts.isTpiClaim && claim.pos && isTelehealth(facts.pos)) {
        report(
          claim.pos.value,
          `Place of service ${facts.pos} is telehealth: bill the place the injection was done. A trigger point injection cannot be performed by telehealth; ${facts.pos} is ${POS_NAMES[facts.pos]}.`,
        );
      }
    },
  },
  {
    id: 'muscles-missing',
    family: 'Trigger point injections',
    severity: 'warning',
    summary: 'A TPI claim without muscles.',
    why: 'The code depends on the number of muscles, and Medicare documentation requires the muscles injected.',
    source: `Noridian LCD L34211 documentation requirements (docs/reference.md#documentation); ${TPI_SOURCE}`,
    fixes: 'Insert a `muscles` line to complete.',
    example: 'line 20552 dx A   (and no muscles line)',
    claim({ file, claim, facts, report }) {
      if (!facts.isTpiClaim || facts.muscleItems.length) return;
      const after = claim.lines[claim.lines.length - 1]?.line ?? claim.startLine;
      report(
        claimAnchor(claim),
        `${cap(claimName(claim))} lists no muscles: add a muscles line. ${facts.tpiLines[0].code.value} depends on how many muscles were injected.`,
        {
          fixes: [fix('Insert a muscles line', [insertLinesAfter(file, after, ['  muscles <side> <muscle>, <side> <muscle>'])])],
        },
      );
    },
  },
  {
    id: 'muscle-vague',
    family: 'Trigger point injections',
    severity: 'warning',
    summary:
      'A vague muscle (paraspinal, back, neck, shoulder, low back, upper back, lumbar, cervical, thoracic, muscle) on a `muscles` or `prior` line.',
    why: 'A region is not a muscle: the count (20552 or 20553) and the documentation need the muscles injected by name.',
    source: `Noridian LCD L34211 documentation requirements (docs/reference.md#documentation); ${CATALOGUE_SOURCE}`,
    fixes: 'none',
    example: 'muscles right paraspinal',
    claim({ claim, report }) {
      for (const item of everyMuscleItem(claim)) {
        if (isVagueMuscle(item.name))
          report(item, `"${item.text}" names a region, not a muscle: name the muscles injected. It still counts as one muscle.`);
      }
    },
  },
  {
    id: 'muscle-unknown',
    family: 'Trigger point injections',
    severity: 'info',
    summary: "A muscle that is not in ClaimNote's catalogue and is not vague (it still counts).",
    why: 'ClaimNote cannot place an unknown muscle in a region, and a misspelled muscle in the note invites questions in an audit.',
    source: CATALOGUE_SOURCE,
    fixes: 'Replace with a catalogue name one or two edits away, where there is one.',
    example: 'muscles right trapezious',
    claim({ claim, report }) {
      for (const item of everyMuscleItem(claim)) {
        if (muscleKind(item.name) !== 'unknown') continue;
        const near = suggestMuscles(item.name);
        report(
          item,
          `"${item.name}" is not a catalogue muscle: ${near.length ? `did you mean ${near.join(', ')}?` : 'check the name.'} It is not in ClaimNote's muscle catalogue; it still counts as a muscle.`,
          {
            fixes: near.map((n) => fix(`Replace with ${n}`, [replace({ line: item.line, start: item.nameStart, end: item.nameEnd }, n)])),
          },
        );
      }
    },
  },
  {
    id: 'dx-not-supported',
    family: 'Trigger point injections',
    severity: 'warning',
    summary:
      'A TPI line none of whose pointed diagnoses is a TPI-supporting diagnosis (judged only when it points to a defined diagnosis and none has an icd-* error).',
    why: 'A trigger point injection needs a diagnosis of myofascial pain, muscle spasm, tension-type headache, regional pain or muscle strain; other diagnoses do not support it.',
    source:
      "ClaimNote catalogue of TPI-supporting diagnoses, built from Noridian LCD L34211 and article A57701; a payer's own policy decides coverage (docs/reference.md#catalogues)",
    fixes: 'One fix per supporting diagnosis on the claim: point to it.',
    example: 'diagnosis A J06.9\n  line 20552 dx A',
    claim({ claim, facts, report }) {
      for (const line of facts.tpiLines) {
        if (!lacksSupportingDiagnosis(claim, line)) continue;
        const pointers = line.dx!.pointers;
        const supporting = [...facts.diagnoses.values()].filter((d) => !hasIcdError(d) && TPI_SUPPORTING.has(d.code.value));
        const fixes = supporting.map((d) => {
          const rest = pointers.map((p) => p.value).filter((p) => p !== d.letter.value);
          const letters = [d.letter.value, ...rest].slice(0, 4);
          return fix(`Point ${line.code.value} to diagnosis ${d.letter.value} (${dottedIcd(d.code.value)})`, [
            replace({ line: line.line, start: pointers[0].start, end: pointers[pointers.length - 1].end }, letters.join(',')),
          ]);
        });
        const names = pointers
          .map((p) => facts.diagnoses.get(p.value))
          .filter(Boolean)
          .map((d) => `${d!.letter.value} (${dottedIcd(d!.code.value)})`);
        const action = supporting.length
          ? `point it to ${supporting
              .map((d) => `${d.letter.value} (${dottedIcd(d.code.value)})`)
              .slice(0, 3)
              .join(' or ')}`
          : 'add a diagnosis that supports it';
        report(
          line.code,
          `${line.code.value} has no supporting diagnosis: ${action}. ${names.length === 1 ? `${names[0]} does not support` : `None of ${names.join(', ')} supports`} a trigger point injection.`,
          { fixes },
        );
      }
    },
  },
  {
    id: 'dx-region-mismatch',
    family: 'Trigger point injections',
    severity: 'warning',
    summary: "A catalogue muscle whose region no diagnosis pointed to by the claim's judged TPI lines covers.",
    why: 'The diagnosis must match the muscles injected: a neck diagnosis does not support an injection in the hip.',
    source: CATALOGUE_SOURCE,
    fixes: 'none',
    example: 'diagnosis A G44.209\n  muscles right piriformis',
    claim({ claim, facts, report }) {
      if (!facts.muscleItems.length) return;
      const judged: DiagnosisLine[] = [];
      for (const line of facts.tpiLines) {
        const dx = judgedDiagnoses(claim, line);
        if (dx) for (const d of dx) judged.push(d);
      }
      if (!judged.length) return;
      const covers = (r: Region) => judged.some((d) => regionsCovered(d.code.value).includes(r));
      for (const item of facts.muscleItems) {
        const m = catalogueMuscle(item.name);
        if (!m || m.regions.some(covers)) continue;
        const named = new Set(judged.map((d) => `${dottedIcd(d.code.value)} (${regionsCovered(d.code.value).join(', ')})`));
        report(
          item,
          `No diagnosis covers the ${m.regions.join(' and ')} (${item.text}): point the TPI line to one that does. Its diagnoses cover: ${[...named].join('; ')}.`,
        );
      }
    },
  },
  {
    id: 'infection-contraindication',
    family: 'Trigger point injections',
    severity: 'warning',
    summary: 'A diagnosis of infection at an injection site (M60.0*, B33.0, L03.*) on a TPI claim.',
    why: 'Infection at the injection site is a contraindication to a trigger point injection; payers and auditors question the claim.',
    source: 'ClaimNote catalogue of infection diagnoses, a clinical judgement (docs/reference.md#catalogues)',
    fixes: 'none',
    example: 'diagnosis B M60.009',
    claim({ facts, report }) {
      if (!facts.isTpiClaim) return;
      for (const d of facts.diagnoses.values()) {
        if (d.wellFormed && isInfection(d.code.value))
          report(
            d.code,
            `${dottedIcd(d.code.value)} is an infection: check that no injection site is infected. Infection at an injection site is a contraindication to trigger point injection.`,
          );
      }
    },
  },
]);

export { factsOf };
