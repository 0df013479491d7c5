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

export type Command = 'check' | 'fix' | 'export' | 'import' | 'appeal' | 'remit' | 'form' | 'report' | 'data';
export type Format = 'text' | 'json' | 'sarif';

export interface CheckOptions {
  command: 'check';
  format: Format;
  exitZero: boolean;
  /** true or false when --color or --no-color was given */
  color?: boolean;
  severities: RuleSeverities;
  jobs?: number;
  /** a folder of CMS's files to judge claims by */
  data?: string;
  paths: string[];
}

export interface FixOptions {
  command: 'fix';
  dryRun: boolean;
  severities: RuleSeverities;
  paths: string[];
}

export interface ExportOptions {
  command: 'export';
  to: '837p' | 'fhir';
  /** the file to write; stdout when absent */
  out?: string;
  usage: 'test' | 'production';
  controlNumber: number;
  /** the date of creation (YYYY-MM-DD, optionally THH:MM); the run's date and time when absent */
  date?: string;
  exitZero: boolean;
  severities: RuleSeverities;
  data?: string;
  paths: string[];
}

export interface ImportOptions {
  command: 'import';
  out: string;
  strict: boolean;
  paths: string[];
}

export interface AppealOptions {
  command: 'appeal';
  claim: string;
  out?: string;
  date?: string;
  force: boolean;
  paths: string[];
}

export interface DataOptions {
  command: 'data';
  data?: string;
}

export interface ReportOptions {
  command: 'report';
  out?: string;
  format: 'html' | 'json';
  severities: RuleSeverities;
  data?: string;
  paths: string[];
}

export interface FormOptions {
  command: 'form';
  claim: string;
  out: string;
  data?: string;
  paths: string[];
}

export interface RemitOptions {
  command: 'remit';
  write: boolean;
  paths: string[];
}

export type Parsed =
  | CheckOptions
  | FixOptions
  | ExportOptions
  | ImportOptions
  | AppealOptions
  | RemitOptions
  | FormOptions
  | ReportOptions
  | DataOptions
  | { command: 'help'; topic?: Command }
  | { command: 'version' };

/** How many times `fix` checks and fixes again, at most (a fix can make another one possible). */
export const MAX_FIX_PASSES = 10;

export const MAIN_USAGE = `usage: claimnote <command> [options] <file-or-folder>...

Commands:
  check   report the problems of .claim files (text, JSON or SARIF), or of an 837P batch
  fix     apply every preferred fix to .claim files (--dry-run shows a diff instead)
  export  write the claims that are ready as one X12 837P interchange or a FHIR R4 Bundle
  import  turn X12 837P interchanges and FHIR R4 Claims or Bundles into .claim files
  appeal  draft the redetermination request for a denied claim (Markdown, HTML or PDF)
  remit   read 835 remittances: what each claim was paid and why it was denied (--write records it)
  form    draw a claim as a CMS-1500 form (SVG, PNG or PDF) with its findings on their boxes
  report  the workspace audit report: one self-contained HTML page with charts (or JSON)
  data    list the data ClaimNote has: built in, and the CMS files of a --data folder

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
  --data DIR                 judge claims by the CMS files of DIR (fees by locality: see claimnote data)
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

export const EXPORT_USAGE = `usage: claimnote export --to 837p|fhir [options] <file-or-folder>...

Checks the workspace and writes the claims that are ready (no error, nothing an 837P needs
missing) as one X12 837P (005010X222A1) interchange or one FHIR R4 Bundle. Each claim left out
is listed on stderr with what stops it. The same claims and options give the same bytes.

Options:
  --to 837p|fhir             the format (required)
  --out FILE                 write to FILE (default: standard output)
  --usage test|production    the interchange's usage indicator, ISA15 (default: test)
  --control-number N         the interchange control number, 1 to 999999999 (default: 1)
  --date YYYY-MM-DD[THH:MM]  the date of creation (default: now)
  --exit-zero                exit 0 even when a claim was left out
  --rule <rule-id>=<error|warning|info|hint|off>
                             the severity of a rule (repeatable)
  -h, --help                 this help

