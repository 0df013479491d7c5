// The command line's arguments: commands, options, help texts. Parsing never touches the disk.
import { MAX_JOBS, SHARD_BYTES } from '../parts';
import type { RuleId } from '../rules/ids';
import type { RuleSeverities, SeveritySetting } from '../rules/rule';
import { parseRuleSeverity } from '../settings';

/** Bad usage: the message is printed with the command's usage, and the exit status is 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: Command,
  ) {
    super(message);
  }
}

export type Command = 'check' | 'fix';
export type Format = 'text' | 'json' | 'sarif';

export interface CheckOptions {
  command: 'check';
  format: Format;
  exitZero: boolean;
  /** true or false when --color or --no-color was given */
  color?: boolean;
  severities: RuleSeverities;
  jobs?: number;
  paths: string[];
}

export interface FixOptions {
  command: 'fix';
  dryRun: boolean;
  severities: RuleSeverities;
  paths: string[];
}

export type Parsed = CheckOptions | FixOptions | { command: 'help'; topic?: Command } | { command: 'version' };

/** How many times `fix` checks and fixes again, at most (a fix can make another one possible). */
export const MAX_FIX_PASSES = 10;

export const MAIN_USAGE = `usage: claimnote <command> [options] <file-or-folder>...

Commands:
  check   report the problems of .claim files (text, JSON or SARIF)
  fix     apply every preferred fix to .claim files (--dry-run shows a diff instead)

Options:
  -h, --help       this help; \`claimnote <command> --help\` for a command's options
  -V, --version    the version of ClaimNote

Folders are searched for .claim files (not following symbolic links, skipping hidden folders
and node_modules). Everything given is one workspace.`;

export const CHECK_USAGE = `usage: claimnote check [options] <file-or-folder>...

Reports the problems of .claim files: one line per finding, then each claim's status.

Options:
  --format text|json|sarif   the report's format (default: text)
  --exit-zero                exit 0 after a run even when something is an error
  --rule <rule-id>=<error|warning|info|hint|off>
                             the severity of a rule (repeatable)
  --jobs N                   check with N threads (default: one per CPU, at most ${MAX_JOBS},
                             for ${SHARD_BYTES / 1e6} MB of claims or more)
  --color, --no-color        colour the text report or not (default: when stdout is a
                             terminal and NO_COLOR is not set; FORCE_COLOR forces it)
  -h, --help                 this help

Text: path:line:col claim-id severity message [rule-id] (1-based; \`-\` for a finding outside
any claim), then one line per claim (ready, or its errors and warnings) and the totals.
Exit status: 0 when nothing is an error, 1 when something is, 2 on bad usage (or an internal error).`;

export const FIX_USAGE = `usage: claimnote fix [options] <file-or-folder>...

Applies every preferred fix (what the editor's Fix all applies), checking again after each
pass until nothing changes (at most ${MAX_FIX_PASSES} passes). A file is written in one step
(a new file renamed over it), with its line endings and byte-order mark kept, and only if it
has not changed on disk since it was read.

Options:
  --dry-run                  write nothing; print the changes as a unified diff
  --rule <rule-id>=<error|warning|info|hint|off>
                             the severity of a rule (repeatable; an \`off\` rule is not fixed)
  -h, --help                 this help

Exit status: 0 when nothing left is an error, 1 when an error remains (or a file could not be
written), 2 on bad usage (or an internal error).`;

export function usageOf(command?: Command): string {
  return command === 'check' ? CHECK_USAGE : command === 'fix' ? FIX_USAGE : MAIN_USAGE;
}

function isCommand(s: string | undefined): s is Command {
  return s === 'check' || s === 'fix';
}

export function parseArgs(argv: readonly string[]): Parsed {
  const first = argv[0];
  if (first === '--help' || first === '-h') return { command: 'help' };
  if (first === '--version' || first === '-V') return { command: 'version' };
  if (first === 'help') {
    if (argv[1] === undefined) return { command: 'help' };
    if (isCommand(argv[1])) return { command: 'help', topic: argv[1] };
    throw new UsageError(`help: unknown command \`${argv[1]}\`: the commands are \`check\` and \`fix\``);
  }
  if (first === undefined) throw new UsageError('missing command: `check` or `fix`');
  if (!isCommand(first)) throw new UsageError(`unknown command \`${first}\`: the commands are \`check\` and \`fix\``);
  const command = first;
  const args = argv.slice(1);
  const paths: string[] = [];
  const severities: Partial<Record<RuleId, SeveritySetting>> = {};
  let format: Format = 'text',
    exitZero = false,
    color: boolean | undefined,
    jobs: number | undefined,
    dryRun = false;
  const only = (a: string, c: Command) => {
    if (command !== c) throw new UsageError(`\`${a}\` is an option of \`claimnote ${c}\`, not of \`${command}\``, command);
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = (name: string) => {
      const eq = a.indexOf('=');
      if (a.startsWith('--') && eq > 0) return a.slice(eq + 1);
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${name} needs a value`, command);
      return v;
    };
    const is = (name: string) => a === name || a.startsWith(name + '=');
    if (a === '--help' || a === '-h') return { command: 'help', topic: command };
    else if (a === '--exit-zero') {
      only(a, 'check');
      exitZero = true;
    } else if (a === '--color' || a === '--no-color') {
      only(a, 'check');
      color = a === '--color';
    } else if (a === '--dry-run') {
      only(a, 'fix');
      dryRun = true;
    } else if (is('--format')) {
      only('--format', 'check');
      const f = value('--format');
      if (f !== 'text' && f !== 'json' && f !== 'sarif')
        throw new UsageError(`--format must be text, json or sarif, not \`${f}\``, command);
      format = f;
    } else if (is('--rule')) {
      const r = value('--rule');
      const m = /^([a-z0-9-]+)=([a-z]+)$/.exec(r);
      if (!m) throw new UsageError(`--rule takes <rule-id>=<severity>, not \`${r}\``, command);
      const rule = parseRuleSeverity(m[1], m[2]);
      if ('error' in rule) throw new UsageError(`--rule ${m[1]}=${m[2]}: ${rule.error}`, command);
      severities[rule.id] = rule.severity;
    } else if (is('--jobs')) {
      only('--jobs', 'check');
      const j = value('--jobs');
      if (!/^\d+$/.test(j) || Number(j) < 1 || Number(j) > 64)
        throw new UsageError(`--jobs takes a number of threads from 1 to 64, not \`${j}\``, command);
      jobs = Number(j);
    } else if (a === '--') {
      paths.push(...args.slice(i + 1));
      break;
    } else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option \`${a}\``, command);
    else paths.push(a);
  }
  if (!paths.length) throw new UsageError(command === 'fix' ? 'no file or folder to fix' : 'no file or folder to check', command);
  if (command === 'fix') return { command, dryRun, severities, paths };
  return { command, format, exitZero, color, severities, jobs, paths };
}
