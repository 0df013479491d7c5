// Modifiers and same-day services: 25, 59 and the X modifiers, NCCI pairs, 76/77, laterality, G2211.
import type { ClaimBlock, ClaimFile, ServiceLine, Tok } from '../language/syntax';
import { hasText } from '../language/syntax';
import { DISTINCT_MODIFIERS, DRY_NEEDLING, NCCI_PAIRED, X_MODIFIERS, isEm, isProcedure } from '../data/codes';
import { KNOWN_MODIFIERS } from '../data/modifiers';
import { hasModifier } from '../model/claim';
import { ptpPairsOn } from '../data/loaded';
import type { ClaimRef } from '../model/workspaceIndex';
import { defineRules, Fix, SameDayCheck } from './rule';
import { addModifier, canAddModifier, deleteLine, fix, removeModifier, replace, spanRange } from './edits';
import { cap, claimName } from './structure';
import { NO_LIMITS, sameDayLimitedIn } from './policy';
import { codeForCount } from './tpi';

const NCCI_SOURCE = 'CMS NCCI practitioner PTP edits and the NCCI Policy Manual (docs/reference.md#ncci)';

/** Same provider: equal NPIs, or either claim has no provider line (docs/rules.md "Terms"). */
export function sameProvider(a: ClaimRef, b: ClaimRef): boolean {
  const x = a.claim.provider?.value.text,
    y = b.claim.provider?.value.text;
  return !x || !y || x === y;
}

function providerText(ref: ClaimRef): string {
  return ref.claim.provider ? `NPI ${ref.claim.provider.value.text}` : 'no provider line';
}

/**
 * The fix that removes a modifier. A line with four modifiers and a syntax error may have
 * dropped a fifth modifier (docs/rules.md "Recovery"); removing one would bring the dropped one
 * back, possibly as another diagnostic of the same rule, so no fix is offered there until
 * the syntax error is fixed (docs/rules.md "Fixes").
 */
function removalFixes(file: ClaimFile, line: ServiceLine, mod: Tok, preferred: boolean): Fix[] {
  if (line.modifiers.length >= 4 && file.errors.some((e) => e.line === line.line)) return [];
  return [fix(`Remove modifier ${mod.value}`, [removeModifier(line, mod)], preferred)];
}

function repeatMarked(ref: ClaimRef): boolean {
  return ref.facts.tpiLines.some((l) => hasModifier(l, '76', '77'));
}

/**
 * modifier-76 and modifier-77: `mod` at each place a TPI line carries it, on a session with no
 * other session of the patient that day by the same provider (76) or by a different one (77).
 */
function unsupportedRepeat(mod: '76' | '77', message: (ref: ClaimRef) => string): (c: SameDayCheck) => void {
  const repeats = mod === '76' ? sameProvider : (o: ClaimRef, ref: ClaimRef) => !sameProvider(o, ref);
  return ({ index, refs, enabled, report }) => {
    // one root cause: where same-day-limit is reported (unless the user turned it off)
    if (!refs.some((ref) => ref.facts.tpiLines.some((l) => hasModifier(l, mod)))) return;
    const limited = enabled('same-day-limit') ? sameDayLimitedIn(refs, index) : NO_LIMITS;
    for (const ref of refs) {
      const marked = ref.facts.tpiLines.flatMap((l) => l.modifiers.filter((m) => m.value === mod));
      if (!marked.length || limited.has(ref)) continue;
      if (refs.some((o) => o !== ref && repeats(o, ref))) continue;
      for (const m of marked) report(ref.uri, m, message(ref));
    }
  };
}

