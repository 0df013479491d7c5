// Generates the schema of the `claimnote.rules` setting in package.json from the rule registry:
// one property per rule id, offering the severities, described by the rule's family, default
// and summary. VS Code then completes rule ids in settings.json and flags unknown ones.
//   node scripts/gen-settings.mjs     (after npm run build; rewrites package.json)
// test/unit/settings.test.mjs checks that package.json is current.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export const SEVERITIES = ['error', 'warning', 'info', 'hint', 'off'];
const SEVERITY_WORDS = [
  'Report it as an error.',
  'Report it as a warning.',
  'Report it as information.',
  'Report it as a hint (dots under the text, not in the Problems panel).',
  'Do not report it.',
];

/** The `claimnote.rules` property of contributes.configuration. */
export function rulesSetting(RULES) {
  const properties = {};
  for (const r of RULES) {
    properties[r.id] = {
      type: 'string',
      enum: SEVERITIES,
      enumDescriptions: SEVERITY_WORDS,
      markdownDescription: `${r.family}, default **${r.severity}**. ${r.summary}`,
    };
  }
  return {
    scope: 'resource',
    type: 'object',
    default: {},
    order: 0,
    markdownDescription:
      'Severity per rule, replacing its default (the GA/GZ downgrade to info included): `error`, `warning`, `info`, `hint` or `off`. Applied as you save the setting. Example: `{ "doc-symptoms": "off", "laterality-missing": "hint" }`. Every rule is described in **ClaimNote: Open Rule Documentation**.',
    properties,
    additionalProperties: false,
  };
}

/** package.json's text with the `claimnote.rules` schema generated from `RULES`. */
export function withRulesSetting(packageText, RULES) {
  const pkg = JSON.parse(packageText);
  pkg.contributes.configuration.properties['claimnote.rules'] = rulesSetting(RULES);
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { RULES } = createRequire(import.meta.url)(join(root, 'server/out/service.js'));
  const file = join(root, 'package.json');
  const before = readFileSync(file, 'utf8');
  const after = withRulesSetting(before, RULES);
  if (after !== before) writeFileSync(file, after);
  console.log(`package.json: claimnote.rules lists ${RULES.length} rules${after === before ? ' (unchanged)' : ''}`);
}
