// The SARIF 2.1.0 report (`check --format sarif`): one run, every rule's metadata, one result
// per finding with its claim, related locations and preferred fixes.
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { RULES } from '../rules/registry';
import type { Finding, Range, Severity } from '../rules/rule';
import { docsLink, INFORMATION_URI, TOOL_NAME, VERSION } from './meta';
import type { PathOf } from './json';

export const SRCROOT = '%SRCROOT%';
const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };
const RULE_INDEX = new Map(RULES.map((r, i) => [r.id, i]));

function rules(): Sarif.ReportingDescriptor[] {
  return RULES.map((r) => ({
    id: r.id,
    name: r.id.replace(/(^|-)([a-z0-9])/g, (_, _d: string, c: string) => c.toUpperCase()),
    shortDescription: { text: r.summary },
    fullDescription: { text: r.why },
    help: {
      text: `${r.why}\n\nSource: ${r.source}\n\nFixes: ${r.fixes}`,
      markdown: `${r.why}\n\n**Source:** ${r.source}\n\n**Fixes:** ${r.fixes}`,
    },
    helpUri: docsLink(r.id),
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { family: r.family },
  }));
}

/**
 * Where a file is: relative to %SRCROOT% (the working folder) when it lies under it, else its
 * file URL.
 */
export function artifactLocation(path: string): Sarif.ArtifactLocation {
  const full = resolve(path);
  const under = relative(process.cwd(), full);
  if (!under || under === '..' || under.startsWith('..' + sep) || isAbsolute(under)) return { uri: pathToFileURL(full).href };
  return { uri: under.split(sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

/** SARIF regions are 1-based; columns count UTF-16 code units, as LSP's characters do; the end is exclusive. */
export function region(r: Range): Sarif.Region {
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

export function sarifResult(path: string, f: Finding, claim: string | undefined, pathOf: PathOf): Sarif.Result {
  const location = artifactLocation(path);
  const result: Sarif.Result = {
    ruleId: f.code,
    ruleIndex: RULE_INDEX.get(f.code),
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [{ physicalLocation: { artifactLocation: location, region: region(f.range) } }],
  };
  if (f.related?.length) {
    result.relatedLocations = f.related.map((r, i) => ({
      id: i,
      message: { text: r.message },
      physicalLocation: { artifactLocation: artifactLocation(pathOf(r.uri)), region: region(r.range) },
    }));
  }
  const fixes = f.fixes.filter((x) => x.isPreferred);
  if (fixes.length) {
    result.fixes = fixes.map((x) => ({
      description: { text: x.title },
      artifactChanges: [
        {
          artifactLocation: location,
          replacements: x.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
        },
      ],
    }));
  }
  result.properties = { severity: f.severity, ...(claim ? { claimId: claim } : {}) };
  return result;
}

/**
 * The log around its results: the text before the first result and after the last, so that
 * results are written one by one (a large workspace has hundreds of thousands).
 */
export function sarifFrame(): { head: string; tail: string } {
  const marker = '\u0000results\u0000';
  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: TOOL_NAME, version: VERSION, semanticVersion: VERSION, informationUri: INFORMATION_URI, rules: rules() } },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(process.cwd()).href.replace(/\/?$/, '/') } },
        columnKind: 'utf16CodeUnits',
        results: [marker as unknown as Sarif.Result],
      },
    ],
  };
  const [head, tail] = JSON.stringify(log).split(JSON.stringify(marker));
  return { head, tail };
}
