// claimnote check|fix|export|import [options] <paths>...   (claimnote --help, claimnote <command> --help)
// Everything given forms one workspace. Exit 0: no error; 1: an error; 2: bad usage or an internal error.
// The pieces are in cli/: arguments, check (and batch, an 837P checked in place), fix, export,
// import, and the text, JSON and SARIF reports.
import { parseArgs, usageOf, UsageError } from './cli/args';
import { check } from './cli/check';
import { fix, type FixHooks } from './cli/fix';
import { exportClaims } from './cli/export';
import { importClaims } from './cli/import';
import { appeal } from './cli/appeal';
import { remit } from './cli/remit';
import { form } from './cli/form';
import { report } from './cli/report';
import { data } from './cli/data';
import { VERSION } from './cli/meta';
import { wantsColor } from './cli/text';
import { runAsWorker } from './parts';

export { parseArgs, UsageError } from './cli/args';
export { writeIfUnchanged } from './cli/fix';
export { wantsColor } from './cli/text';

export interface RunEnv {
  env?: NodeJS.ProcessEnv;
  isTTY?: boolean;
  hooks?: FixHooks;
  /** the clock reading an export dates its files with when no --date is given (tests pin it) */
  now?: Date;
}

/** Runs a command line; the exit status. Nothing is thrown: bad usage is 2, an internal error 2 with its message. */
export async function run(argv: string[], out: (s: string) => void, err: (s: string) => void, environment: RunEnv = {}): Promise<number> {
  let command: ReturnType<typeof parseArgs>;
  try {
    command = parseArgs(argv);
    switch (command.command) {
      case 'help':
        out(usageOf(command.topic) + '\n');
        return 0;
      case 'version':
        out(`claimnote ${VERSION}\n`);
        return 0;
      case 'check': {
        const color = wantsColor(command.color, environment.env ?? process.env, environment.isTTY ?? false);
        return await check(command, { out, err, color });
      }
      case 'fix':
        return fix(command, out, err, environment.hooks);
      case 'export':
        return await exportClaims(command, out, err, environment.now);
      case 'import':
        return importClaims(command, out, err);
      case 'appeal':
        return await appeal(command, out, err, environment.now);
      case 'remit':
        return remit(command, out, err);
      case 'form':
        return await form(command, err);
      case 'report':
        return await report(command, out, err, environment.now);
      case 'data':
        return data(command, out);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      // a path that is not there: the message alone; a malformed command line: with the usage
      err(`claimnote: ${e.message}\n${e.message.startsWith('no such file') ? '' : usageOf(e.command) + '\n'}`);
      return 2;
    }
    // a run that did not finish must not look like a clean one
    err(`claimnote: internal error: ${(e as Error)?.message ?? e}\n`);
    if (process.env.CLAIMNOTE_DEBUG) err(`${(e as Error)?.stack}\n`);
    return 2;
  }
}

if (runAsWorker()) {
  // a worker thread of a check in parts: done
} else if (require.main === module) {
  // a reader that stops early (`claimnote check . | head`) closes the pipe: stop quietly
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? 0);
  });
  void run(
    process.argv.slice(2),
    (s) => process.stdout.write(s),
    (s) => process.stderr.write(s),
    { isTTY: process.stdout.isTTY === true },
  ).then((code) => {
    process.exitCode = code;
  });
}
