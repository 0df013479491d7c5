// An appeal letter as a PDF (US Letter, the standard fonts), in the wording of letter.ts. Apart
// from letter.ts so that only what writes PDFs (the CLI) loads pdf-lib: the language server
// never does.
import { PDFDocument, PDFFont, PDFPage, RGB, StandardFonts, rgb } from 'pdf-lib';
import {
  addresseeLines,
  beneficiaryLine,
  CHECKLIST_TITLE,
  deadlineText,
  denialItems,
  letterDate,
  letterheadLines,
  openingSentence,
  SERVICE_HEADER,
  serviceRows,
  signatureLines,
  subjectLine,
  type AppealLetter,
} from './letter';

// ---------------------------------------------------------------------------------------------
// PDF

const PAGE_WIDTH = 612; // US Letter, 8.5 x 11 in, in points
const PAGE_HEIGHT = 792;
const MARGIN = 72;
const TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
const BODY = 11;
const LEADING = 1.35;

/** Characters outside WinAnsi (what the standard fonts encode), mapped to ones inside it. */
const SUBSTITUTES: Record<string, string> = {
  '→': '->',
  '←': '<-',
  '↔': '<->',
  '⇒': '=>',
  '≥': '>=',
  '≤': '<=',
  '≠': '!=',
  '≈': '~',
  '−': '-',
  '‐': '-',
  '‑': '-',
  '‒': '-',
  '―': '—',
  '✓': 'v',
  '✔': 'v',
  '☐': '[ ]',
  '☑': '[x]',
  '\u00a0': ' ',
  '\u2009': ' ',
  '\u202f': ' ',
  '\t': ' ',
};

class PdfWriter {
  readonly pages: PDFPage[] = [];
  private page!: PDFPage;
  private y = 0;
  private readonly encodable = new Map<string, boolean>();
  private readonly fontOf = new Map<PDFPage, PDFFont>();

  constructor(
    private readonly doc: PDFDocument,
    private readonly regular: PDFFont,
    readonly bold: PDFFont,
    readonly italic: PDFFont,
  ) {}

  /** The text with every character the standard fonts cannot encode replaced (never a throw). */
  safe(text: string): string {
    let out = '';
    for (const ch of text.normalize('NFC')) {
      if (this.canEncode(ch)) out += ch;
      else if (SUBSTITUTES[ch] !== undefined) out += SUBSTITUTES[ch];
      else {
        // An accented letter WinAnsi lacks (ő) as its base letter (o); anything else as "?".
        const base = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
        out += base && base !== ch && [...base].every((c) => this.canEncode(c)) ? base : /\s/.test(ch) ? ' ' : '?';
      }
    }
    return out;
  }

  private canEncode(ch: string): boolean {
    let ok = this.encodable.get(ch);
    if (ok === undefined) {
      try {
        // The three Helvetica faces share WinAnsi: one answers for all.
        this.regular.encodeText(ch);
        ok = ch >= ' ';
      } catch {
        ok = false;
      }
      this.encodable.set(ch, ok);
    }
    return ok;
  }

  /**
   * Text in one line. pdf-lib adds a font entry to the page's resources each time drawText is
   * given a font, so the font is set only when it changes on the page.
   */
  private draw(page: PDFPage, text: string, o: { x: number; y: number; size: number; font: PDFFont; color?: RGB }): void {
    if (this.fontOf.get(page) !== o.font) {
      page.setFont(o.font);
      this.fontOf.set(page, o.font);
    }
    page.drawText(text, { x: o.x, y: o.y, size: o.size, color: o.color ?? rgb(0, 0, 0) });
  }

  newPage(): void {
    this.page = this.doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    this.pages.push(this.page);
    this.y = PAGE_HEIGHT - MARGIN;
  }

  /** A new page unless `height` points still fit above the bottom margin. */
  ensure(height: number): void {
    if (this.y - height < MARGIN) this.newPage();
  }

  space(points: number): void {
    this.y -= points;
  }

