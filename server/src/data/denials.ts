// Claim adjustment reason codes ClaimNote explains, in its own words, and the ClaimNote
// findings that explain each (docs/reference.md#denials): the X12 code lists as reproduced in
// CMS's CCW codebook (ResDAC, "Adjustment Reason Code"); the map to findings is ClaimNote's.
import type { RuleId } from '../rules/ids';
import { lookupTable } from './lookup';

export interface Reason {
  meaning: string;
  explainedBy: readonly RuleId[];
}

const reasons: Record<string, Reason> = {
  // (the patient's share: never a denial)
  '1': { meaning: 'the deductible', explainedBy: [] },
  '2': { meaning: 'coinsurance', explainedBy: [] },
  '3': { meaning: 'the copayment', explainedBy: [] },
  '4': {
    meaning: 'the code does not fit its modifier, or a required modifier is missing',
    explainedBy: [
      'modifier-50',
      'modifier-25-missing',
      'modifier-25-misplaced',
      'modifier-59-unneeded',
      'modifier-59-with-x',
      'laterality-conflict',
      'laterality-missing',
      'modifier-76',
      'modifier-77',
      'repeat-session-unmarked',
      'ncci-pair-unmodified',
    ],
  },
  '5': { meaning: 'the code does not fit the place of service', explainedBy: ['tpi-telehealth', 'jcode-in-facility'] },
  '11': { meaning: 'the diagnosis does not fit the procedure', explainedBy: ['dx-not-supported', 'dx-region-mismatch'] },
  '14': { meaning: 'the birth date is after the date of service', explainedBy: ['born-after-service'] },
  '15': { meaning: 'prior authorization missing, invalid, or not for this service', explainedBy: ['auth-missing'] },
  '16': {
    meaning: 'information missing or a billing error',
    explainedBy: [
      'missing-field',
      'dx-pointer-missing',
      'dx-pointer-undefined',
      'invalid-npi',
      'mbi-format',
      'ndc-format',
      'ndc-missing',
      'export-missing',
    ],
  },
  '18': { meaning: 'an exact duplicate of a claim or service', explainedBy: ['duplicate-claim-id', 'tpi-repeat-line', 'tpi-both-codes'] },
  '50': {
    meaning: 'not medically necessary for the payer',
    explainedBy: ['dx-not-covered', 'doc-tried', 'doc-exam', 'multiple-regions', 'guidance-not-covered'],
  },
  '96': { meaning: 'a service the payer does not cover', explainedBy: ['guidance-not-covered', 'tpi-telehealth', 'dry-needling-with-tpi'] },
  '97': {
    meaning: 'paid as part of another service (bundled)',
    explainedBy: ['anesthetic-billed', 'dry-needling-with-tpi', 'ncci-pair-unmodified', 'g2211-with-25'],
  },
  '119': { meaning: 'the benefit maximum for the period is reached', explainedBy: ['frequency-limit'] },
  '146': { meaning: 'the diagnosis is not valid for the date of service', explainedBy: ['icd-not-billable', 'icd-unknown', 'icd-format'] },
  '151': {
    meaning: 'the payer finds the number or frequency of services unsupported',
    explainedBy: ['frequency-limit', 'repeat-interval', 'same-day-limit', 'units'],
  },
  '167': { meaning: 'the diagnosis is not covered', explainedBy: ['dx-not-covered', 'dx-not-supported'] },
  '236': {
    meaning: 'the code or code and modifier pair does not go with another service that day',
    explainedBy: ['ncci-pair-unmodified', 'same-day-limit', 'modifier-59-with-x'],
  },
};
reasons['197'] = reasons['15'];

/** Reason codes by code (upper case, a number without leading zeros). */
export const REASONS = lookupTable<Reason>(Object.fromEntries(Object.entries(reasons).map(([k, v]) => [k.toLowerCase(), v])));

export const DENIAL_SOURCE =
  'X12 claim adjustment reason codes, as reproduced in the CMS CCW codebook (ResDAC); 42 CFR 405.942 (docs/reference.md#denials)';

/** Days after a denial notice within which the built-in medicare's appeal may be filed: 120 days from receipt, presumed 5 days after the notice. */
export const MEDICARE_APPEAL_DAYS = 125;
