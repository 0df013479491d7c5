// The workspace a CLI command works on: the .claim files of its paths read into one language
// service (an unreadable file is one too, and named on stderr), with the user's rule severities
// and, with --data, CMS's files loaded first. `check` splits large workspaces (parts.ts); the
// other commands use this.
import { useDataFolder } from '../data/loaded';
import { decodeClaimBytes, readClaimBytes } from '../files';
import type { Finding, RuleSeverities } from '../rules/rule';
import type { RuleId } from '../rules/ids';
import { ClaimNoteService } from '../service';
import type { Command } from './args';
import { collectFiles, displayPath } from './paths';

export interface LoadedWorkspace {
  service: ClaimNoteService;
  /** each file's path as reports show it, by URI */
  pathOf: Map<string, string>;
}

export function loadWorkspace(
  paths: readonly string[],
  command: Command,
  o: { severities?: RuleSeverities; data?: string; err?: (s: string) => void } = {},
): LoadedWorkspace {
  if (o.data) useDataFolder(o.data);
  const service = new ClaimNoteService();
  if (o.severities) service.configure({ rules: o.severities });
  const files = collectFiles(paths, command);
  const pathOf = new Map(files.map((f) => [f.uri, displayPath(f.path)]));
  for (const f of files) {
    const r = readClaimBytes(f.path);
    const decoded = 'bytes' in r ? decodeClaimBytes(r.bytes) : r;
    if ('text' in decoded) service.setDocument(f.uri, decoded.text);
    else {
      service.setUnreadable(f.uri, decoded.error);
      o.err?.(`claimnote: ${displayPath(f.path)} not read: ${decoded.error}\n`);
    }
  }
  return { service, pathOf };
}

/** Names on stderr each file a check in parts could not read (its finding says why). */
export function reportUnreadable(
  files: readonly { path: string }[],
  local: readonly (readonly Finding[])[],
  err: (s: string) => void,
): void {
  local.forEach((list, i) => {
    for (const f of list)
      if (f.code === ('unreadable-file' satisfies RuleId)) err(`claimnote: ${displayPath(files[i].path)} not read: ${f.message}\n`);
  });
}
