// The appeal letter (a redetermination request) as Markdown, HTML and PDF: every element of the
// letter in each format, HTML escaping and its content security policy, the checklist that is
// never printed, the late warning, US Letter pages that break and number, and no crash on
// characters the PDF's standard fonts cannot encode.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { appealMarkdown, appealHtml, appealPdf } = require('../../server/out/interchange.js');
const { PDFDocument, PDFArray, PDFRawStream, decodePDFRawStream } = require('pdf-lib');

/** A full letter; `over` replaces top-level fields. */
function letter(over = {}) {
  return {
    title: 'Request for Redetermination',
    date: '2026-04-10',
    to: { name: 'Noridian Healthcare Solutions JE Part B', payerId: '01112' },
    from: {
      name: 'Riverside Pain Clinic',
      npi: '1234567893',
      tin: '123456789',
      address: ['100 River Rd, Suite 2', 'Springfield, IL 62701-1234'],
      phone: '217-555-0100',
    },
    beneficiary: { name: 'Jane Q Doe', member: '1EG4TE5MK73', born: '1951-07-14' },
    claim: { id: 'C-1001', payerClaimNumber: '552026034000120', dateOfService: '2026-02-03' },
    services: [
      {
        code: '20553',
        description: 'Injection, single or multiple trigger points, 3 or more muscles',
        modifiers: [],
        units: 1,
        chargeCents: 18500,
        denied: true,
      },
      {
        code: 'J3301',
        description: 'Injection, triamcinolone acetonide, 10 mg',
        modifiers: ['JZ'],
        units: 4,
        chargeCents: 1240,
        denied: false,
      },
    ],
    denial: {
      noticeDate: '2026-03-02',
      adjustments: [
        { code: 'CO-50', meaning: 'These are non-covered services because this is not deemed a medical necessity by the payer.' },
        { code: 'CO-11', meaning: 'The diagnosis is inconsistent with the procedure.' },
      ],
      remarks: ['N115', 'M127'],
      on: '20553',
    },
    deadline: { date: '2026-06-30', onTime: true, daysLeft: 81 },
    reasons: [
      {
        heading: 'The note documents the coverage criteria of the LCD',
        paragraphs: [
          'The note of February 3 documents palpable taut bands with local twitch responses in the trapezius, levator scapulae and rhomboid muscles.',
          'Conservative treatment (physical therapy for six weeks, NSAIDs) preceded the injections.',
        ],
      },
      {
        heading: 'The diagnosis supports the procedure',
        paragraphs: ['M79.18 (myalgia, other site) is a covered diagnosis under the policy article.'],
      },
    ],
    missing: ['The physical therapy notes of December 2025', "The patient's pain scores before and after"],
    attachments: ['Procedure note of 2026-02-03', 'Remittance advice of 2026-03-02'],
    sources: ['LCD L39240 Trigger Point Injections', 'Article A58999 Billing and Coding: Trigger Point Injections', '42 CFR 405.944(b)'],
    signature: { name: 'Dr. Alex Morgan', role: 'Medical Director' },
    ...over,
  };
}

// WinAnsi is Latin-1 but for 0x80-0x9F (Node's TextDecoder may lack windows-1252).
const WIN_ANSI_80 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const winAnsi = (bytes) => Array.from(bytes, (b) => (b >= 0x80 && b <= 0x9f ? WIN_ANSI_80[b - 0x80] : String.fromCharCode(b))).join('');

/** The text a PDF draws, page by page (pdf-lib cannot extract text: its content streams are read here). */
async function pdfText(bytes) {
  const doc = await PDFDocument.load(bytes);
  return doc.getPages().map((page) => {
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents];
    const strings = [];
    for (const stream of streams) {
      assert.ok(stream instanceof PDFRawStream, 'a page content stream');
      const ops = Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
      for (const m of ops.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)) strings.push(winAnsi(Buffer.from(m[1], 'hex')));
    }
    return strings.join('\n');
  });
}

// What every format shows; long strings are checked by their first words (a PDF wraps lines).
const required = [
  'Jane Q Doe',
  '1EG4TE5MK73',
  '20553',
  'Injection, single or multiple trigger points',
  'February 3, 2026',
  'Riverside Pain Clinic',
  '100 River Rd, Suite 2',
  '217-555-0100',
  '1234567893',
  '123456789',
  'April 10, 2026',
  'Noridian Healthcare Solutions JE Part B',
  'March 2, 2026',
  'CO-50',
  'These are non-covered services',
  'CO-11',
  'The diagnosis is inconsistent with the procedure.',
  'N115',
  'M127',
  '552026034000120',
  'The note documents the coverage criteria of the LCD',
  'The diagnosis supports the procedure',
  'Conservative treatment',
  'June 30, 2026',
  'This request is filed within the appeal window.',
  'Procedure note of 2026-02-03',
  'Remittance advice of 2026-03-02',
  'Dr. Alex Morgan',
  'Medical Director',
  'LCD L39240 Trigger Point Injections',
  '42 CFR 405.944(b)',
  'The service',
  'The denial',
  'Why the service should be paid',
  'Deadline',
  'Enclosures',
  'Sources',
  'Before sending: gather these',
  'The physical therapy notes of December 2025',
];

