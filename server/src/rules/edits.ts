// Text edits the fixes are made of, computed from the syntax tree's columns.
import type { ClaimFile, ServiceLine, Span, Tok } from '../language/syntax';
import type { Fix, Range, TextEdit } from './rule';
import { toRange } from './rule';

/** An empty range at a position (start and end are distinct objects). */
export function point(line: number, character: number): Range {
  return { start: { line, character }, end: { line, character } };
}

export function fix(title: string, edits: TextEdit[], isPreferred = false): Fix {
  return { title, isPreferred, edits };
}

export function replace(at: Span | Range, newText: string): TextEdit {
  return { range: toRange(at), newText };
}

export function deleteLine(file: ClaimFile, line: number): TextEdit {
  if (line + 1 < file.lineCount) return { range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, newText: '' };
  // the last line: take the line break before it instead
  return {
    range: {
      start: { line: Math.max(0, line - 1), character: line > 0 ? file.lineLengths[line - 1] : 0 },
      end: { line, character: file.lastLineLength },
    },
    newText: '',
  };
}

/**
 * Deletes several whole lines in one fix. Adjacent lines are deleted as one run, so that the
 * edits never overlap (deleting the last line takes the line break before it, which is the
 * end of the line before: two single-line deletions would overlap there).
 */
export function deleteLines(file: ClaimFile, lines: readonly number[]): TextEdit[] {
  const sorted = [...new Set(lines)].sort((a, b) => a - b);
  const edits: TextEdit[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    const first = sorted[i],
      last = sorted[j];
    if (last + 1 < file.lineCount) {
      edits.push({ range: { start: { line: first, character: 0 }, end: { line: last + 1, character: 0 } }, newText: '' });
    } else {
      const start = first > 0 ? { line: first - 1, character: file.lineLengths[first - 1] } : { line: 0, character: 0 };
      edits.push({ range: { start, end: { line: last, character: file.lastLineLength } }, newText: '' });
    }
    i = j + 1;
  }
  return edits;
}

/** Inserts whole lines after `line`. `lines` are written without a trailing line break. */
export function insertLinesAfter(file: ClaimFile, line: number, lines: string[]): TextEdit {
  if (line + 1 < file.lineCount) {
    return { range: point(line + 1, 0), newText: lines.map((l) => l + file.eol).join('') };
  }
  return { range: point(line, file.lastLineLength), newText: lines.map((l) => file.eol + l).join('') };
}

/** Appends text at the end of the file, on lines of its own after a blank line. */
export function appendToFile(file: ClaimFile, lines: string[]): TextEdit {
  const nl = file.eol;
  const lead = file.lastLineLength === 0 ? nl : nl + nl;
  return { range: point(file.lineCount - 1, file.lastLineLength), newText: lead + lines.join(nl) + nl };
}

function modPart(line: ServiceLine): Tok[] {
  return line.modKeyword ? line.modifiers.filter((m) => m.start > line.modKeyword!.start) : [];
}

/** Removes one modifier, with its separator, whichever way it is written. */
export function removeModifier(line: ServiceLine, mod: Tok): TextEdit {
  if (!line.modKeyword || mod.start < line.modKeyword.start) {
    return replace({ line: mod.line, start: mod.start - 1, end: mod.end }, '');
  }
  const part = modPart(line);
  const i = part.indexOf(mod);
  if (part.length === 1) {
    // the only modifier of the `mod` part: remove the part
    return replace({ line: mod.line, start: Math.max(line.modKeyword.start - 1, line.code.end), end: mod.end }, '');
  }
  if (i > 0) return replace({ line: mod.line, start: part[i - 1].end, end: mod.end }, '');
  return replace({ line: mod.line, start: mod.start, end: part[1].start }, '');
}

/** Adds a modifier: to the `mod` part when there is one, else hyphenated on the code. */
export function addModifier(line: ServiceLine, mod: string): TextEdit {
  const part = modPart(line);
  if (part.length) {
    const last = part[part.length - 1];
    return replace({ line: line.line, start: last.end, end: last.end }, `,${mod}`);
  }
  const hyphenated = line.modifiers.filter((m) => !line.modKeyword || m.start < line.modKeyword.start);
  const after = hyphenated.length ? hyphenated[hyphenated.length - 1].end : line.code.end;
  return replace({ line: line.line, start: after, end: after }, `-${mod}`);
}

/** Sets a service line's units, adding a `units` part after the code when it has none. */
export function setUnits(line: ServiceLine, units: number): TextEdit {
  if (line.units) return replace(line.units, String(units));
  const hyphenated = line.modifiers.filter((m) => !line.modKeyword || m.start < line.modKeyword.start);
  const after = hyphenated.length ? hyphenated[hyphenated.length - 1].end : line.code.end;
  return replace({ line: line.line, start: after, end: after }, ` units ${units}`);
}

export function canAddModifier(line: ServiceLine): boolean {
  return line.modifiers.length < 4;
}

/**
 * The written form of an ICD code in the style of the original: with the dot when the original
 * has one, without it when the original was written without one (`M791` -> `M7910`). A
 * three-character original (`M79`) shows no style, so the replacement takes the conventional
 * dotted form (`M79.0`), as the fix's title writes it.
 */
export function icdInStyle(code: string, original: string): string {
  const dotted = original.includes('.') || original.replace('.', '').length <= 3;
  return dotted && code.length > 3 ? `${code.slice(0, 3)}.${code.slice(3)}` : code;
}

export function spanRange(s: Span): Range {
  return toRange(s);
}