export default defineRules([
  {
    id: 'modifier-unknown',
    family: 'Modifiers and same-day services',
    severity: 'info',
    summary:
      'A modifier outside the list ClaimNote knows (22 24 25 26 27 32 33 47 50-59 62 66 73 74 76-82 90-92 95-97 99 AQ AS CR CS FS FT GA GC GE GT GU GX GY GZ JW JZ KX LT RT PO PN Q5 Q6 QW SA SB TC XE XP XS XU).',
    why: 'An unexpected modifier is often a typo, and a wrong modifier changes how a line is paid.',
    source: 'ClaimNote catalogue of modifiers, from the CMS and AMA modifier lists (docs/reference.md#modifiers)',
    fixes: 'none',
    example: 'line 20552 mod Q9',
    claim({ claim, report }) {
      for (const line of claim.lines) {
        for (const m of line.modifiers)
          if (!KNOWN_MODIFIERS.has(m.value))
            report(m, `Modifier ${m.value} is not one ClaimNote knows: check it is the modifier you mean.`);
      }
    },
  },
  {
    id: 'modifier-25-missing',
    family: 'Modifiers and same-day services',
    severity: 'warning',
    summary: 'An E/M line on a TPI claim without modifier 25.',
    why: 'An E/M visit on the day of a procedure is paid only as a significant, separately identifiable service, marked with modifier 25; without it the visit is bundled into the injection.',
    source: 'NCCI Policy Manual (E/M on the day of a minor procedure) and the CPT definition of modifier 25 (docs/reference.md#ncci)',
    fixes:
      'Add modifier 25; preferred only when the E/M line points to a diagnosis that no TPI line points to, or the claim has a `note` line (fix all never asserts a separate service without evidence).',
    example: 'line 20552 dx A\n  line 99213 dx A',
    claim({ claim, facts, report }) {
      if (!facts.isTpiClaim) return;
      const tpiPoints = (letter: string) => facts.tpiLines.some((l) => !!l.dx && l.dx.pointers.some((p) => p.value === letter));
      const noted = hasText(claim, 'note');
      for (const line of claim.lines) {
        if (!isEm(line.code.value) || hasModifier(line, '25')) continue;
        // 25 asserts a separately identifiable service: preferred (fix all) only with evidence
        // of one, a diagnosis of its own or a note
        const evidence = noted || (line.dx?.pointers ?? []).some((p) => !tpiPoints(p.value));
        report(
          line.code,
          `E/M ${line.code.value} without modifier 25: add 25 if the visit was for a separate problem. Beside the trigger point injection on ${claimName(claim)}, it is bundled into the procedure unless it is a separately identifiable service marked 25.`,
          {
            fixes: canAddModifier(line) ? [fix(`Add modifier 25 to ${line.code.value}`, [addModifier(line, '25')], evidence)] : [],
          },
        );
      }
    },
  },
  {
    id: 'modifier-25-misplaced',
    family: 'Modifiers and same-day services',
    severity: 'error',
    summary: 'Modifier 25 on a line that is not an E/M service.',
    why: 'Modifier 25 applies to E/M codes only; on a procedure or supply it is invalid.',
    source: 'CPT modifier 25 definition, AMA and CMS (docs/reference.md#modifiers)',
    fixes: 'Remove it (preferred).',
    example: 'line 20552 mod RT,25 dx A',
    claim({ file, claim, report }) {
      for (const line of claim.lines) {
        if (isEm(line.code.value)) continue;
        for (const m of line.modifiers) {
          if (m.value === '25')
            report(
              m,
              `Modifier 25 on ${line.code.value}: remove it. Modifier 25 is for E/M services; ${line.code.value} is not an E/M code.`,
              { fixes: removalFixes(file, line, m, true) },
            );
        }
      }
    },
  },
  {
    id: 'modifier-25-undocumented',
    family: 'Modifiers and same-day services',
    severity: 'info',
    summary:
      'An E/M line with 25 and pointers, on a TPI claim with no `note` line, pointing only to diagnoses the TPI lines also point to.',
    why: 'The separate problem behind a modifier-25 visit must be documented; the same diagnosis as the injection, with no note, suggests the visit was the pre-procedure assessment.',
    source: 'NCCI Policy Manual (docs/reference.md#ncci)',
    fixes: 'none',
    example: 'line 99213 mod 25 dx A   (no note line)',
    claim({ claim, facts, report }) {
      if (!facts.isTpiClaim || hasText(claim, 'note')) return;
      const tpiPoints = (letter: string) => facts.tpiLines.some((l) => !!l.dx && l.dx.pointers.some((p) => p.value === letter));
      for (const line of claim.lines) {
        const pointers = line.dx?.pointers ?? [];
        if (
          !isEm(line.code.value) ||
          !pointers.length ||
          !line.modifiers.some((m) => m.value === '25') ||
          !pointers.every((p) => tpiPoints(p.value))
        )
          continue;
        for (const m of line.modifiers) {
          if (m.value === '25')
            report(
              m,
              `E/M ${line.code.value} with 25 documents no separate problem: add a note line on it. It points only to the injection's diagnoses (${pointers.map((p) => p.value).join(', ')}) and the claim has no note.`,
            );
        }
      }
    },
  },
  {
    id: 'modifier-59-unneeded',
    family: 'Modifiers and same-day services',
    severity: 'warning',
    summary: '59, XE, XS, XP or XU on a TPI line of a claim without a procedure line.',
    why: 'A distinct-procedure modifier bypasses an NCCI edit; with no other procedure on the claim there is nothing to separate, and an unneeded 59 draws audits.',
    source: NCCI_SOURCE,
    fixes: 'Remove it.',
    example: 'line 20552 mod RT,59 dx A',
    claim({ file, claim, facts, report }) {
      if (claim.lines.some((l) => isProcedure(l.code.value))) return;
      for (const line of facts.tpiLines) {
        for (const m of line.modifiers) {
          if (DISTINCT_MODIFIERS.has(m.value))
            report(
              m,
              `Modifier ${m.value} on ${line.code.value} with no other procedure: remove it. ${cap(claimName(claim))} bills no other procedure to be distinct from.`,
              { fixes: removalFixes(file, line, m, false) },
            );
        }
      }
    },
  },
  {
    id: 'modifier-59-with-x',
    family: 'Modifiers and same-day services',
    severity: 'error',
    summary: '59 together with XE, XS, XP or XU on one line.',
    why: 'The X modifiers are more specific subsets of 59; CMS says never to report 59 with an X modifier.',
    source: 'CMS guidance on modifiers 59, XE, XP, XS and XU (docs/reference.md#modifiers)',
    fixes: 'Remove 59 (preferred).',
    example: 'line 20552 mod RT,59,XS dx A',
    claim({ file, claim, report }) {
      for (const line of claim.lines) {
        const xs = line.modifiers.filter((m) => X_MODIFIERS.has(m.value));
        if (!xs.length) continue;
        for (const m of line.modifiers) {
          if (m.value === '59')
            report(
              m,
              `59 with ${xs.map((x) => x.value).join(', ')} on ${line.code.value}: remove 59. The X modifier is the more specific one; never report both.`,
              { fixes: removalFixes(file, line, m, true) },
            );
        }
      }
    },
  },
  {
    id: 'ncci-pair-unmodified',
    family: 'Modifiers and same-day services',
    severity: 'warning',
    summary:
      'A TPI claim that also bills 20550, 20551, 20600-20611, 64405, 64450 or 96372, where neither that line nor any TPI line carries 59, XE, XS, XP or XU.',
    why: 'NCCI pairs these injections with trigger point injections; without a distinct-procedure modifier one of the two is denied.',
    source: NCCI_SOURCE,
    fixes: 'Add XS to that line.',
    example: 'line 20552 dx A\n  line 20610 dx A',
    claim({ claim, facts, report }) {
      // with the NCCI PTP files loaded, their pairs with modifier indicator 1 for the date of service
      const loaded = ptpPairsOn(
        claim.lines.map((l) => l.code.value),
        claim.date?.iso,
      );
      if (loaded) {
        for (const { column1, column2, rationale, line } of pairsOn(claim, loaded, 1)) {
          const other = claim.lines.find((l) => l.code.value === column1)!;
          if (hasModifier(line, ...DISTINCT_MODIFIERS) || hasModifier(other, ...DISTINCT_MODIFIERS)) continue;
          report(
            line.code,
            `${column2} is an NCCI pair of ${column1} (${rationale}, in the loaded PTP file): if distinct, add XS (or 59, XE, XP, XU) to one of them. Without a distinct-procedure modifier, ${column2} is denied.`,
            { fixes: canAddModifier(line) ? [fix(`Add modifier XS to ${column2}`, [addModifier(line, 'XS')])] : [] },
          );
        }
        return;
      }
      if (!facts.isTpiClaim || facts.tpiLines.some((l) => hasModifier(l, ...DISTINCT_MODIFIERS))) return;
      for (const line of claim.lines) {
        if (!NCCI_PAIRED.has(line.code.value) || hasModifier(line, ...DISTINCT_MODIFIERS)) continue;
        report(
          line.code,
          `${line.code.value} is an NCCI pair of ${facts.tpiLines[0].code.value}: if distinct, add XS (or 59, XE, XP, XU) to one of them. Without a distinct-procedure modifier, one of the two is denied.`,
          {
            fixes: canAddModifier(line) ? [fix(`Add modifier XS to ${line.code.value}`, [addModifier(line, 'XS')])] : [],
          },
        );
      }
    },
  },
  {
    id: 'ncci-pair-never',
    family: 'Modifiers and same-day services',
    severity: 'warning',
    summary:
      'With the NCCI practitioner PTP files loaded: two lines of a claim that are a pair in force on the date of service with modifier indicator 0, which no modifier allows. Reported at the column 2 code.',
    why: 'The column 2 code of such a pair is never paid with the column 1 code on the same day, whatever the modifiers: billing it is a denial (and, repeated, an audit flag).',
    source: NCCI_SOURCE,
    fixes: 'none (remove the line, or bill it on its own claim only when it was a separate encounter the edit allows)',
    example: 'line 20553 dx A\n  line 20552 dx A',
    claim({ claim, report }) {
      const loaded = ptpPairsOn(
        claim.lines.map((l) => l.code.value),
        claim.date?.iso,
      );
      if (!loaded) return;
      for (const { column1, column2, rationale, line } of pairsOn(claim, loaded, 0))
        report(
          line.code,
          `${column2} is never paid with ${column1} on the same day (${rationale}; NCCI modifier indicator 0 in the loaded PTP file): no modifier allows the pair, remove ${column2} or bill it only where the edit does not apply.`,
        );
    },
  },
  {
    id: 'dry-needling-with-tpi',
    family: 'Modifiers and same-day services',
    severity: 'warning',
    summary: '20560 or 20561 on a TPI claim.',
    why: 'Dry needling in the same session as a trigger point injection is bundled into the injection, and Medicare does not cover dry needling.',
    source: `${NCCI_SOURCE}; Noridian LCD L34211 (docs/reference.md#medicare-coverage)`,
    fixes: 'none',
    example: 'line 20560 dx A',
    claim({ claim, facts, report }) {
      if (!facts.isTpiClaim) return;
      for (const line of claim.lines) {
        if (DRY_NEEDLING.has(line.code.value))
          report(
            line.code,
            `Dry needling ${line.code.value} in a trigger point session: it is bundled, expect no payment. Dry needling in the same session is bundled into the injection.`,
          );
      }
    },
  },
  {
    id: 'modifier-76',
    family: 'Modifiers and same-day services',
    severity: 'warning',
    summary: '76 on a TPI line without another session of the patient that day by the same provider.',
    why: '76 means a repeat procedure by the same physician on the same day; without such a session it is wrong.',
    source: 'CPT modifier 76 (docs/reference.md#modifiers)',
    fixes: 'none',
    example: 'line 20552 mod RT,76 dx A   (no other session that day)',
    sameDay: unsupportedRepeat(
      '76',
      (ref) =>
        `Modifier 76 but no other session by the same provider on ${ref.claim.date!.iso}: remove 76 or check. 76 is a repeat by the same physician; the patient has no other trigger point session that day by the same provider (${providerText(ref)}).`,
    ),
  },
  {
    id: 'modifier-77',
    family: 'Modifiers and same-day services',
    severity: 'warning',
    summary: '77 on a TPI line without another session of the patient that day by a different provider.',
    why: '77 means a repeat procedure by another physician on the same day; without such a session it is wrong.',
    source: 'CPT modifier 77 (docs/reference.md#modifiers)',
    fixes: 'none',
    example: 'line 20552 mod RT,77 dx A',
    sameDay: unsupportedRepeat(
      '77',
      (ref) =>
        `Modifier 77 but no other session by another provider on ${ref.claim.date!.iso}: remove 77 or check. 77 is a repeat by another physician; the patient has no other trigger point session that day by a different provider (this claim: ${providerText(ref)}).`,
    ),
  },
  {
    id: 'repeat-session-unmarked',
    family: 'Modifiers and same-day services',
    severity: 'warning',
    summary: 'Two or more sessions of a patient on one date (any payer): every one but the first that lacks both 76 and 77.',
    why: 'A second session the same day looks like a duplicate charge unless marked as a repeat: 76 by the same physician, 77 by another.',
    source: 'CPT modifiers 76 and 77 (docs/reference.md#modifiers)',
    fixes: 'Add 76 when the providers are the same, else 77.',
    example: 'two TPI claims of one patient on one date, the second without 76 or 77',
    sameDay({ index, refs, enabled, report }) {
      // one root cause: where same-day-limit is reported (unless the user turned it off)
      const day = refs;
      if (day.length < 2) return;
      const limited = enabled('same-day-limit') ? sameDayLimitedIn(refs, index) : NO_LIMITS;
      day.forEach((ref, i) => {
        if (i === 0 || repeatMarked(ref) || limited.has(ref)) return;
        const earlier = day.slice(0, i);
        const mod = earlier.some((o) => sameProvider(o, ref)) ? '76' : '77';
        const line: ServiceLine = ref.facts.tpiLines[0];
        report(
          ref.uri,
          line.code,
          `Second session on ${ref.claim.date!.iso} not marked as a repeat: add ${mod} (${mod === '76' ? 'same' : 'different'} provider). Patient ${ref.claim.patient!.value.text} already has a trigger point session that day (${claimName(earlier[0].claim)}).`,
          {
            fixes: canAddModifier(line) ? [fix(`Add modifier ${mod}`, [addModifier(line, mod)])] : [],
            // the earlier sessions (the first ten: a day is rarely more)
            related: earlier.slice(0, 10).map((o) => ({
              uri: o.uri,
              range: spanRange(o.facts.tpiLines[0].code),
              message: `earlier session that day: ${claimName(o.claim)} (${providerText(o)})`,
            })),
          },
        );
      });
    },
  },
  {
    id: 'laterality-conflict',
    family: 'Modifiers and same-day services',
    severity: 'error',
    summary:
      'On a TPI line, RT while the claim has at least one sided muscle and every sided muscle is on the left, or LT likewise on the right.',
    why: 'The side modifier must match the side injected; a contradiction is a denial and an audit flag.',
    source: 'HCPCS modifiers RT and LT, CMS (docs/reference.md#modifiers)',
    fixes: 'Swap RT/LT (preferred).',
    example: 'line 20552 mod RT dx A\n  muscles left upper trapezius',
    claim({ facts, report }) {
      const sided = facts.muscles.filter((m) => m.side);
      if (!sided.length) return;
      const allLeft = sided.every((m) => m.side === 'L'),
        allRight = sided.every((m) => m.side === 'R');
      for (const line of facts.tpiLines) {
        for (const m of line.modifiers) {
          const conflict = (m.value === 'RT' && allLeft) || (m.value === 'LT' && allRight);
          if (!conflict) continue;
          const other = m.value === 'RT' ? 'LT' : 'RT';
          report(
            m,
            `${m.value} on ${line.code.value}, but every muscle with a side is on the ${allLeft ? 'left' : 'right'}: change ${m.value} to ${other}.`,
            {
              fixes: [fix(`Change ${m.value} to ${other}`, [replace(m, other)], true)],
            },
          );
        }
      }
    },
  },
  {
    id: 'laterality-missing',
    family: 'Modifiers and same-day services',
    severity: 'info',
    summary: 'A TPI line without RT/LT on a claim that has at least one muscle, all of them with a side, the same side.',
    why: 'Many payers expect the side modifier when every injection was on one side; it also documents the location for repeat-interval checks.',
    source: 'HCPCS modifiers RT and LT, CMS (docs/reference.md#modifiers)',
    fixes: 'Add RT or LT.',
    example: 'line 20552 dx A\n  muscles left upper trapezius',
    claim({ facts, report }) {
      const muscles = facts.muscles;
      if (!muscles.length) return;
      const side = muscles[0].side;
      if (!side || !muscles.every((m) => m.side === side)) return;
      const mod = side === 'L' ? 'LT' : 'RT';
      // on a claim whose one TPI line has the wrong code, the advice names the code muscle-count calls for
      const right = facts.tpiLines.length === 1 ? codeForCount(muscles.length) : undefined;
      for (const line of facts.tpiLines) {
        if (hasModifier(line, 'RT', 'LT')) continue;
        const code =
          right && right !== line.code.value
            ? `the line (billed as ${right} for ${muscles.length} muscle${muscles.length === 1 ? '' : 's'})`
            : line.code.value;
        report(line.code, `Every muscle is on the ${side === 'L' ? 'left' : 'right'}: add ${mod} to ${code}.`, {
          fixes: canAddModifier(line) ? [fix(`Add modifier ${mod}`, [addModifier(line, mod)])] : [],
        });
      }
    },
  },
  {
    id: 'g2211-with-25',
    family: 'Modifiers and same-day services',
    severity: 'warning',
    summary: 'G2211 on a claim whose E/M line carries 25: the add-on is not paid with a modifier-25 E/M beside a procedure.',
    why: 'Since 2025 G2211 is paid with a modifier-25 E/M only beside preventive services, vaccines or a wellness visit; a trigger point injection is none of these.',
    source: 'CMS calendar year 2025 Medicare Physician Fee Schedule final rule (docs/reference.md#g2211)',
    fixes: 'Delete the line.',
    example: 'line 99213 mod 25 dx B\n  line G2211 dx B',
    claim({ file, claim, report }) {
      const em25 = claim.lines.find((l) => isEm(l.code.value) && hasModifier(l, '25'));
      if (!em25) return;
      for (const line of claim.lines) {
        if (line.code.value === 'G2211')
          report(
            line.code,
            `G2211 with ${em25.code.value}-25: delete G2211, it is not paid. The add-on is not paid when its E/M carries modifier 25 beside a procedure.`,
            {
              fixes: [fix('Delete the G2211 line', [deleteLine(file, line.line)])],
              related: [{ uri: file.uri, range: spanRange(em25.code), message: `E/M ${em25.code.value} with modifier 25` }],
            },
          );
      }
    },
  },
]);

/** The claim's lines that are the column 2 code of a loaded pair with the given modifier indicator, whose column 1 code is also billed. */
function pairsOn(
  claim: ClaimBlock,
  edits: readonly { column1: string; column2: string; modifier: 0 | 1 | 9; rationale: string }[],
  indicator: 0 | 1,
): { column1: string; column2: string; rationale: string; line: ServiceLine }[] {
  const codes = new Set(claim.lines.map((l) => l.code.value));
  const out: { column1: string; column2: string; rationale: string; line: ServiceLine }[] = [];
  for (const e of edits) {
    if (e.modifier !== indicator || !codes.has(e.column1) || !codes.has(e.column2) || e.column1 === e.column2) continue;
    for (const line of claim.lines)
      if (line.code.value === e.column2) out.push({ column1: e.column1, column2: e.column2, rationale: e.rationale, line });
  }
  return out;
}