/** Markdown with its backslash escapes removed, HTML with its entities decoded: the text a reader sees. */
const mdText = (s) => s.replace(/\\(.)/g, '$1');
const htmlText = (s) =>
  s
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
const flat = (s) => s.replace(/\s+/g, ' ');

test('Markdown: every element of the letter, the subject line, the opening sentence, the checklist as a blockquote first', () => {
  const md = appealMarkdown(letter());
  const text = flat(mdText(md));
  for (const s of required) assert.ok(text.includes(s), `Markdown lacks ${s}`);
  assert.ok(
    text.includes(
      "Re: Redetermination request — beneficiary Jane Q Doe, Medicare number 1EG4TE5MK73, claim C-1001 (payer's claim number 552026034000120), date of service February 3, 2026",
    ),
  );
  assert.ok(text.includes('Riverside Pain Clinic requests a redetermination of the denial of 20553 dated March 2, 2026'));
  assert.match(md, /^> \*\*Before sending: gather these\*\*/);
  assert.match(md, /^> - \[ \] The physical therapy notes of December 2025$/m);
  assert.match(md, /^\| 20553 \| Injection, single or multiple trigger points, 3 or more muscles \| — \| 1 \| \$185\.00 \| yes \|$/m);
  assert.match(md, /^\| J3301 \| .* \| JZ \| 4 \| \$12\.40 \| no \|$/m);
  assert.match(md, /^# Request for Redetermination$/m);
  assert.match(md, /^### The diagnosis supports the procedure$/m);
  // The sections in the letter's order.
  const order = [
    'Riverside Pain Clinic',
    '# Request',
    '## The service',
    '## The denial',
    '## Why',
    '## Deadline',
    '## Enclosures',
    'Sincerely',
    '## Sources',
  ];
  const at = order.map((s) => md.indexOf(s));
  assert.deepEqual(
    [...at].sort((a, b) => a - b),
    at,
    `sections out of order: ${at}`,
  );
  assert.ok(md.indexOf('Before sending') < md.indexOf('Riverside Pain Clinic'));
});

test('Markdown: values cannot inject markup; no checklist when nothing is missing', () => {
  const md = appealMarkdown(letter({ beneficiary: { name: '<script>alert(1)</script> *Doe*', member: 'X|1' }, missing: [] }));
  assert.ok(!md.includes('<script>'));
  assert.ok(md.includes('\\<script\\>'));
  assert.ok(md.includes('\\*Doe\\*'));
  assert.ok(md.includes('X\\|1'));
  assert.ok(!md.includes('Before sending'));
  assert.ok(!md.startsWith('>'));
});

test('HTML: every element, a self-contained document with its CSP, semantic headings, the table', () => {
  const html = appealHtml(letter());
  const text = flat(htmlText(html));
  for (const s of required) assert.ok(text.includes(s), `HTML lacks ${s}`);
  assert.match(html, /^<!DOCTYPE html>\n<html lang="en">/);
  assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`));
  assert.ok(!/<script/i.test(html));
  assert.ok(!/<link|<img|<iframe|src=|url\(|@import/i.test(html), 'no external resources');
  assert.match(html, /<h1>Request for Redetermination<\/h1>/);
  for (const h of ['The service', 'The denial', 'Why the service should be paid', 'Deadline', 'Enclosures', 'Sources']) {
    assert.match(html, new RegExp(`<h2[^>]*>${h}</h2>`));
  }
  assert.match(html, /<h3>The note documents the coverage criteria of the LCD<\/h3>/);
  assert.match(html, /<th scope="col">Code<\/th>/);
  assert.match(
    html,
    /<tr><td>20553<\/td><td>Injection, single or multiple trigger points, 3 or more muscles<\/td><td>—<\/td><td class="num">1<\/td><td class="num">\$185\.00<\/td><td>yes<\/td><\/tr>/,
  );
  assert.match(html, /@page \{ size: letter; margin: 1in; \}/);
  assert.match(html, /<\/html>\n$/);
});

test('HTML: every value is escaped, URLs only in the sources text', () => {
  const evil = '<script>alert("x")</script>';
  const html = appealHtml(
    letter({
      beneficiary: { name: evil, member: `A&B'"` },
      from: { name: `Clinic <img src=x onerror=alert(1)>` },
      reasons: [{ heading: '<b>bold</b>', paragraphs: ['a < b && c > d'] }],
      sources: ['https://www.cms.gov/medicare-coverage-database/view/lcd.aspx?lcdid=39240'],
    }),
  );
  assert.ok(!/<script/i.test(html));
  assert.ok(!/<img/i.test(html));
  assert.ok(!html.includes('<b>'));
  assert.ok(html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'));
  assert.ok(html.includes('A&amp;B&#39;&quot;'));
  assert.ok(html.includes('a &lt; b &amp;&amp; c &gt; d'));
  // http appears only inside the sources footer, and as text (no link, no resource).
  const sourcesAt = html.indexOf('<footer class="sources">');
  assert.ok(sourcesAt > 0);
  assert.ok(!/https?:/i.test(html.slice(0, sourcesAt)), 'a URL before the sources');
  assert.ok(html.slice(sourcesAt).includes('<li>https://www.cms.gov/medicare-coverage-database/view/lcd.aspx?lcdid=39240</li>'));
  assert.ok(!/href=/i.test(html));
});

