// The CMS-1500 form as a PDF: the form's PNG on one Letter page. Apart from cms1500.ts so that
// only what writes PDFs (the CLI) loads pdf-lib: the language server never does.
import { PDFDocument } from 'pdf-lib';
import { cms1500Png } from './cms1500';

/** One Letter page (612 x 792 points) holding the form's PNG at 200 dpi, with the document's title. */
export async function cms1500Pdf(svg: string, options: { date?: Date } = {}): Promise<Uint8Array> {
  const png = await cms1500Png(svg, 200 / 72);
  const doc = await PDFDocument.create();
  const title = /<title>([^<]*)<\/title>/.exec(svg)?.[1];
  const unescape = (s: string): string =>
    s.replace(/&(amp|lt|gt|quot|apos);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e] as string);
  doc.setTitle(title ? unescape(title) : 'CMS-1500 (02/12) claim form');
  doc.setSubject('For review and for printing on the red-ink CMS-1500 form: not for OCR submission on plain paper.');
  doc.setKeywords(['CMS-1500', '02/12', 'claim']);
  doc.setCreator('ClaimNote');
  doc.setProducer('ClaimNote (pdf-lib)');
  const date = options.date ?? new Date();
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  const image = await doc.embedPng(png);
  const page = doc.addPage([612, 792]);
  page.drawImage(image, { x: 0, y: 0, width: 612, height: 792 });
  return doc.save();
}
