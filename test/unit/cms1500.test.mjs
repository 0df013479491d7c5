// The CMS-1500 (02/12) picture: the boxes a claim fills, read back from the SVG; findings on
// boxes; escaping; determinism; several pages; the PNG and the PDF (from the built library).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { PDFDocument } from 'pdf-lib';
import { exampleClaim } from '../../scripts/render-form-example.mjs';

const require = createRequire(import.meta.url);
const { boxesOf, withFindings, pagesOf, cms1500Svg, cms1500Png, cms1500Pdf, renderForm } = require('../../server/out/interchange.js');

const decode = (s) => s.replace(/&(amp|lt|gt|quot|apos);/g, (_m, e) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e]);

/** data-box -> { cls, line, aria, title, text } of every box of an SVG. */
function readBoxes(svg) {
  const out = new Map();
  for (const m of svg.matchAll(/<g class="([^"]*)" data-box="([^"]*)"((?: data-line="\d+")?) [^>]*aria-label="([^"]*)">([\s\S]*?)<\/g>/g)) {
    const body = m[5];
    const title = /<title>([^<]*)<\/title>/.exec(body);
    const text = /<text class="value"[^>]*>(.*?)<\/text>/.exec(body);
    out.set(decode(m[2]), {
      cls: m[1],
      line: m[3] ? Number(/\d+/.exec(m[3])[0]) : undefined,
      aria: decode(m[4]),
      title: title ? decode(title[1]) : undefined,
      text: text
        ? decode(text[1].replace(/<[^>]+>/g, ''))
            .replace(/\s+/g, ' ')
            .trim()
        : '',
      body,
    });
  }
  return out;
}

const svgOf = (claim, options) => cms1500Svg({ claimId: claim.id ?? '', boxes: boxesOf(claim) }, options);

test('the example claim: every box reads back with its value and its .claim line', () => {
  const boxes = readBoxes(svgOf(exampleClaim));
  const expect = {
    carrier: 'Acme PPO',
    '1a': 'XJH123456789',
    2: 'Rivera, Ana, M',
    3: '03 15 1970 X',
    4: 'Rivera, Ana, M',
    5: '12 Elm St',
    '5.city': 'Springfield',
    '5.state': 'IL',
    '5.zip': '62701-1234',
    6: 'X',
    7: '12 Elm St',
    '11c': 'Acme PPO',
    11: '',
    21: '0',
    '21.A': 'M7918',
    '21.B': 'M542',
    '21.C': '',
    22: '7 ACME88812345',
    23: 'PA-77120',
    '24A.1': '03 05 26 03 05 26',
    '24B.1': '11',
    '24D.1': '20553 LT',
    '24E.1': 'AB',
    '24F.1': '150 00',
    '24G.1': '1',
    '24J.1': '1922345670',
    '24D.2': 'J3301',
    '24E.2': 'A',
    '24F.2': '25 50',
    '24G.2': '4',
    '24D.3': '',
    '24F.6': '',
    25: '371234567 X',
    26: 'TP-2026-0142',
    28: '175 50',
    31: 'SIGNATURE ON FILE',
    32: '',
    33: 'Lakeside Pain Clinic',
    '33.street': '400 Lake Shore Dr Ste 2',
    '33.city': 'Springfield, IL 62703-9876',
    '33.phone': '(217) 555 0100',
    '33a': '1234567893',
  };
  for (const [id, value] of Object.entries(expect)) {
    assert.ok(boxes.has(id), `box ${id} is drawn`);
    assert.equal(boxes.get(id).text, value, `box ${id}`);
  }
  // the check boxes name what is checked in their aria-label
  assert.match(boxes.get('1').aria, /: GROUP HEALTH PLAN$/);
  assert.match(boxes.get('3').aria, /: 03 15 1970 F$/);
  assert.match(boxes.get('6').aria, /: SELF$/);
  assert.match(boxes.get('25').aria, /: 371234567 EIN$/);
  assert.doesNotMatch(boxes.get('21.A').text, /\./, 'diagnoses without dots');
  // where each value came from
  const lines = {
    '1a': 2,
    2: 1,
    3: 3,
    5: 8,
    26: 0,
    22: 6,
    23: 7,
    '21.A': 11,
    '21.B': 12,
    '24D.1': 13,
    '24F.2': 14,
    '24A.1': 4,
    '24J.1': 10,
    carrier: 9,
  };
  for (const [id, line] of Object.entries(lines)) assert.equal(boxes.get(id).line, line, `box ${id} line`);
  assert.equal(boxes.get('33a').line, undefined, 'the practice has no line in this file');
  assert.equal(boxes.get('24D.3').line, undefined);
  // every box is a focusable group with a frame and a label
  assert.ok(boxes.size > 120, `${boxes.size} boxes`);
  for (const [id, b] of boxes) {
    assert.match(b.body, /^<rect class="frame"/, id);
    assert.ok(b.aria.length > 3, id);
  }
});