test('HTML: the checklist comes first, hidden in print, absent when nothing is missing', () => {
  const html = appealHtml(letter());
  assert.match(html, /<aside class="before-sending"[^>]*>\n<h2[^>]*>Before sending: gather these<\/h2>/);
  assert.match(html, /@media print \{\s*\.before-sending \{ display: none; \}/);
  assert.ok(html.indexOf('class="before-sending"') < html.indexOf('class="letterhead"'));
  assert.ok(html.includes('<li>The patient&#39;s pain scores before and after</li>'));
  const none = appealHtml(letter({ missing: [] }));
  assert.ok(!none.includes('<aside'));
  assert.ok(!none.includes('Before sending'));
});

test('a late request shows the good-cause warning in every format; an on-time one does not', async () => {
  const late = letter({ date: '2026-07-10', deadline: { date: '2026-06-30', onTime: false, daysLeft: -10 } });
  const md = appealMarkdown(late);
  const html = appealHtml(late);
  const pdf = flat((await pdfText(await appealPdf(late))).join('\n'));
  for (const [name, text] of [
    ['Markdown', flat(mdText(md))],
    ['HTML', flat(htmlText(html))],
    ['PDF', pdf],
  ]) {
    assert.ok(/good cause/.test(text), `${name}: no good-cause warning`);
    assert.ok(text.includes('10 days before'), `${name}: ${text}`);
    assert.ok(!text.includes('within the appeal window'), name);
  }
  assert.match(md, /^> \*\*Warning: Late: the appeal deadline was June 30, 2026/m);
  assert.match(html, /<p class="late-warning" role="alert">Late: /);
  assert.ok(pdf.includes('WARNING: Late'));
  for (const text of [appealMarkdown(letter()), appealHtml(letter())]) assert.ok(!/good cause/.test(text));
});

test('no deadline section when the payer has none; a reconsideration for other payers', () => {
  const other = letter({ title: 'Request for Reconsideration of a Denied Claim', deadline: undefined });
  const md = flat(mdText(appealMarkdown(other)));
  assert.ok(!md.includes('## Deadline'));
  assert.ok(md.includes('Re: Reconsideration request — beneficiary Jane Q Doe, member ID 1EG4TE5MK73'));
  assert.ok(md.includes('requests a reconsideration of the denial'));
});

test('the same letter gives the same Markdown, HTML and PDF', async () => {
  assert.equal(appealMarkdown(letter()), appealMarkdown(letter()));
  assert.equal(appealHtml(letter()), appealHtml(letter()));
  assert.deepEqual(Buffer.from(await appealPdf(letter())), Buffer.from(await appealPdf(letter())));
});

test('PDF: US Letter pages, the checklist on its own first page, every element, page numbers', async () => {
  const bytes = await appealPdf(letter());
  assert.ok(bytes instanceof Uint8Array);
  assert.equal(Buffer.from(bytes.subarray(0, 5)).toString('latin1'), '%PDF-');
  const doc = await PDFDocument.load(bytes);
  const n = doc.getPageCount();
  assert.ok(n >= 2, 'the checklist page and the letter');
  for (const page of doc.getPages()) assert.deepEqual(page.getSize(), { width: 612, height: 792 });
  const pages = await pdfText(bytes);
  assert.ok(pages[0].startsWith('Checklist (not part of the letter)'));
  assert.ok(pages[0].includes('The physical therapy notes of December 2025'));
  assert.ok(!pages[0].includes('Why the service should be paid'));
  assert.ok(!pages.slice(1).join('\n').includes('Before sending'));
  const text = flat(pages.join('\n'));
  for (const s of required) assert.ok(text.includes(s), `PDF lacks ${s}`);
  // The letter's pages are numbered without the checklist page, which is not sent.
  for (let i = 1; i < n; i++) assert.ok(pages[i].includes(`Page ${i} of ${n - 1}`), `page ${i}`);
  assert.ok(!pages[0].includes('Page '), 'the checklist page is not numbered with the letter');
  assert.ok(pages[1].startsWith('Riverside Pain Clinic'), 'the letterhead tops the first letter page');

  const without = await PDFDocument.load(await appealPdf(letter({ missing: [] })));
  assert.equal(without.getPageCount(), n - 1);
  assert.ok(!(await pdfText(await without.save()))[0].includes('Checklist'));
});

test('PDF: a long letter breaks onto more pages, each numbered "Page N of M", the headings in bold', async () => {
  const paragraph = 'The examination found palpable taut bands and reproducible referred pain in each injected muscle. '.repeat(8);
  const long = letter({
    missing: [],
    reasons: Array.from({ length: 12 }, (_, i) => ({ heading: `Reason ${i + 1}`, paragraphs: [paragraph, paragraph] })),
  });
  const bytes = await appealPdf(long);
  const doc = await PDFDocument.load(bytes);
  const n = doc.getPageCount();
  assert.ok(n >= 3, `${n} pages`);
  const pages = await pdfText(bytes);
  pages.forEach((p, i) => {
    assert.ok(p.includes(`Page ${i + 1} of ${n}`), `page ${i + 1}`);
    assert.deepEqual(doc.getPage(i).getSize(), { width: 612, height: 792 });
  });
  const text = flat(pages.join('\n'));
  for (let i = 1; i <= 12; i++) assert.ok(text.includes(`Reason ${i}`));
  assert.ok(text.includes('Dr. Alex Morgan'));
  // Lines stay inside the margins: no drawn line is wider than the text column.
  const { StandardFonts } = require('pdf-lib');
  const font = await (await PDFDocument.create()).embedFont(StandardFonts.Helvetica);
  for (const line of pages.join('\n').split('\n')) assert.ok(font.widthOfTextAtSize(line, 11) <= 468 + 0.01, line);
  // Headings are set in the bold face.
  assert.ok(Buffer.from(bytes).toString('latin1').includes('/BaseFont /Helvetica-Bold'));
});

test('PDF: a service table longer than a page repeats its header row on the next page', async () => {
  const services = Array.from({ length: 40 }, (_, i) => ({
    code: `9${String(i).padStart(4, '0')}`,
    description: 'Injection, single or multiple trigger points, 3 or more muscles',
    modifiers: ['59'],
    units: 1,
    chargeCents: 100 * i,
    denied: i % 2 === 0,
  }));
  const pages = await pdfText(await appealPdf(letter({ missing: [], services })));
  assert.ok(pages.length >= 3);
  const text = flat(pages.join('\n'));
  for (const s of services) assert.ok(text.includes(s.code), s.code);
  assert.ok(pages[0].includes('Code\nDescription\nModifiers\nUnits\nCharge\nDenied'));
  assert.ok(pages[1].startsWith('Code\nDescription\nModifiers\nUnits\nCharge\nDenied'), pages[1].slice(0, 80));
});

test("a deadline on the letter's own date is on time", () => {
  const md = appealMarkdown(letter({ deadline: { date: '2026-04-10', onTime: true, daysLeft: 0 } }));
  assert.ok(
    mdText(md).includes("The appeal deadline is April 10, 2026 (this letter's date). This request is filed within the appeal window."),
  );
});

test('PDF: characters the standard fonts cannot encode are replaced, never a crash', async () => {
  const odd = letter({
    beneficiary: { name: 'José Müller → 山田太郎 😀', member: 'Ő1\u00a0\t2' },
    reasons: [{ heading: 'Über → ≥ 3 muscles ✓', paragraphs: ['Line one\nline two — “quoted” – ok… 𝕏 \u0007', 'x'.repeat(300)] }],
    missing: ['☐ 患者の同意書'],
  });
  const bytes = await appealPdf(odd);
  assert.ok((await PDFDocument.load(bytes)).getPageCount() >= 2);
  const text = flat((await pdfText(bytes)).join('\n'));
  assert.ok(text.includes('José Müller -> ????'), text);
  assert.ok(text.includes('Über -> >= 3 muscles v'));
  assert.ok(text.includes('“quoted” – ok…'));
  assert.ok(text.includes('O1 2'));
  // The metadata (UTF-16), Markdown and HTML keep every character.
  assert.equal((await PDFDocument.load(bytes)).getTitle(), 'Request for Redetermination — José Müller → 山田太郎 😀, claim C-1001');
  assert.ok(appealMarkdown(odd).includes('José Müller → 山田太郎 😀'));
  assert.ok(appealHtml(odd).includes('José Müller → 山田太郎 😀'));
});
