// The files a command works on: paths given, folders walked, each with its URI and display path.
import { statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findClaimFiles } from '../files';
import type { ClaimFileRef } from '../parts';
import { UsageError, type Command } from './args';

/**
 * The .claim files under the given paths, in the order given (a folder's in sorted order),
 * each once. A folder is walked without following symbolic links; a path given is followed
 * (a link to a folder is walked). A path that does not exist is a usage error; anything else
 * (a link loop, a pipe, a device, a file that cannot be read) is passed on, to be reported
 * as unreadable when it is read.
 */
export function collectFiles(paths: readonly string[], command: Command): ClaimFileRef[] {
  const found: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') throw new UsageError(`no such file or folder: ${p}`, command);
      found.push(p); // ELOOP, EACCES...: reported as unreadable
      continue;
    }
    if (st.isDirectory()) findClaimFiles(p, found);
    else found.push(p);
  }
  const seen = new Set<string>();
  const files: ClaimFileRef[] = [];
  for (const path of found) {
    const uri = pathToFileURL(resolve(path)).href;
    if (seen.has(uri)) continue;
    seen.add(uri);
    files.push({ path, uri });
  }
  return files;
}

/** A path as the report shows it: relative to the working folder, or absolute as given. */
export function displayPath(given: string): string {
  return isAbsolute(given) ? given : relative(process.cwd(), resolve(given)) || given;
}