  /** Lines of at most `width` points, broken at spaces (a word longer than a line is split). */
  wrap(text: string, font: PDFFont, size: number, width: number): string[] {
    const lines: string[] = [];
    let line = '';
    const fits = (s: string) => font.widthOfTextAtSize(s, size) <= width;
    for (let word of this.safe(text).split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (fits(candidate)) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      while (!fits(word)) {
        let n = word.length - 1;
        while (n > 1 && !fits(word.slice(0, n))) n--;
        lines.push(word.slice(0, n));
        word = word.slice(n);
      }
      line = word;
    }
    if (line) lines.push(line);
    return lines.length ? lines : [''];
  }

  /** A wrapped paragraph; `gap` points after it. */
  paragraph(
    text: string,
    opts: { font?: PDFFont; size?: number; indent?: number; gap?: number; color?: [number, number, number] } = {},
  ): void {
    const font = opts.font ?? this.regular;
    const size = opts.size ?? BODY;
    const indent = opts.indent ?? 0;
    const lineHeight = size * LEADING;
    const color = opts.color ? rgb(...opts.color) : rgb(0, 0, 0);
    for (const line of this.wrap(text, font, size, TEXT_WIDTH - indent)) {
      this.ensure(lineHeight);
      this.y -= size;
      this.draw(this.page, line, { x: MARGIN + indent, y: this.y, size, font, color });
      this.y -= lineHeight - size;
    }
    this.y -= opts.gap ?? size * 0.6;
  }

  /** A bulleted (or numbered) item: the marker hangs left of the wrapped text. */
  item(marker: string, text: string, size = BODY): void {
    const indent = 18;
    const lineHeight = size * LEADING;
    const lines = this.wrap(text, this.regular, size, TEXT_WIDTH - indent);
    lines.forEach((line, i) => {
      this.ensure(lineHeight);
      this.y -= size;
      if (i === 0) this.draw(this.page, this.safe(marker), { x: MARGIN + 4, y: this.y, size, font: this.regular });
      this.draw(this.page, line, { x: MARGIN + indent, y: this.y, size, font: this.regular });
      this.y -= lineHeight - size;
    });
    this.y -= size * 0.25;
  }

  /** A bold heading kept with at least three lines of what follows (and `keep` points more: a subheading). */
  heading(text: string, size = 13, keep = 0): void {
    this.ensure(size * 1.8 + 3 * BODY * LEADING + keep);
    this.y -= size * 0.5;
    this.paragraph(text, { font: this.bold, size, gap: size * 0.3 });
  }

  rule(): void {
    this.page.drawLine({
      start: { x: MARGIN, y: this.y },
      end: { x: PAGE_WIDTH - MARGIN, y: this.y },
      thickness: 0.75,
      color: rgb(0.3, 0.3, 0.3),
    });
    this.y -= 10;
  }

  /** A table with a bold header row (repeated on each new page), cells wrapped in their columns. */
  table(header: string[], rows: string[][], widths: number[], size = 10): void {
    const lineHeight = size * LEADING;
    const pad = 3;
    const drawRow = (cells: string[], font: PDFFont) => {
      const wrapped = cells.map((c, i) => this.wrap(c, font, size, widths[i] - 2 * pad));
      const height = Math.max(...wrapped.map((w) => w.length)) * lineHeight + 2 * pad;
      return { wrapped, height, font };
    };
    const render = (row: ReturnType<typeof drawRow>) => {
      let x = MARGIN;
      const top = this.y;
      row.wrapped.forEach((lines, i) => {
        this.page.drawRectangle({
          x,
          y: top - row.height,
          width: widths[i],
          height: row.height,
          borderColor: rgb(0.5, 0.5, 0.5),
          borderWidth: 0.5,
        });
        lines.forEach((line, j) => {
          this.draw(this.page, line, { x: x + pad, y: top - pad - size - j * lineHeight, size, font: row.font });
        });
        x += widths[i];
      });
      this.y = top - row.height;
    };
    const head = drawRow(header, this.bold);
    this.ensure(head.height + lineHeight * 2);
    render(head);
    for (const cells of rows) {
      const row = drawRow(cells, this.regular);
      if (this.y - row.height < MARGIN) {
        this.newPage();
        render(head);
      }
      render(row);
    }
    this.y -= BODY * 0.8;
  }

