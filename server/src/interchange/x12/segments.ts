// The X12 segment model ClaimNote writes and reads: a segment is an id and its elements, an
// element is a simple value or a composite (its components). Writing uses the separators
// ClaimNote exports with; reading takes whatever separators the file's ISA declares and keeps
// the UTF-16 offsets of every segment, element and component (for spans and problems).

/** A simple element (a string) or a composite element (its components, in order). */
export type Element = string | readonly string[];

export interface Segment {
  /** the segment id: ISA, GS, ST, NM1, CLM... */
  id: string;
  /** elements 01, 02... (index 0 is element 01) */
  elements: readonly Element[];
}

export interface Separators {
  element: string;
  component: string;
  repetition: string;
  segment: string;
}

/** The separators ClaimNote writes: `*`, `:`, `^`, `~`. */
export const EXPORT_SEPARATORS: Separators = Object.freeze({ element: '*', component: ':', repetition: '^', segment: '~' });

/** A segment; trailing empty elements (and trailing empty components) are dropped when it is written. */
export function segment(id: string, ...elements: (Element | undefined)[]): Segment {
  return { id, elements: elements.map((e) => e ?? '') };
}

/** One element's text: components joined, trailing empty components dropped. */
export function elementText(element: Element, sep: Separators = EXPORT_SEPARATORS): string {
  if (typeof element === 'string') return element;
  const parts = [...element];
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts.join(sep.component);
}

/** Each set of separators' characters as one class (a value is tested once, not once per separator). */
const separatorClasses = new WeakMap<Separators, RegExp>();

function checkValue(id: string, value: string, sep: Separators): void {
  let re = separatorClasses.get(sep);
  if (!re) {
    const chars = [sep.element, sep.component, sep.repetition, sep.segment, '\r', '\n'].filter((c) => c !== '');
    re = new RegExp(`[${chars.map((c) => c.replace(/[\\\]^-]/g, '\\$&')).join('')}]`);
    separatorClasses.set(sep, re);
  }
  const m = re.exec(value);
  if (m) throw new Error(`${id}: the value ${JSON.stringify(value)} contains the separator ${JSON.stringify(m[0])}`);
}

/** The elements of a segment as strings, trailing empty elements dropped (the ISA keeps all 16). */
export function elementTexts(seg: Segment, sep: Separators = EXPORT_SEPARATORS): string[] {
  const out = seg.elements.map((e, i) => {
    if (typeof e === 'string') {
      // ISA11 and ISA16 are the repetition and component separators themselves
      if (!(seg.id === 'ISA' && (i === 10 || i === 15))) checkValue(seg.id, e, sep);
    } else for (const c of e) checkValue(seg.id, c, sep);
    return elementText(e, sep);
  });
  if (seg.id !== 'ISA') while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

/** A segment as written, with its terminator (no line break). */
export function serializeSegment(seg: Segment, sep: Separators = EXPORT_SEPARATORS): string {
  return [seg.id, ...elementTexts(seg, sep)].join(sep.element) + sep.segment;
}

/** Segments one a line, each with its terminator; the text ends with a line break. */
export function serialize(segments: readonly Segment[], sep: Separators = EXPORT_SEPARATORS): string {
  return segments.map((s) => serializeSegment(s, sep) + '\n').join('');
}

/** Text padded with spaces (or cut) to a fixed width, as the ISA's fixed-width elements are. */
export function fixedWidth(text: string, width: number): string {
  return text.length >= width ? text.slice(0, width) : text + ' '.repeat(width - text.length);
}

export interface IsaFields {
  senderQualifier: string;
  senderId: string;
  receiverQualifier: string;
  receiverId: string;
  /** YYMMDD */
  date: string;
  /** HHMM */
  time: string;
  controlNumber: number;
  usage: 'test' | 'production';
}

/** The 9-digit interchange control number, zero-padded. */
export function isaControlNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 999_999_999) throw new Error(`control number ${n}: a whole number 1-999999999`);
  return String(n).padStart(9, '0');
}

/** The ISA, fixed width: 106 characters with its terminator. */
export function isaSegment(f: IsaFields, sep: Separators = EXPORT_SEPARATORS): Segment {
  if (!/^\d{6}$/.test(f.date)) throw new Error(`ISA09 ${f.date}: YYMMDD`);
  if (!/^\d{4}$/.test(f.time)) throw new Error(`ISA10 ${f.time}: HHMM`);
  return segment(
    'ISA',
    '00',
    fixedWidth('', 10),
    '00',
    fixedWidth('', 10),
    fixedWidth(f.senderQualifier, 2),
    fixedWidth(f.senderId, 15),
    fixedWidth(f.receiverQualifier, 2),
    fixedWidth(f.receiverId, 15),
    f.date,
    f.time,
    sep.repetition,
    '00501',
    isaControlNumber(f.controlNumber),
    '0',
    f.usage === 'production' ? 'P' : 'T',
    sep.component,
  );
}

// ---------------------------------------------------------------- reading

/** A piece of the text with its UTF-16 offsets (`end` exclusive). */
export interface Piece {
  text: string;
  start: number;
  end: number;
}

export interface ParsedElement extends Piece {
  /** the element split on the component separator (one component for a simple element) */
  components: Piece[];
}

export interface ParsedSegment extends Piece {
  id: string;
  /** 1-based position of the segment in the interchange */
  index: number;
  /** elements 01, 02... (index 0 is element 01) */
  elements: ParsedElement[];
}

