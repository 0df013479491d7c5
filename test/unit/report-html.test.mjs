// The workspace audit report as HTML (server/src/report/html.ts, from the built library): the
// cards' figures, the table, escaping, the CSP, self-containment and the JSON; then the page in
// headless Chromium: the charts' marks, sorting, filtering, print CSS, the VS Code links, and a
// screenshot (test-results/report-test.png).
/* global document -- page.evaluate callbacks run in the page */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { launchChromium, chromiumBin } from '../support/code-server.mjs';

const require = createRequire(import.meta.url);
const { reportHtml, writeReportHtml, reportJson, escapeHtml, formatCents } = require('../../server/out/interchange.js');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const NONCE = 'dGVzdC1ub25jZQ==';
const EVIL = '<script>alert("x")</script>';

/** 3 payers, 10 claims (one with a hostile id), 2 denial reasons, sessions over a limit. */
function sample() {
  const payers = ['acme-ppo', 'medicare', 'blue-shield'];
  const patients = ['Ada Lovelace', 'Alan Turing', 'Grace Hopper'];
  const claims = [];
  for (let i = 0; i < 10; i++) {
    const errors = [2, 0, 1, 0, 0, 3, 0, 0, 1, 0][i];
    const warnings = [1, 1, 0, 0, 2, 0, 0, 1, 0, 0][i];
    const infos = [0, 1, 0, 0, 0, 0, 1, 0, 0, 0][i];
    const findings = [];
    for (let e = 0; e < errors; e++)
      findings.push({ code: e ? 'units-20552' : 'modifier-59', severity: 'error', message: `Error ${e + 1} & more`, line: 3 + e });
    for (let w = 0; w < warnings; w++)
      findings.push({ code: 'doc-symptoms', severity: 'warning', message: 'No symptoms documented', line: 8 });
    for (let n = 0; n < infos; n++) findings.push({ code: 'export-missing', severity: 'info', message: 'No member id', line: 1 });
    claims.push({
      id: i === 4 ? EVIL : `C-${String(i + 1).padStart(3, '0')}`,
      path: `claims/c${i + 1}.claim`,
      uri: `file:///work/claims/c${i + 1}.claim`,
      line: i % 3,
      payer: payers[i % 3],
      patient: patients[i % 3],
      date: `2026-0${1 + (i % 9)}-1${i % 10}`,
      errors,
      warnings,
      infos,
      expectedCents: i === 7 ? undefined : 5000 + i * 1234,
      denied: i === 2 || i === 5,
      findings,
    });
  }
  return {
    generated: '2026-12-04T01:00:00.000Z',
    title: 'ClaimNote audit report: claims/',
    totals: { files: 9, claims: 10, ready: 4, withErrors: 4, withWarnings: 4, exportReady: 3 },
    money: { expectedCents: 1234567, atRiskErrorsCents: 45678, atRiskDeniedCents: 23456, unknownClaims: 1 },
    byRule: [
      { id: 'modifier-59', family: 'Modifiers', severity: 'error', count: 4 },
      { id: 'units-20552', family: 'Trigger points', severity: 'error', count: 3 },
      { id: 'doc-symptoms', family: 'Documentation', severity: 'warning', count: 5 },
      { id: 'export-missing', family: 'Billing details', severity: 'info', count: 2 },
    ],
    byFamily: [
      { family: 'Modifiers', errors: 4, warnings: 0, infos: 0, hints: 0 },
      { family: 'Trigger points', errors: 3, warnings: 1, infos: 0, hints: 1 },
      { family: 'Documentation', errors: 0, warnings: 5, infos: 0, hints: 0 },
      { family: 'Billing details', errors: 0, warnings: 0, infos: 2, hints: 0 },
    ],
    byPayer: [
      { payer: 'acme-ppo', claims: 4, errors: 4, warnings: 2, expectedCents: 600000 },
      { payer: 'medicare', claims: 3, errors: 3, warnings: 2, expectedCents: 400000 },
      { payer: 'blue-shield', claims: 3, errors: 0, warnings: 1, expectedCents: 234567 },
    ],
    sessions: [
      {
        patient: 'Ada Lovelace',
        payer: 'acme-ppo',
        dates: ['2026-01-10', '2026-02-11', '2026-03-12', '2026-04-13', '2026-05-14'],
        limit: { count: 3, per: 1, unit: 'year' },
        over: ['2026-04-13', '2026-05-14'],
      },
      {
        patient: 'Alan Turing',
        payer: 'medicare',
        dates: ['2026-02-11', '2026-02-25', '2026-03-04'],
        limit: { count: 2, per: 30, unit: 'day' },
        over: ['2026-03-04'],
      },
      { patient: 'Grace Hopper', payer: 'blue-shield', dates: ['2026-03-12', '2026-06-15'], over: [] },
    ],
    denials: [
      { reason: 'CO-50', meaning: 'Not medically necessary', count: 2, amountCents: 15000 },
      { reason: 'CO-97', meaning: 'Bundled with another service', count: 1, amountCents: 8456 },
    ],
    claims,
  };
}

