// ClaimNote's reference, docs/reference.md (shipped with the extension, next to docs/rules.md):
// the facts behind the rules with their real sources. A rule's `source` and a hover cite a
// section as `docs/reference.md#<anchor>`; linkCitations turns each citation into a link to
// the shipped file, or into the section's name in words where there is no link to give.
import { lookupTable } from './lookup';

/** The sections of docs/reference.md: anchor -> heading (test/unit/docs.test.mjs keeps them equal). */
export const REFERENCE_SECTIONS = lookupTable<string>({
  'how-sure': 'How sure each fact is',
  'tpi-codes': 'Trigger point codes',
  mue: 'Medically Unlikely Edits',
  ncci: 'NCCI edits and same-day services',
  'medicare-coverage': 'Medicare coverage',
  'payer-policies': "Other payers' policies",
  documentation: 'Documentation',
  'ga-gz': 'GA, GZ and the advance beneficiary notice',
  'icd-10-cm': 'ICD-10-CM',
  catalogues: "ClaimNote's catalogues",
  fees: 'Fees',
  modifiers: 'Modifiers',
  g2211: 'The E/M add-on G2211',
  drugs: 'Drugs',
  'place-of-service': 'Places of service',
  npi: 'NPI',
  'billing-identifiers': 'Billing identifiers',
  denials: 'Denials and appeals',
  'claim-form': 'The claim form',
  language: 'The ClaimNote language',
});

/** A citation of a section: `docs/reference.md#fees`. */
export const CITATION = /docs\/reference\.md#([a-z0-9-]+)/g;

/** The URI of docs/reference.md beside `docsBase` (the URI of docs/rules.md), if there is one. */
export function referenceUri(docsBase?: string): string | undefined {
  if (!docsBase) return undefined;
  try {
    return new URL('reference.md', docsBase).href;
  } catch {
    return undefined;
  }
}

/**
 * `text` with every citation of docs/reference.md as a Markdown link to that section of the
 * shipped file, or, without `docsBase`, as `ClaimNote reference, "<heading>"`.
 */
export function linkCitations(text: string, docsBase?: string): string {
  const uri = referenceUri(docsBase);
  return text.replace(CITATION, (_m, anchor: string) => {
    const title = REFERENCE_SECTIONS[anchor] ?? anchor;
    return uri ? `[ClaimNote reference: ${title}](${uri}#${anchor})` : `ClaimNote reference, "${title}"`;
  });
}