export interface ParsedInterchange {
  separators: Separators;
  segments: ParsedSegment[];
  /** text the tokenizer could not read (no ISA, text after the last terminator) */
  problems: { message: string; offset: number }[];
}

function split(text: string, start: number, sepChar: string): Piece[] {
  const out: Piece[] = [];
  let from = 0;
  for (;;) {
    const at = sepChar === '' ? -1 : text.indexOf(sepChar, from);
    const end = at < 0 ? text.length : at;
    out.push({ text: text.slice(from, end), start: start + from, end: start + end });
    if (at < 0) return out;
    from = at + 1;
  }
}

/** An element as read: its components are split from its text when they are first asked for. */
class ReadElement implements ParsedElement {
  private split?: Piece[];
  constructor(
    readonly text: string,
    readonly start: number,
    readonly end: number,
    /** the component separator, '' when the element cannot be a composite */
    private readonly separator: string,
  ) {}
  get components(): Piece[] {
    // an element without the separator is its one component
    return (this.split ??=
      this.separator === '' || !this.text.includes(this.separator)
        ? [{ text: this.text, start: this.start, end: this.end }]
        : split(this.text, this.start, this.separator));
  }
}

const isBreak = (c: string) => c === '\r' || c === '\n' || c === ' ' || c === '\t';

/** An interchange read one segment at a time: `problems` grows as `segments` is iterated. */
export interface SegmentReader {
  separators: Separators;
  /** the segments, read as they are iterated (an interchange of 100,000 claims is two million segments: never all at once) */
  segments: Iterable<ParsedSegment>;
  problems: ParsedInterchange['problems'];
}

/**
 * The segments of an interchange with the separators its ISA declares: the element separator
 * is the character after `ISA`, the component separator is ISA16 and the segment terminator the
 * character after it (line breaks around segments are ignored, so segments may be on one line
 * or many, with LF or CRLF). Reads from the first ISA, one segment at a time.
 */
export function readSegments(text: string): SegmentReader {
  const problems: ParsedInterchange['problems'] = [];
  const isaAt = text.indexOf('ISA');
  if (isaAt < 0 || text.length < isaAt + 6) {
    return { separators: EXPORT_SEPARATORS, segments: [], problems: [{ message: 'no ISA segment', offset: Math.max(0, isaAt) }] };
  }
  if (text.slice(0, isaAt).trim() !== '') problems.push({ message: 'text before the ISA segment', offset: 0 });
  const element = text[isaAt + 3];
  // ISA16 follows the 16th element separator; the terminator follows ISA16
  let pos = isaAt + 3;
  for (let n = 1; n < 16 && pos >= 0; n++) pos = text.indexOf(element, pos + 1);
  if (pos < 0 || pos + 2 >= text.length) {
    return { separators: EXPORT_SEPARATORS, segments: [], problems: [{ message: 'the ISA segment is cut short', offset: isaAt }] };
  }
  const component = text[pos + 1];
  const terminator = text[pos + 2];
  const isaPieces = split(text.slice(isaAt, pos + 2), isaAt, element);
  const rep = isaPieces[11]?.text ?? '^';
  const separators: Separators = { element, component, repetition: rep.length === 1 && rep !== 'U' ? rep : '', segment: terminator };

  function* segments(): Generator<ParsedSegment> {
    let from = isaAt;
    let index = 0;
    while (from < text.length) {
      while (from < text.length && isBreak(text[from]) && text[from] !== terminator) from++;
      if (from >= text.length) break;
      const at = text.indexOf(terminator, from);
      let end = at < 0 ? text.length : at;
      // with a line break as terminator, a CRLF file leaves a CR at the end of each segment
      while (end > from && (text[end - 1] === '\r' || text[end - 1] === '\n')) end--;
      const body = text.slice(from, end);
      if (at < 0) {
        if (body.trim() !== '') problems.push({ message: 'text after the last segment terminator', offset: from });
        break;
      }
      if (body !== '') {
        // the id, then each element (its components are split when first read)
        let at2 = body.indexOf(element);
        const id = at2 < 0 ? body : body.slice(0, at2);
        // ISA11 and ISA16 are separators, not composites
        const components = id === 'ISA' ? '' : component;
        const elements: ParsedElement[] = [];
        while (at2 >= 0) {
          const next = body.indexOf(element, at2 + 1);
          const stop = next < 0 ? body.length : next;
          elements.push(new ReadElement(body.slice(at2 + 1, stop), from + at2 + 1, from + stop, components));
          at2 = next;
        }
        yield { id, text: body, start: from, end, index: ++index, elements };
      }
      from = at + 1;
    }
  }
  return { separators, segments: { [Symbol.iterator]: segments }, problems };
}

/** Every segment of an interchange at once (`readSegments`, read to the end). */
export function tokenize(text: string): ParsedInterchange {
  const r = readSegments(text);
  const segments = [...r.segments];
  return { separators: r.separators, segments, problems: r.problems };
}

/** Element `n` (1-based) of a parsed segment: its text, '' when absent. */
export function el(seg: ParsedSegment, n: number): string {
  return seg.elements[n - 1]?.text ?? '';
}

/** Component `c` (1-based) of element `n` (1-based): its text, '' when absent. */
export function comp(seg: ParsedSegment, n: number, c: number): string {
  return seg.elements[n - 1]?.components[c - 1]?.text ?? '';
}