const text = (html) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

test('the cards show the figures', async () => {
  const data = sample();
  const html = await reportHtml(data, { nonce: NONCE });
  const cards = [...html.matchAll(/<div class="card[^"]*"><div class="label">([^<]*)<\/div><div class="value">([^<]*)<\/div>/g)].map(
    (m) => [m[1], m[2]],
  );
  assert.deepEqual(cards, [
    ['Claims checked', '10'],
    ['Ready to export', '3'],
    ['With errors', '4'],
    ['With warnings', '4'],
    ['Expected payment', '$12,345.67'],
    ['At risk: errors', '$456.78'],
    ['At risk: denied', '$234.56'],
  ]);
  assert.match(text(html), /1 claim unknown, not counted/);
  assert.match(html, /<h1>ClaimNote audit report: claims\/<\/h1>/);
  assert.match(html, /<time datetime="2026-12-04T01:00:00.000Z">/);
  assert.equal(formatCents(0), '$0.00');
  assert.equal(formatCents(-123456789), '-$1,234,567.89');
});

test('the page in pieces (as the CLI writes it) is the page: the claims rows a thousand a piece, in order', async () => {
  const data = sample();
  const many = [];
  for (let i = 0; i < 2500; i++) many.push({ ...data.claims[i % 10], id: `M-${i}` });
  const big = { ...data, claims: many, totals: { ...data.totals, claims: many.length } };
  const pieces = [];
  await writeReportHtml(big, (p) => pieces.push(p), { nonce: NONCE });
  const whole = await reportHtml(big, { nonce: NONCE });
  assert.equal(pieces.join(''), whole);
  assert.equal(pieces.filter((p) => p.includes('<tr data-id="M-')).length, 3, '2,500 rows in pieces of 1,000');
  const ids = [...whole.matchAll(/<tr data-id="(M-\d+)">/g)].map((m) => m[1]);
  assert.deepEqual(
    ids,
    many.map((c) => c.id),
  );
  // an empty workspace still makes a whole page
  const none = [];
  await writeReportHtml({ ...data, claims: [] }, (p) => none.push(p), { nonce: NONCE });
  assert.match(none.join(''), /<tbody>\n\n<\/tbody>[\s\S]*<\/html>\n$/);
});

test('the table has one row per claim with links to the file and line', async () => {
  const data = sample();
  const html = await reportHtml(data, { nonce: NONCE });
  const rows = [...html.matchAll(/<tr data-id="([^"]*)">([\s\S]*?)<\/tr>/g)];
  assert.equal(rows.length, 10);
  assert.equal(rows[0][1], 'C-001');
  assert.match(rows[0][2], /<a href="file:\/\/\/work\/claims\/c1\.claim#L1">C-001<\/a>/);
  assert.match(rows[1][2], /<a href="file:\/\/\/work\/claims\/c2\.claim#L2">C-002<\/a>/);
  // a finding links to its own line; messages are escaped
  assert.match(rows[0][2], /<a href="file:\/\/\/work\/claims\/c1\.claim#L5"><code>units-20552<\/code><\/a> Error 2 &amp; more/);
  assert.match(rows[7][2], /<td class="num expected" data-v="">unknown<\/td>/);
  assert.match(rows[2][2], /class="denied"/);
  assert.ok(!/data-uri=/.test(html), 'no data-uri without options.vscode');
  assert.ok(!/acquireVsCodeApi/.test(html));

  const vs = await reportHtml(data, { nonce: NONCE, vscode: true });
  assert.match(
    vs,
    /<a href="file:\/\/\/work\/claims\/c1\.claim#L1" data-uri="file:\/\/\/work\/claims\/c1\.claim" data-line="0">C-001<\/a>/,
  );
  assert.match(vs, /acquireVsCodeApi\(\)/);
});