Exit status: 0 when every claim was exported, 1 when one was left out, 2 on bad usage (or an
internal error, or an interchange that fails ClaimNote's own 837P validation).`;

export const IMPORT_USAGE = `usage: claimnote import [options] <file.x12|file.837|file.json>... --out DIR

Reads X12 837P interchanges (any number of claims and transactions, any separators the ISA
declares) and FHIR R4 Claims or Bundles, and writes .claim files to DIR: billing.claim with the
practice and policy blocks, and one file of claims per billing provider and payer. What a
format carries that ClaimNote cannot say is written above its claim as an \`# import:\` comment
and listed on stderr.

Options:
  --out DIR                  the folder to write to (created). Practices and payers its .claim
                             files define (by NPI, by payer id) are named, not defined again;
                             an existing file is never overwritten (name-2.claim instead)
  --strict                   a claim with something ClaimNote cannot say is an error: exit 1
  -h, --help                 this help

Exit status: 0 when every claim was imported whole, 1 with --strict when one was not (or when a
file could not be read), 2 on bad usage (or an internal error).`;

export const APPEAL_USAGE = `usage: claimnote appeal --claim <id> [--out FILE.md|FILE.html|FILE.pdf] [--date YYYY-MM-DD] [--force] <file-or-folder>...

Drafts the redetermination request (appeal letter) for the latest denial of a claim, from its
note: the beneficiary, the service and its date, the party, the denial, the coverage criteria the
note documents, what the note lacks, the deadline, attachments and sources. The format follows
--out's extension (Markdown on standard output without --out). When the claim's own findings
explain the denial, a corrected claim is the remedy: nothing is written (exit 1) unless --force.

Options:
  --claim <id>               the claim (required)
  --out FILE                 .md, .html (self-contained, printable) or .pdf
  --date YYYY-MM-DD          the letter's date (default: today), which the deadline is compared with
  --force                    draft it even when the claim's findings explain the denial
  -h, --help                 this help`;

export const REMIT_USAGE = `usage: claimnote remit [--write] <file.835>... <file-or-folder>...

Reads X12 835 (005010X221A1) remittances and matches each claim (CLP01) to the workspace's claim
of that id: prints what was charged, paid and adjusted, the denied lines the remittance records,
and ClaimNote's explanation of each denial (the findings that explain it and the appeal
deadline). Claims the workspace does not have are listed. The 835 files are recognised by their
content (an interchange with ST*835); every other path is the workspace.

Options:
  --write                    add the denied lines after each claim's last line (never one the claim
                             already has; every other byte of the file unchanged)
  -h, --help                 this help`;

export const FORM_USAGE = `usage: claimnote form --claim <id> --out FILE.svg|FILE.png|FILE.pdf <file-or-folder>...

Draws the claim as a CMS-1500 (02/12) form, each box filled from the claim and outlined in its
finding's colour, for review and for printing on the red-ink form (not for OCR submission on
plain paper). More than six service lines make more pages (FILE-2.svg...).

Options:
  --claim <id>               the claim (required)
  --out FILE                 .svg, .png or .pdf (required)
  -h, --help                 this help`;

export const REPORT_USAGE = `usage: claimnote report [--out report.html] [--format html|json] [--rule <id>=<severity>]... <file-or-folder>...

The workspace audit report: claims checked, ready to export, with errors and warnings; the
expected payment and the payment at risk; findings by rule, family and payer as charts; each
patient's sessions against the payer's limit on a time line; denials by reason; a table of the
claims with their findings that sorts and filters. One self-contained HTML page (no network),
readable printed; --format json gives the same figures.`;

export const DATA_USAGE = `usage: claimnote data [--data DIR]

Lists the data ClaimNote judges claims by: the built-in ICD-10-CM year and fee figures, and with
--data each file of the folder, as CMS publishes it (unpacked): ICD-10-CM order and codes files,
the physician fee schedule RVU file (PPRRVU), the GPCI file (Addendum E), the NCCI
practitioner PTP files and the practitioner MUE file, recognised by their header. Each file's
kind, year or quarter and rows, and every row that could not be read, with its line number.
Exit status 1 when a row could not be read.`;

export function usageOf(command?: Command): string {
  if (command === 'data') return DATA_USAGE;
  if (command === 'report') return REPORT_USAGE;
  if (command === 'form') return FORM_USAGE;
  if (command === 'appeal') return APPEAL_USAGE;
  if (command === 'remit') return REMIT_USAGE;
  return command === 'check'
    ? CHECK_USAGE
    : command === 'fix'
      ? FIX_USAGE
      : command === 'export'
        ? EXPORT_USAGE
        : command === 'import'
          ? IMPORT_USAGE
          : MAIN_USAGE;
}

function isCommand(s: string | undefined): s is Command {
  return (
    s === 'check' ||
    s === 'fix' ||
    s === 'export' ||
    s === 'import' ||
    s === 'appeal' ||
    s === 'remit' ||
    s === 'form' ||
    s === 'report' ||
    s === 'data'
  );
}

const COMMANDS = '`check`, `fix`, `export`, `import`, `appeal`, `remit`, `form`, `report` and `data`';

export function parseArgs(argv: readonly string[]): Parsed {
  const first = argv[0];
  if (first === '--help' || first === '-h') return { command: 'help' };
  if (first === '--version' || first === '-V') return { command: 'version' };
  if (first === 'help') {
    if (argv[1] === undefined) return { command: 'help' };
    if (isCommand(argv[1])) return { command: 'help', topic: argv[1] };
    throw new UsageError(`help: unknown command \`${argv[1]}\`: the commands are ${COMMANDS}`);
  }
  if (first === undefined) throw new UsageError(`missing command: ${COMMANDS.replace(' and ', ' or ')}`);
  if (!isCommand(first)) throw new UsageError(`unknown command \`${first}\`: the commands are ${COMMANDS}`);
  const command = first;
  const args = argv.slice(1);
  const paths: string[] = [];
  const severities: Partial<Record<RuleId, SeveritySetting>> = {};
  let format: Format = 'text',
    exitZero = false,
    color: boolean | undefined,
    jobs: number | undefined,
    dryRun = false,
    to: '837p' | 'fhir' | undefined,
    out: string | undefined,
    usage: 'test' | 'production' = 'test',
    controlNumber = 1,
    date: string | undefined,
    strict = false,
    claim: string | undefined,
    force = false,
    write = false,
    reportFormat: 'html' | 'json' = 'html',
    dataDir: string | undefined;
  const only = (a: string, ...cs: Command[]) => {
    if (!cs.includes(command))
      throw new UsageError(`\`${a}\` is an option of \`claimnote ${cs.join('` and `claimnote ')}\`, not of \`${command}\``, command);
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
      only(a, 'check', 'export');
      exitZero = true;
    } else if (a === '--color' || a === '--no-color') {
      only(a, 'check');
      color = a === '--color';
    } else if (a === '--dry-run') {
      only(a, 'fix');
      dryRun = true;
    } else if (is('--format')) {
      only('--format', 'check', 'report');
      const f = value('--format');
      if (command === 'report') {
        if (f !== 'html' && f !== 'json') throw new UsageError(`--format of a report must be html or json, not \`${f}\``, command);
        reportFormat = f;
      } else if (f !== 'text' && f !== 'json' && f !== 'sarif')
        throw new UsageError(`--format must be text, json or sarif, not \`${f}\``, command);
      else format = f;
    } else if (is('--to')) {
      only('--to', 'export');
      const t = value('--to').toLowerCase();
      if (t !== '837p' && t !== 'fhir') throw new UsageError(`--to must be 837p or fhir, not \`${t}\``, command);
      to = t;
    } else if (is('--out')) {
      only('--out', 'export', 'import', 'appeal', 'form', 'report');
      out = value('--out');
    } else if (is('--usage')) {
      only('--usage', 'export');
      const u = value('--usage');
      if (u !== 'test' && u !== 'production') throw new UsageError(`--usage must be test or production, not \`${u}\``, command);
      usage = u;
    } else if (is('--control-number')) {
      only('--control-number', 'export');
      const n = value('--control-number');
      if (!/^\d{1,9}$/.test(n) || Number(n) < 1)
        throw new UsageError(`--control-number takes a number from 1 to 999999999, not \`${n}\``, command);
      controlNumber = Number(n);
    } else if (is('--date')) {
      only('--date', 'export', 'appeal');
      const d = value('--date');
      const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(d);
      if (!m || +m[2] < 1 || +m[2] > 12 || +m[3] < 1 || +m[3] > 31 || (m[4] !== undefined && (+m[4] > 23 || +m[5] > 59)))
        throw new UsageError(`--date takes YYYY-MM-DD or YYYY-MM-DDTHH:MM, not \`${d}\``, command);
      date = d;
    } else if (is('--claim')) {
      only('--claim', 'appeal', 'form');
      claim = value('--claim');
    } else if (a === '--write') {
      only(a, 'remit');
      write = true;
    } else if (a === '--force') {
      only(a, 'appeal');
      force = true;
    } else if (is('--data')) {
      only('--data', 'data', 'check', 'export', 'report', 'form');
      dataDir = value('--data');
    } else if (a === '--strict') {
      only(a, 'import');
      strict = true;
    } else if (is('--rule')) {
      only('--rule', 'check', 'fix', 'export', 'report');
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
  if (command === 'data') {
    if (paths.length) throw new UsageError('data takes no paths: give the folder with --data DIR', command);
    return { command, data: dataDir };
  }
  if (!paths.length)
    throw new UsageError(
      command === 'fix'
        ? 'no file or folder to fix'
        : command === 'export'
          ? 'no file or folder to export'
          : command === 'import'
            ? 'no file to import'
            : 'no file or folder to check',
      command,
    );
  if (command === 'fix') return { command, dryRun, severities, paths };
  if (command === 'export') {
    if (!to) throw new UsageError('export needs --to 837p or --to fhir', command);
    return { command, to, out, usage, controlNumber, date, exitZero, severities, data: dataDir, paths };
  }
  if (command === 'remit') return { command, write, paths };
  if (command === 'report') {
    return { command, out, format: reportFormat, severities, data: dataDir, paths };
  }
  if (command === 'form') {
    if (!claim) throw new UsageError('form needs --claim <id>', command);
    if (!out || !/\.(svg|png|pdf)$/i.test(out)) throw new UsageError('form needs --out FILE.svg, FILE.png or FILE.pdf', command);
    return { command, claim, out, data: dataDir, paths };
  }
  if (command === 'appeal') {
    if (!claim) throw new UsageError('appeal needs --claim <id>: the denied claim', command);
    if (date && date.includes('T')) throw new UsageError('--date of an appeal is a date, YYYY-MM-DD', command);
    return { command, claim, out, date, force, paths };
  }
  if (command === 'import') {
    if (!out) throw new UsageError('import needs --out DIR: the folder to write the .claim files to', command);
    return { command, out, strict, paths };
  }
  return { command, format, exitZero, color, severities, jobs, data: dataDir, paths };
}
