// The rule documentation shipped with the extension (docs/rules.md), read for the rule picker,
// and the links that open a rule's documentation. No `vscode` here: unit tests load this file.
import type { WorkspaceSummary } from '../../server/src/service';

export interface RuleDoc {
  id: string;
  family: string;
  /** the default severity, as the page gives it */
  severity: string;
  /** when the rule fires, in a sentence */
  summary: string;
  /** 0-based line of the rule's heading */
  line: number;
}

/** The rules of docs/rules.md in their order: `## Family`, then `### \`rule-id\`` per rule. */
export function parseRulesDoc(text: string): RuleDoc[] {
  const out: RuleDoc[] = [];
  let family = '';
  let current: RuleDoc | undefined;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    let m: RegExpExecArray | null;
    if ((m = /^## (.+)$/.exec(l))) {
      family = m[1].trim();
      current = undefined;
    } else if ((m = /^### `([a-z0-9-]+)`\s*$/.exec(l))) {
      current = { id: m[1], family, severity: '', summary: '', line: i };
      out.push(current);
    } else if (current && !current.severity && (m = /^Default severity: \*\*([a-z]+)\*\*/.exec(l))) {
      current.severity = m[1];
    } else if (current && !current.summary && (m = /^\*\*When:\*\* (.+)$/.exec(l))) {
      current.summary = m[1].trim();
    }
  }
  return out;
}

/** The command that opens a rule's documentation (the palette's "ClaimNote: Open Rule Documentation"). */
export const OPEN_RULE_COMMAND = 'claimnote.openRuleDocumentation';

/** A `command:` link that opens the rule's documentation, for a diagnostic's code link. */
export function openRuleLink(id: string): string {
  return `command:${OPEN_RULE_COMMAND}?${encodeURIComponent(JSON.stringify([id]))}`;
}

/**
 * The rule id of a diagnostic's documentation link from the server (`…/rules.md#rule-id`), or
 * undefined for any other link.
 */
export function ruleOfDocsLink(href: string): string | undefined {
  const m = /\/rules\.md#([a-z0-9-]+)$/.exec(href);
  return m ? m[1] : undefined;
}

/** The workspace's counts, as the server's `claimnote/summary` request answers them. */
export type Summary = WorkspaceSummary;

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** "2 claims, 3 errors, 1 warning": the language status item's text. */
export function countsText(s: Summary): string {
  return `${plural(s.claims, 'claim')}, ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}`;
}

/** The sentence of "Check Workspace". */
export function summaryMessage(s: Summary): string {
  const what = `${plural(s.files, '.claim file')}, ${plural(s.claims, 'claim')}, ${plural(s.policies, 'policy', 'policies')}`;
  const found =
    s.errors + s.warnings + s.infos
      ? `${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.infos, 'info', 'infos')}`
      : 'no problems';
  return `ClaimNote checked ${what}: ${found}.`;
}
