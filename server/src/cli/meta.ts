// What the CLI says about itself: its version and where each rule's documentation is.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
// bundled at build time (esbuild keeps only the fields read)
import { version as packageVersion, repository } from '../../../package.json';

export const VERSION: string = packageVersion;
export const TOOL_NAME = 'claimnote';
/** The project's address, from package.json's repository (without `.git`). */
export const INFORMATION_URI: string = repository.url.replace(/\.git$/, '');

/**
 * The rules page shipped with ClaimNote (docs/rules.md in the package, beside the bundle's
 * server/out/): a file URL, so the link works offline, as the editor's diagnostics do.
 */
const RULES_PAGE = pathToFileURL(resolve(__dirname, '..', '..', 'docs', 'rules.md')).href;

/** The documentation link of a rule: docs/rules.md#<rule-id> as a file URL. */
export function docsLink(ruleId: string): string {
  return `${RULES_PAGE}#${ruleId}`;
}