  /** "Page N of M" at the foot of each of `pages`; `note` at the foot of the others. */
  footers(pages: PDFPage[], note: string): void {
    const size = 9;
    for (const page of this.pages) {
      const n = pages.indexOf(page);
      const text = this.safe(n >= 0 ? `Page ${n + 1} of ${pages.length}` : note);
      const width = this.regular.widthOfTextAtSize(text, size);
      this.draw(page, text, { x: (PAGE_WIDTH - width) / 2, y: MARGIN / 2, size, font: this.regular, color: rgb(0.3, 0.3, 0.3) });
    }
  }
}

/** The letter's date as a Date (for the PDF's metadata, so the same letter gives the same file). */
function metadataDate(iso: string): Date {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T00:00:00Z`) : new Date(0);
  return Number.isNaN(d.getTime()) ? new Date(0) : d;
}

export async function appealPdf(letter: AppealLetter): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const w = new PdfWriter(
    doc,
    await doc.embedFont(StandardFonts.Helvetica),
    await doc.embedFont(StandardFonts.HelveticaBold),
    await doc.embedFont(StandardFonts.HelveticaOblique),
  );
  const when = metadataDate(letter.date);
  // The document's metadata is UTF-16: it keeps every character the pages cannot.
  doc.setTitle(`${letter.title} — ${letter.beneficiary.name}, claim ${letter.claim.id}`);
  doc.setAuthor(letter.from.name);
  doc.setSubject(subjectLine(letter));
  doc.setCreator('ClaimNote');
  doc.setProducer('ClaimNote (pdf-lib)');
  doc.setCreationDate(when);
  doc.setModificationDate(when);
  doc.setLanguage('en-US');

  if (letter.missing.length) {
    w.newPage();
    w.paragraph('Checklist (not part of the letter)', { font: w.bold, size: 16, gap: 6 });
    w.paragraph(CHECKLIST_TITLE, { font: w.bold, size: 13, gap: 8 });
    w.paragraph('Gather these before sending, then remove this page: it is not part of the letter.', { font: w.italic, gap: 10 });
    for (const m of letter.missing) w.item('[  ]', m);
  }

  w.newPage();
  const first = w.pages.length - 1;
  w.paragraph(letter.from.name, { font: w.bold, size: 15, gap: 2 });
  for (const line of letterheadLines(letter)) w.paragraph(line, { size: 10, gap: 0 });
  w.space(6);
  w.rule();
  w.paragraph(letterDate(letter.date), { gap: 10 });
  for (const line of addresseeLines(letter)) w.paragraph(line, { gap: 0 });
  w.space(10);
  w.paragraph(letter.title, { font: w.bold, size: 15, gap: 8 });
  w.paragraph(subjectLine(letter), { font: w.bold, gap: 8 });
  w.paragraph(openingSentence(letter));

  w.heading('The service');
  w.paragraph(beneficiaryLine(letter));
  w.table(SERVICE_HEADER, serviceRows(letter), [52, 186, 70, 40, 70, 50]);

  w.heading('The denial');
  for (const i of denialItems(letter)) w.item('•', i);
  w.space(4);

  w.heading('Why the service should be paid', 13, letter.reasons.length ? 11.5 * 1.8 : 0);
  for (const r of letter.reasons) {
    w.heading(r.heading, 11.5);
    for (const p of r.paragraphs) w.paragraph(p);
  }

  const deadline = deadlineText(letter);
  if (deadline) {
    w.heading('Deadline');
    if (deadline.late) w.paragraph(`WARNING: ${deadline.text}`, { font: w.bold, color: [0.7, 0, 0] });
    else w.paragraph(deadline.text);
  }

  if (letter.attachments.length) {
    w.heading('Enclosures');
    letter.attachments.forEach((a, i) => w.item(`${i + 1}.`, a));
    w.space(4);
  }

  const signature = signatureLines(letter);
  w.ensure(BODY * LEADING * (signature.length + 4));
  w.space(8);
  w.paragraph('Sincerely,', { gap: BODY * 2.5 });
  for (const line of signature) w.paragraph(line, { gap: 0 });
  w.space(12);

  if (letter.sources.length) {
    w.heading('Sources', 9.5);
    for (const s of letter.sources) w.paragraph(s, { size: 8, gap: 2, color: [0.2, 0.2, 0.2] });
  }

  w.footers(w.pages.slice(first), 'Checklist: not part of the letter. Remove this page before sending.');
  return doc.save({ useObjectStreams: false });
}
