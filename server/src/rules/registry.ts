// Every rule, family by family (docs/rules.md lists them in this order). Adding a rule is one edit in its family's file.
import structure from './structure';
import codes from './codes';
import tpi from './tpi';
import policy from './policy';
import modifiers from './modifiers';
import documentation from './documentation';
import drugs from './drugs';
import billing from './billing';
import denials from './denials';
import type { Rule } from './rule';

export const RULES: readonly Rule[] = [
  ...structure,
  ...codes,
  ...tpi,
  ...policy,
  ...modifiers,
  ...documentation,
  ...drugs,
  ...billing,
  ...denials,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.id, r]));
