// Line geometry: a text's lines as LSP counts them (breaks \n, \r\n and \r), their lengths,
// starts and the file's line ending.

/** Splits text into lines the way LSP does (\n, \r\n, \r). */
export function splitLines(text: string): string[] {
  // (most texts have no CR: a plain split is several times faster than the expression)
  return text.indexOf('\r') < 0 ? text.split('\n') : text.split(/\r\n|\r|\n/);
}

export function lengthsOf(lines: readonly string[]): Uint32Array {
  const out = new Uint32Array(lines.length);
  for (let i = 0; i < lines.length; i++) out[i] = lines[i].length;
  return out;
}

export function lineEnding(text: string): '\n' | '\r\n' {
  const nl = text.indexOf('\n');
  return nl > 0 && text.charCodeAt(nl - 1) === 13 ? '\r\n' : '\n';
}

/**
 * Start and length of every line of `text`, as `splitLines` cuts them (breaks `\n`, `\r\n` and
 * `\r`), found without making the lines' strings.
 */
export function lineTable(text: string): { lineLengths: Uint32Array; lineStarts: Uint32Array } {
  const crs = text.indexOf('\r') >= 0;
  // each break ends a line: an LF alone when the text has no CR (found by indexOf), else CR LF, CR or LF
  const eachBreak = (found: (at: number, next: number) => void): void => {
    if (!crs) {
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) found(i, i + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) found(i, i + 1);
      else if (c === 13) {
        const next = text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
        found(i, next);
        i = next - 1;
      }
    }
  };
  let count = 1;
  eachBreak(() => {
    count++;
  });
  const lineLengths = new Uint32Array(count);
  const lineStarts = new Uint32Array(count);
  let k = 0,
    start = 0;
  eachBreak((at, next) => {
    lineStarts[k] = start;
    lineLengths[k++] = at - start;
    start = next;
  });
  lineStarts[k] = start;
  lineLengths[k] = text.length - start;
  return { lineLengths, lineStarts };
}
