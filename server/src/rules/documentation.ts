// Documentation a trigger point injection claim needs (Noridian LCD L34211 documentation
// requirements; docs/reference.md#documentation). TPI claims only; reported at the claim id unless said.
import type { TextField } from '../language/syntax';
import { hasText, keywordOf } from '../language/syntax';
import { defineRules, Rule, Severity } from './rule';
import { fix, insertLinesAfter } from './edits';
import { cap, claimAnchor, claimName } from './structure';

const DOC_SOURCE =
  "Noridian LCD L34211 and article A57701 documentation requirements, with ClaimNote's checklist for a procedure note (docs/reference.md#documentation)";

/** The documentation fields a rule checks (`note`, the E/M's separate-service note, has no rule of its own). */
type DocField = Exclude<TextField, 'note'>;

function docRule(field: DocField, severity: Severity, what: string, why: string, placeholder: string): Rule {
  return {
    id: `doc-${field}`,
    family: 'Documentation',
    severity,
    summary: `A TPI claim without a \`${field}\` line (${what}).`,
    why,
    source: DOC_SOURCE,
    fixes: `Insert a \`${field}\` line to complete.`,
    claim({ file, claim, facts, report }) {
      if (!facts.isTpiClaim || hasText(claim, field)) return;
      report(
        claimAnchor(claim),
        `${cap(claimName(claim))} documents no ${what.replace(/ \(.*\)$/, '')}: add ${/^[aeiou]/.test(field) ? 'an' : 'a'} ${field} line. A trigger point injection note records the ${what}.`,
        {
          fixes: [
            fix(`Insert ${/^[aeiou]/.test(field) ? 'an' : 'a'} ${field} line`, [
              insertLinesAfter(file, claim.endLine, [`  ${field} ${placeholder}`]),
            ]),
          ],
        },
      );
    },
  };
}

export default defineRules([
  {
    id: 'doc-drug',
    family: 'Documentation',
    severity: 'warning',
    summary:
      'A TPI claim without a `drug` line (at the claim id); or a `drug` line without an amount, or with a volume but no concentration (at its `drug` keyword).',
    why: 'The note must name each injectant and its amount; a volume without a concentration does not say how much drug was given.',
    source: DOC_SOURCE,
    fixes: 'Insert a `drug` line to complete (for a claim without one).',
    example: 'drug bupivacaine 3 mL',
    claim({ file, claim, facts, report }) {
      if (!facts.isTpiClaim) return;
      if (!claim.drugs.length) {
        report(claimAnchor(claim), `${cap(claimName(claim))} documents no injectant: add a drug line with its name and amount.`, {
          fixes: [fix('Insert a drug line', [insertLinesAfter(file, claim.endLine, ['  drug <name> <concentration> <amount>'])])],
        });
        return;
      }
      for (const d of claim.drugs) {
        if (!d.dose) report(keywordOf(d), `Drug ${d.name.text} has no amount: write how much was given (1 mL, 40 mg).`);
        else if ((d.dose.unit === 'ml' || d.dose.unit === 'cc') && !d.concentration)
          report(
            keywordOf(d),
            `Drug ${d.name.text} ${d.dose.amount} ${d.dose.unit === 'cc' ? 'cc' : 'mL'} has no concentration: add it (0.5%, 40 mg/mL...). A volume alone does not say how much drug was given.`,
          );
      }
    },
  },
  docRule(
    'exam',
    'warning',
    'examination findings (taut band, twitch response, referred pain)',
    'Trigger points are diagnosed by examination; without the findings the medical necessity of the injection is not documented.',
    '<findings: taut band, local twitch response, referred pain>',
  ),
  docRule(
    'tried',
    'warning',
    'conservative treatment tried before the injection',
    'Medicare expects failed conservative treatment before a first injection and ongoing conservative or rehabilitation care.',
    '<conservative treatment tried and its result>',
  ),
  docRule(
    'response',
    'info',
    'response to the injection',
    'Pain relief before and after on the same scale supports repeat injections.',
    '<pain before and after on the same scale>',
  ),
  docRule(
    'technique',
    'info',
    'injection technique',
    'The note should say how the injection was done (needle, approach, aspiration).',
    '<needle, approach, aspiration>',
  ),
  docRule(
    'symptoms',
    'info',
    'presenting symptoms',
    'The presenting symptoms support the diagnosis and the medical necessity.',
    '<presenting symptoms and duration>',
  ),
]);
