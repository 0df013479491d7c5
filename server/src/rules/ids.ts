// Every rule id, in the order of docs/rules.md: the stable codes that the rules, the engine, the
// settings, the CLI's --rule, the quick fixes and the tests share (a diagnostic's `code`). A rule
// id written anywhere in the sources is a `RuleId`, so a typo fails the type check. Adding a rule
// is adding its id here and its definition in its family's file (a test checks they agree).
export const RULE_IDS = [
  // Structure
  'syntax',
  'unreadable-file',
  'missing-field',
  'duplicate-field',
  'duplicate-claim-id',
  'duplicate-diagnosis',
  'invalid-date',
  'invalid-npi',
  'unknown-pos',
  'unknown-payer',
  'duplicate-policy',
  // Codes and pointers
  'icd-format',
  'icd-not-billable',
  'icd-unknown',
  'dx-pointer-undefined',
  'dx-pointer-missing',
  'diagnosis-unused',
  'unknown-code',
  // Trigger point injections
  'modifier-50',
  'units',
  'muscle-count',
  'tpi-both-codes',
  'tpi-repeat-line',
  'tpi-telehealth',
  'muscles-missing',
  'muscle-vague',
  'muscle-unknown',
  'dx-not-supported',
  'dx-region-mismatch',
  'infection-contraindication',
  // Payer policy
  'dx-not-covered',
  'frequency-limit',
  'repeat-interval',
  'auth-missing',
  'multiple-regions',
  'guidance-not-covered',
  'same-day-limit',
  // Modifiers and same-day services
  'modifier-unknown',
  'modifier-25-missing',
  'modifier-25-misplaced',
  'modifier-25-undocumented',
  'modifier-59-unneeded',
  'modifier-59-with-x',
  'ncci-pair-unmodified',
  'ncci-pair-never',
  'dry-needling-with-tpi',
  'modifier-76',
  'modifier-77',
  'repeat-session-unmarked',
  'laterality-conflict',
  'laterality-missing',
  'g2211-with-25',
  // Documentation
  'doc-drug',
  'doc-exam',
  'doc-tried',
  'doc-response',
  'doc-technique',
  'doc-symptoms',
  // Drugs and supplies
  'drug-supply-code',
  'drug-units-mismatch',
  'drug-code-deleted',
  'jcode-in-facility',
  'anesthetic-billed',
  'botox-with-tpi',
  // Billing details
  'mbi-format',
  'born-after-service',
  'ndc-format',
  'ndc-missing',
  'charge-below-payment',
  'unknown-practice',
  'duplicate-practice',
  'practice-missing',
  'billing-address',
  'export-missing',
  // Denials and appeals
  'claim-denied',
  'appeal-late',
  'denied-before-service',
  'denial-unknown-line',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

const KNOWN: ReadonlySet<string> = new Set(RULE_IDS);

/** Whether a string (a setting, a command-line argument) is a rule id. */
export function isRuleId(s: string): s is RuleId {
  return KNOWN.has(s);
}