test('every value is escaped; a javascript: uri is no link', async () => {
  const data = sample();
  data.title = 'A & B <b>';
  data.claims[1].uri = 'javascript:alert(1)';
  data.claims[3].findings = [{ code: '<img src=x onerror=alert(1)>', severity: 'error', message: '"quoted" \'single\'', line: 0 }];
  const html = await reportHtml(data, { nonce: NONCE });
  assert.ok(!html.includes(EVIL), 'the raw <script> of the claim id');
  assert.ok(html.includes(escapeHtml(EVIL)));
  assert.ok(html.includes(`<tr data-id="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;">`));
  assert.equal((html.match(/<script/g) ?? []).length, 1, 'the one script is ours');
  assert.ok(!html.includes('<img'));
  assert.ok(html.includes('&quot;quoted&quot; &#39;single&#39;'));
  assert.ok(html.includes('<title>A &amp; B &lt;b&gt;</title>'));
  assert.ok(!/href="javascript:/i.test(html));
});

test('CSP, nonce, self-contained, deterministic', async () => {
  const data = sample();
  const html = await reportHtml(data, { nonce: NONCE });
  assert.ok(
    html.includes(
      `<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; script-src &#39;nonce-${NONCE}&#39;; img-src data:">`,
    ),
  );
  assert.ok(html.includes(`<script nonce="${NONCE}">`));
  // no network: no http(s) anywhere but the CSP's http-equiv (the data has none)
  assert.deepEqual(html.replace(/http-equiv/g, '').match(/https?:[^\s"'<>]*/g), null);
  assert.ok(!/\ssrc=|<link|@import|url\(/i.test(html), 'no external resource');
  // a URL in the data is shown as text (escaped), never loaded
  const withUrl = sample();
  withUrl.denials[0].meaning = 'See https://example.invalid/x?a=1&b=2';
  const html2 = await reportHtml(withUrl, { nonce: NONCE });
  assert.ok(!/\ssrc=|<link/i.test(html2));
  assert.equal(await reportHtml(data, { nonce: NONCE }), html, 'the same page twice');
  const other = await reportHtml(data);
  assert.notEqual(other, html);
  assert.equal(
    other.replace(/nonce-[^']*'|nonce="[^"]*"/g, 'N'),
    html.replace(/nonce-[^']*'|nonce="[^"]*"/g, 'N'),
    'only the nonce differs',
  );
  // every chart is inlined SVG with a title and a description
  const svgs = [...html.matchAll(/<svg[^>]*>\s*<title id="chart-(\w+)-title">([^<]*)<\/title><desc[^>]*>([^<]*)<\/desc>/g)].map(
    (m) => m[1],
  );
  assert.deepEqual(svgs, ['rule', 'family', 'payer', 'denials', 'sessions']);
  assert.match(html, /3 sessions over the payer&#39;s limit/);
});

test('a practice of thousands of patients: the sessions chart shows the 40 most at risk, over the limit first, and says so', async () => {
  const limit = { count: 3, per: 12, unit: 'months' };
  const sessions = Array.from({ length: 5000 }, (_, i) => {
    const n = 1 + (i % 3); // 1 to 3 sessions of a limit of 3
    const dates = Array.from({ length: n }, (_, k) => `2026-0${k + 1}-15`);
    return { patient: `P-${String(i).padStart(5, '0')}`, payer: 'medicare', dates, limit, over: [] };
  });
  // two patients over the limit, late in the list
  for (const i of [4998, 3001]) {
    sessions[i].dates = ['2026-01-15', '2026-03-15', '2026-05-15', '2026-07-15'];
    sessions[i].over = ['2026-07-15'];
  }
  const html = await reportHtml({ ...sample(), sessions }, { nonce: NONCE });
  const chart = /<figure class="chart wide" data-chart="sessions">([\s\S]*?)<\/figure>/.exec(html)?.[1] ?? '';
  assert.match(chart, /40 of 5,000 patients: those with sessions over the limit first, then those nearest it/);
  const labels = [...chart.matchAll(/>(P-\d{5}) · medicare</g)].map((m) => m[1]);
  assert.equal(new Set(labels).size, 40);
  assert.ok(labels.includes('P-03001') && labels.includes('P-04998'), 'the patients over the limit are shown');
  // the others shown are at their limit (3 of 3), none below it
  for (const p of labels) assert.equal(sessions[Number(p.slice(2))].dates.length >= 3, true, p);
});

test('empty data: no charts, a note instead', async () => {
  const data = { ...sample(), byRule: [], byFamily: [], byPayer: [], sessions: [], denials: [], claims: [] };
  const html = await reportHtml(data, { nonce: NONCE });
  assert.equal((html.match(/<svg/g) ?? []).length, 0);
  assert.match(html, /<p class="empty">No denials\.<\/p>/);
});

test('the JSON has the same figures, keys in a stable order', async () => {
  const data = sample();
  const json = reportJson(data);
  assert.deepEqual(JSON.parse(json), JSON.parse(JSON.stringify(data)));
  // the same order whatever order the keys came in
  const shuffled = JSON.parse(JSON.stringify(data), (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
  );
  assert.equal(reportJson(shuffled), json);
  assert.deepEqual(Object.keys(JSON.parse(json)), [
    'generated',
    'title',
    'totals',
    'money',
    'byRule',
    'byFamily',
    'byPayer',
    'sessions',
    'denials',
    'claims',
  ]);
  const html = await reportHtml(data, { nonce: NONCE });
  const figures = JSON.parse(json);
  assert.ok(html.includes(`<div class="value">${figures.totals.claims}</div>`));
  assert.ok(html.includes(`<div class="value">${formatCents(figures.money.expectedCents)}</div>`));
  for (const c of figures.claims) assert.ok(html.includes(`<tr data-id="${escapeHtml(c.id)}">`), c.id);
});

test(
  'in Chromium: the charts, sorting, filtering, print and a screenshot',
  { skip: !fs.existsSync(chromiumBin) && `no Chromium at ${chromiumBin}` },
  async () => {
    const data = sample();
    const html = await reportHtml(data, { nonce: NONCE });
    const browser = await launchChromium();
    try {
      const { page } = browser;
      const problems = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(String(e)));
      page.on('request', (r) => {
        if (!r.url().startsWith('data:') && r.url() !== 'about:blank') problems.push(`request ${r.url()}`);
      });
      await page.setContent(html, { waitUntil: 'load' });

      const marks = (chart, sel) => page.locator(`[data-chart="${chart}"] ${sel}`).count();
      assert.equal(await marks('rule', 'g.mark-rect path[role="graphics-symbol"]'), data.byRule.length);
      const cells = data.byFamily.reduce((n, f) => n + [f.errors, f.warnings, f.infos, f.hints].filter((x) => x > 0).length, 0);
      assert.equal(await marks('family', 'g.mark-rect path[role="graphics-symbol"]'), cells);
      assert.equal(await marks('payer', 'g.mark-rect path[role="graphics-symbol"]'), data.byPayer.length);
      assert.equal(await marks('denials', 'g.mark-rect path[role="graphics-symbol"]'), data.denials.length);
      const over = data.sessions.reduce((n, s) => n + s.over.length, 0);
      const all = data.sessions.reduce((n, s) => n + s.dates.length, 0);
      assert.equal(await marks('sessions', 'g.over_marks path[role="graphics-symbol"]'), over);
      assert.equal(await marks('sessions', 'g.within_marks path[role="graphics-symbol"]'), all - over);
      // the over-limit crosses sit at their dates: their labels name them
      const overLabels = await page
        .locator('[data-chart="sessions"] g.over_marks path')
        .evaluateAll((ps) => ps.map((p) => p.getAttribute('aria-label')));
      assert.deepEqual(
        overLabels.map((l) => /\d{4}-\d\d-\d\d/.exec(l)?.[0]),
        data.sessions.flatMap((s) => s.over),
      );
      assert.equal(await page.locator('svg > title').count(), 5);

      const rows = page.locator('#claims tbody tr');
      const visibleIds = () => page.locator('#claims tbody tr:not([hidden])').evaluateAll((rs) => rs.map((r) => r.dataset.id));
      assert.equal(await rows.count(), 10);
      // the page fits its width: nothing sticks out of the main column
      const overflow = await page.evaluate(() => {
        const main = document.querySelector('main').getBoundingClientRect();
        return [...document.querySelectorAll('main > *, figure, table')]
          .filter((e) => e.getBoundingClientRect().right > main.right - 20)
          .map((e) => e.tagName + (e.id ? `#${e.id}` : ''));
      });
      assert.deepEqual(overflow, []);
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 1280);
      assert.equal(await page.locator('#shown').textContent(), '10 of 10 claims');

      // sort by expected payment: ascending (unknown last), then descending
      await page.click('th[data-key="expected"] button');
      const byExpected = data.claims
        .filter((c) => c.expectedCents !== undefined)
        .sort((a, b) => a.expectedCents - b.expectedCents)
        .map((c) => c.id);
      assert.deepEqual(await visibleIds(), [...byExpected, 'C-008']);
      assert.equal(await page.getAttribute('th[data-key="expected"]', 'aria-sort'), 'ascending');
      await page.click('th[data-key="expected"] button');
      assert.deepEqual(await visibleIds(), [...byExpected.reverse(), 'C-008']);
      // sort by errors (numbers as numbers, ties keep their order)
      await page.click('th[data-key="errors"] button');
      const byErrors = data.claims
        .map((_c, i) => i)
        .sort((i, j) => data.claims[i].errors - data.claims[j].errors || i - j)
        .map((i) => data.claims[i].id);
      assert.deepEqual(await visibleIds(), byErrors);

      // filter: words, any column, case ignored
      await page.fill('#filter', 'MEDICARE');
      const medicare = data.claims.filter((c) => c.payer === 'medicare').map((c) => c.id);
      assert.deepEqual((await visibleIds()).sort(), medicare.sort());
      assert.equal(await page.locator('#shown').textContent(), `${medicare.length} of 10 claims`);
      await page.fill('#filter', 'blue-shield units-20552');
      assert.deepEqual(await visibleIds(), ['C-006']);
      await page.fill('#filter', 'no such claim');
      assert.equal((await visibleIds()).length, 0);
      await page.fill('#filter', '');
      assert.equal((await visibleIds()).length, 10);

      // printed: no filter box
      assert.ok(await page.locator('#filter').isVisible());
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.locator('#filter').isVisible(), false);
      assert.equal(await page.locator('#claims').isVisible(), true);
      await page.emulateMedia({ media: 'screen' });

      // a clean sort order for the picture
      await page.setContent(html, { waitUntil: 'load' });
      fs.mkdirSync(path.join(root, 'test-results'), { recursive: true });
      await page.screenshot({ path: path.join(root, 'test-results/report-test.png'), fullPage: true });

      // in VS Code's webview a link click posts { uri, line }
      const vs = await reportHtml(data, { nonce: NONCE, vscode: true });
      await page.addInitScript(() => {
        globalThis.posted = [];
        globalThis.acquireVsCodeApi = () => ({ postMessage: (m) => globalThis.posted.push(m) });
      });
      await page.goto('about:blank');
      await page.setContent(vs, { waitUntil: 'load' });
      await page.click('tr[data-id="C-002"] td.id a');
      await page.click('tr[data-id="C-001"] a:has-text("units-20552")');
      assert.deepEqual(await page.evaluate(() => globalThis.posted), [
        { uri: 'file:///work/claims/c2.claim', line: 1 },
        { uri: 'file:///work/claims/c1.claim', line: 4 },
      ]);
      assert.equal(page.url(), 'about:blank', 'the click did not navigate');
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  },
);