test('box 1 and box 11 follow the claim type; a claim being edited can lack anything', () => {
  const medicare = readBoxes(svgOf({ ...exampleClaim, payer: { name: 'Medicare', claimType: 'MB' } }));
  assert.match(medicare.get('1').aria, /: MEDICARE$/);
  assert.equal(medicare.get('11').text, 'NONE');
  const x = medicare.get('1').body.match(/<tspan x="([\d.]+)"[^>]*>X<\/tspan>/);
  assert.ok(x && Number(x[1]) < 60, 'the X is in the Medicare check box, the first');
  assert.deepEqual(boxesOf({}), []);
  const bare = readBoxes(svgOf({ patient: { member: 'M1' }, lines: [{ code: '20552' }] }));
  assert.equal(bare.get('1a').text, 'M1');
  assert.equal(bare.get('24D.1').text, '20552');
  assert.equal(bare.get('28').text, '', 'no charge, no total');
  assert.equal(bare.get('22').text, '', 'not a replacement');
  assert.equal(bare.get('24J.1').text, '', 'no rendering provider');
});

test('a box with a finding: its class, its outline and its messages as hover text', () => {
  const boxes = withFindings(boxesOf(exampleClaim), [
    { line: 12, severity: 'warning', message: 'first' },
    { line: 12, severity: 'error', message: 'M54.2 is not covered by "Acme" & <co>' },
    { line: 13, severity: 'info', message: 'a note' },
  ]);
  const read = readBoxes(cms1500Svg({ claimId: exampleClaim.id, boxes }));
  const b = read.get('21.B');
  assert.equal(b.cls, 'box has-error');
  assert.equal(b.title, 'first\nM54.2 is not covered by "Acme" & <co>');
  assert.match(b.body, /<rect class="finding"[^>]*stroke="#d50000"/);
  assert.match(b.aria, /\(error: first; M54\.2/);
  for (const id of ['24D.1', '24E.1', '24F.1', '24G.1']) assert.equal(read.get(id).cls, 'box has-info', id);
  assert.equal(read.get('24A.1').cls, 'box', "the line's date is the claim's date, on another line");
  assert.equal(read.get('21.A').cls, 'box');
  assert.equal(read.get('21.A').title, undefined);
  assert.doesNotMatch(read.get('21.A').body, /class="finding"/);
});

test('names and messages are XML-escaped; the output has no external resources', () => {
  const claim = {
    ...exampleClaim,
    id: 'A&B<1>',
    patient: { ...exampleClaim.patient, name: { last: `O'Neil & <Sons> "Jr"`, first: 'Ann' } },
  };
  const svg = svgOf(claim);
  assert.doesNotMatch(svg, /<Sons>|& <|"Jr"/);
  assert.match(svg, /O&apos;Neil &amp; &lt;Sons&gt; &quot;Jr&quot;, Ann/);
  assert.equal(readBoxes(svg).get('2').text, `O'Neil & <Sons> "Jr", Ann`);
  assert.equal(readBoxes(svg).get('26').text, 'A&B<1>');
  // every & starts an entity; tags balance
  assert.doesNotMatch(svg.replace(/&(amp|lt|gt|quot|apos);/g, ''), /&/);
  assert.equal((svg.match(/<g[ >]/g) ?? []).length, (svg.match(/<\/g>/g) ?? []).length);
  assert.equal((svg.match(/<text[ >]/g) ?? []).length, (svg.match(/<\/text>/g) ?? []).length);
  assert.doesNotMatch(svg, /<script|<image|<foreignObject|href=|url\(|@import|@font-face/);
  assert.doesNotMatch(svg, /[\u0000-\u0008]/);
});

test('the same claim draws the same bytes; the banner and the themes', () => {
  const a = svgOf(exampleClaim);
  assert.equal(svgOf(structuredClone(exampleClaim)), a);
  assert.match(a, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 612 792"/);
  assert.match(a, /For review and for printing on the red-ink CMS-1500 form: not for OCR submission on plain paper\./);
  assert.doesNotMatch(svgOf(exampleClaim, { banner: false }), /not for OCR submission/);
  assert.match(a, /stroke="#c8102e"/, 'red ink');
  assert.doesNotMatch(a, /var\(/, 'no theme: fixed colours');
  for (const theme of ['light', 'dark', 'high-contrast']) {
    const t = svgOf(exampleClaim, { theme });
    assert.match(t, /\.ink\{fill:var\(--cms1500-ink, #[0-9a-f]{6}\)\}/, theme);
    assert.match(t, /\.paper\{fill:var\(--cms1500-paper, /, theme);
  }
  assert.notEqual(svgOf(exampleClaim, { theme: 'dark' }), svgOf(exampleClaim, { theme: 'light' }));
});

test('more than six lines: one form per six, each with the total of its own lines', () => {
  const lines = Array.from({ length: 8 }, (_, i) => ({
    code: '20553',
    pointers: ['A'],
    chargeCents: 1000 * (i + 1),
    units: 1,
    line: 20 + i,
  }));
  const claim = { ...exampleClaim, lines };
  const input = { claimId: claim.id, boxes: boxesOf(claim) };
  assert.equal(input.boxes.find((b) => b.id === '28').value, '360 00');
  assert.ok(input.boxes.some((b) => b.id === '24F.8'));
  const pages = pagesOf(input);
  assert.equal(pages.length, 2);
  const [p1, p2] = pages.map((p) => readBoxes(cms1500Svg(p)));
  assert.equal(p1.get('24F.6').text, '60 00');
  assert.equal(p1.get('28').text, '210 00');
  assert.equal(p2.get('24F.1').text, '70 00');
  assert.equal(p2.get('24D.1').line, 26);
  assert.equal(p2.get('24F.2').text, '80 00');
  assert.equal(p2.get('24F.3').text, '');
  assert.equal(p2.get('28').text, '150 00');
  assert.equal(p2.get('1a').text, 'XJH123456789', 'the claim boxes on every page');
  assert.match(cms1500Svg(pages[1]), /PAGE 2 OF 2/);
  assert.equal(pagesOf({ claimId: 'x', boxes: boxesOf(exampleClaim) }).length, 1);
  // drawn without pagesOf, the form says what it leaves out
  assert.match(cms1500Svg(input), /More than six service lines/);
  assert.doesNotMatch(svgOf(exampleClaim), /More than six service lines/);
});

/** The dark (black-ish, not red) pixels in a rectangle of points, at `scale` pixels a point. */
function darkPixels(r, scale, x0, y0, x1, y1) {
  const px = r.pixels; // a copy at every read of the getter: read it once
  let n = 0;
  for (let y = Math.round(y0 * scale); y < Math.round(y1 * scale); y++) {
    for (let x = Math.round(x0 * scale); x < Math.round(x1 * scale); x++) {
      const i = (y * r.width + x) * 4;
      if (px[i] < 90 && px[i + 1] < 90 && px[i + 2] < 90) n++;
    }
  }
  return n;
}

test('PNG: a real PNG of the page, with the values drawn in their boxes', async () => {
  const svg = svgOf(exampleClaim);
  const png = await cms1500Png(svg);
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.equal(png.subarray(12, 16).toString('latin1'), 'IHDR');
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [612, 792]);
  const png2 = await cms1500Png(svg, 2);
  assert.deepEqual([png2.readUInt32BE(16), png2.readUInt32BE(20)], [1224, 1584]);
  // box 1a: x 380-592, y 100-122; its value sits in the lower half
  const r = renderForm(svg, 2);
  assert.ok(darkPixels(r, 2, 382, 108, 590, 121) > 100, 'the member id is drawn in box 1a');
  const empty = renderForm(svgOf({ ...exampleClaim, patient: { ...exampleClaim.patient, member: undefined } }), 2);
  assert.equal(darkPixels(empty, 2, 382, 108, 590, 121), 0, 'nothing dark in an empty box 1a');
  // the red ink is red
  const px = r.pixels;
  const i = (Math.round(100 * 2) * r.width + Math.round(200 * 2)) * 4;
  assert.ok(px[i] > 150 && px[i] - px[i + 1] > 60, `ink at box 1's top edge: ${[...px.subarray(i, i + 3)]}`);
  // a themed picture renders in its fallback colours
  const dark = renderForm(svgOf(exampleClaim, { theme: 'dark' }), 1);
  assert.deepEqual([...dark.pixels.subarray(0, 3)], [0x1e, 0x1e, 0x1e]);
});

test('PDF: one Letter page holding the form at 200 dpi, with its title', async () => {
  const pdf = await cms1500Pdf(svgOf(exampleClaim), { date: new Date('2026-03-06T00:00:00Z') });
  assert.equal(Buffer.from(pdf.subarray(0, 5)).toString('latin1'), '%PDF-');
  const doc = await PDFDocument.load(pdf);
  assert.equal(doc.getPageCount(), 1);
  const { width, height } = doc.getPage(0).getSize();
  assert.deepEqual([width, height], [612, 792]);
  assert.equal(doc.getTitle(), 'CMS-1500 (02/12) claim form: claim TP-2026-0142');
  assert.equal(doc.getCreator(), 'ClaimNote');
  assert.equal(doc.getCreationDate()?.toISOString(), '2026-03-06T00:00:00.000Z');
  const text = Buffer.from(pdf).toString('latin1');
  assert.match(text, /\/Width 1700/);
  assert.match(text, /\/Height 2200/);
  assert.doesNotMatch(text, /\/URI|https?:\/\//);
});
