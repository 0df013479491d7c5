// ClaimNote's settings: one typed shape, its defaults, and the parse of a raw settings object
// (the `claimnote` section of VS Code's settings, another editor's `workspace/configuration`
// answer or initializationOptions, a CLI configuration file). The parse never throws: what it
// cannot use is left at its default and named in a warning.
import { isRuleId, type RuleId } from './rules/ids';
import type { RuleSeverities, SeveritySetting } from './rules/rule';

export interface ClaimNoteSettings {
  /** severity per rule id, replacing the rule's default (the GA/GZ downgrade included) */
  rules: RuleSeverities;
  fees: {
    /** Medicare payments with the qualifying APM participant conversion factor */
    qualifyingApm: boolean;
  };
  /** the code lens with the expected payment and the session count */
  codeLens: { enabled: boolean };
  /** the inlay hint with the muscle count on each trigger point line */
  inlayHints: { enabled: boolean };
  /** a folder of CMS's files (absolute, or relative to the first workspace folder); none: the built-in data */
  data: { folder?: string };
}

export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['error', 'warning', 'info', 'hint', 'off'];

export const DEFAULT_SETTINGS: Readonly<ClaimNoteSettings> = Object.freeze({
  rules: Object.freeze({}),
  fees: Object.freeze({ qualifyingApm: false }),
  codeLens: Object.freeze({ enabled: true }),
  inlayHints: Object.freeze({ enabled: true }),
  data: Object.freeze({}),
});

export interface ParsedSettings {
  settings: ClaimNoteSettings;
  /** one sentence per value that was ignored, naming the setting (`claimnote.rules: ...`) */
  warnings: string[];
}

/**
 * One rule's severity setting (`claimnote.rules` in an editor, `--rule id=severity` on the
 * command line): the rule id and severity, or why they cannot be used.
 */
export function parseRuleSeverity(id: string, value: unknown): { id: RuleId; severity: SeveritySetting } | { error: string } {
  if (!isRuleId(id)) return { error: 'there is no such rule' };
  if (typeof value !== 'string' || !(SEVERITY_SETTINGS as readonly string[]).includes(value))
    return { error: `the severity must be ${SEVERITY_SETTINGS.slice(0, -1).join(', ')} or ${SEVERITY_SETTINGS.at(-1)}` };
  return { id, severity: value as SeveritySetting };
}

/** Keys of the section that belong to the editor's client, not to the checks. */
const CLIENT_KEYS = new Set(['trace']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Validates a raw settings object (the `claimnote` section: `{ rules, fees: { qualifyingApm },
 * codeLens: { enabled }, inlayHints: { enabled } }`). `undefined` or `null` gives the defaults.
 */
export function parseSettings(raw: unknown): ParsedSettings {
  const warnings: string[] = [];
  const settings: ClaimNoteSettings = {
    rules: {},
    fees: { ...DEFAULT_SETTINGS.fees },
    codeLens: { ...DEFAULT_SETTINGS.codeLens },
    inlayHints: { ...DEFAULT_SETTINGS.inlayHints },
    data: {},
  };
  if (raw === undefined || raw === null) return { settings, warnings };
  if (!isObject(raw)) {
    warnings.push(`claimnote: ignoring settings that are not an object: ${JSON.stringify(raw)}`);
    return { settings, warnings };
  }

  const rules: Partial<Record<RuleId, SeveritySetting>> = {};
  if (isObject(raw.rules)) {
    for (const [id, value] of Object.entries(raw.rules)) {
      const r = parseRuleSeverity(id, value);
      if ('id' in r) rules[r.id] = r.severity;
      else warnings.push(`claimnote.rules: ignoring ${id}=${JSON.stringify(value)}: ${r.error}`);
    }
  } else if (raw.rules !== undefined && raw.rules !== null) {
    warnings.push('claimnote.rules: ignoring a value that is not an object of rule ids and severities');
  }
  settings.rules = rules;

  const flag = (section: 'fees' | 'codeLens' | 'inlayHints', key: string, set: (v: boolean) => void): void => {
    const group = raw[section];
    if (group === undefined || group === null) return;
    if (!isObject(group)) {
      warnings.push(`claimnote.${section}: ignoring a value that is not an object`);
      return;
    }
    const v = group[key];
    if (v === undefined || v === null) return;
    if (typeof v === 'boolean') set(v);
    else warnings.push(`claimnote.${section}.${key}: ignoring a value that is not true or false`);
  };
  flag('fees', 'qualifyingApm', (v) => {
    settings.fees.qualifyingApm = v;
  });
  flag('codeLens', 'enabled', (v) => {
    settings.codeLens.enabled = v;
  });
  flag('inlayHints', 'enabled', (v) => {
    settings.inlayHints.enabled = v;
  });

  settings.data = {};
  const data = raw.data;
  if (data !== undefined && data !== null) {
    if (!isObject(data)) warnings.push('claimnote.data: ignoring a value that is not an object');
    else if (data.folder !== undefined && data.folder !== null && data.folder !== '') {
      if (typeof data.folder === 'string') settings.data.folder = data.folder;
      else warnings.push('claimnote.data.folder: ignoring a value that is not a path');
    }
  }

  for (const key of Object.keys(raw)) {
    if (!['rules', 'fees', 'codeLens', 'inlayHints', 'data'].includes(key) && !CLIENT_KEYS.has(key)) {
      warnings.push(`claimnote.${key}: ignoring an unknown setting`);
    }
  }
  return { settings, warnings };
}
