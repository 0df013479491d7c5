// The workspace audit report as one self-contained HTML page: summary cards, charts drawn with
// Vega-Lite (compiled to SVG in Node and inlined), and a table of claims with their findings
// that sorts and filters with a few lines of inline script. No network, no external resources:
// a strict CSP, every value HTML-escaped. The figures are computed elsewhere (ReportData);
// this module only renders them. docs/report.md describes the page.

import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface ReportData {
  generated: string; // ISO date-time the report was made
  title: string; // e.g. "ClaimNote audit report: claims/"
  totals: { files: number; claims: number; ready: number; withErrors: number; withWarnings: number; exportReady: number };
  money: {
    expectedCents: number;
    atRiskErrorsCents: number;
    atRiskDeniedCents: number;
    unknownClaims: number /* claims whose expected payment is unknown */;
  };
  byRule: { id: string; family: string; severity: 'error' | 'warning' | 'info' | 'hint'; count: number }[];
  byFamily: { family: string; errors: number; warnings: number; infos: number; hints: number }[];
  byPayer: { payer: string; claims: number; errors: number; warnings: number; expectedCents: number }[];
  /** each patient's sessions with one payer, against the payer's limit */
  sessions: {
    patient: string;
    payer: string;
    dates: string[] /* ISO */;
    limit?: { count: number; per: number; unit: string };
    over: string[] /* dates over the limit */;
  }[];
  denials: { reason: string /* CO-50 */; meaning: string; count: number; amountCents: number }[];
  claims: {
    id: string;
    path: string;
    uri: string;
    line: number /* 0-based */;
    payer?: string;
    patient?: string;
    date?: string;
    errors: number;
    warnings: number;
    infos: number;
    expectedCents?: number;
    denied: boolean;
    findings: { code: string; severity: string; message: string; line: number }[];
  }[];
}

export interface ReportHtmlOptions {
  /** links carry data-uri and data-line, and a click posts `{ uri, line }` to the webview's host */
  vscode?: boolean;
  /** the script's nonce (fix it for reproducible output); default: random */
  nonce?: string;
}

// ------------------------------------------------------------------------------ text

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and double- or single-quoted attributes. */
export function escapeHtml(value: unknown): string {
  const text = String(value ?? '');
  // most values (ids, dates, codes) have nothing to escape
  return /[&<>"']/.test(text) ? text.replace(/[&<>"']/g, (c) => ENTITIES[c]) : text;
}

/** Cents as dollars with thousands separators: 123456 -> "$1,234.56" (locale-independent). */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.round(Math.abs(cents));
  const dollars = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}$${dollars}.${String(abs % 100).padStart(2, '0')}`;
}

/** "year" for 1 year, "30 days" for 30 day(s). */
const period = (n: number, unit: string): string => (n === 1 ? unit : `${n} ${unit}${unit.endsWith('s') ? '' : 's'}`);

const count = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** A link target that cannot run script: no javascript:, vbscript: or data: URIs. */
function safeHref(uri: string): string | undefined {
  const scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(uri)?.[1]?.toLowerCase();
  if (scheme && ['javascript', 'vbscript', 'data'].includes(scheme)) return undefined;
  return uri;
}

// ------------------------------------------------------------------------------ charts

interface ChartLibs {
  parse(spec: unknown): unknown;
  View: new (runtime: unknown, options: { renderer: string }) => { toSVG(): Promise<string>; finalize(): void };
  compile(spec: unknown): { spec: unknown };
}

let libs: Promise<ChartLibs> | undefined;

/**
 * vega and vega-lite are ESM with top-level await: they are loaded at run time, never bundled
 * into the CommonJS bundles. server/out/charts.mjs (both, bundled as one ESM file) is used when
 * it is beside this bundle, so that a copy without node_modules still draws; else the packages.
 */
function chartLibs(): Promise<ChartLibs> {
  libs ??= (async () => {
    const bundled = [path.join(__dirname, 'charts.mjs'), path.join(__dirname, '../../out/charts.mjs')].find((f) => existsSync(f));
    if (bundled) return (await import(pathToFileURL(bundled).href)) as ChartLibs;
    // (by a name in a variable: the type check, CommonJS, cannot resolve these ESM packages' types)
    const load = (name: string): Promise<Record<string, unknown>> => import(name);
    const [vega, vegaLite] = await Promise.all([load('vega'), load('vega-lite')]);
    return { parse: vega.parse, View: vega.View, compile: vegaLite.compile } as unknown as ChartLibs;
  })().catch((e: unknown) => {
    libs = undefined; // a failed load is tried again by the next report
    throw e;
  });
  return libs;
}

/** Starts loading the chart library (a report drawn later finds it loaded); a failed load is tried again then. */
export function preloadCharts(): void {
  chartLibs().catch(() => {});
}

const SEVERITY_COLORS = { error: '#c62828', warning: '#e6a100', info: '#1e6fb8', hint: '#8a8f98' } as const;
const SEVERITIES = ['error', 'warning', 'info', 'hint'] as const;

const CONFIG = {
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  view: { stroke: null },
  axisY: { labelLimit: 260 },
  axis: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal', gridColor: '#eceff3', domainColor: '#9aa3ad' },
  legend: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal', orient: 'bottom' },
  title: { fontSize: 13, anchor: 'start', fontWeight: 600, color: '#1f2933' },
  background: 'white',
};

interface Chart {
  key: string;
  title: string;
  description: string;
  spec?: Record<string, unknown>;
  empty: string;
}

const barHeight = (rows: number): { step: number } | number => (rows > 0 ? { step: 22 } : 40);

/** A horizontal bar chart of counts, a bar (or a stack) for each category; none without values. */
function bars(o: {
  values: object[];
  /** the categories, for the height */
  rows: number;
  y: { field: string; sort: unknown };
  x: { field: string; title: string; stack?: 'zero' };
  color?: string;
  /** more channels (colour by severity, stacking order) */
  encoding?: Record<string, unknown>;
  tooltip: { field: string; title: string; format?: string }[];
}): Record<string, unknown> | undefined {
  if (!o.values.length) return undefined;
  return {
    data: { values: o.values },
    mark: { type: 'bar', tooltip: true, ...(o.color ? { color: o.color } : {}) },
    height: barHeight(o.rows),
    width: 380,
    encoding: {
      y: { field: o.y.field, type: 'nominal', title: null, sort: o.y.sort },
      x: {
        field: o.x.field,
        type: 'quantitative',
        title: o.x.title,
        ...(o.x.stack ? { stack: o.x.stack } : {}),
        axis: { tickMinStep: 1, format: 'd' },
      },
      ...o.encoding,
      tooltip: o.tooltip,
    },
  };
}

function charts(data: ReportData): Chart[] {
  const rules = data.byRule.map((r) => ({ rule: r.id, family: r.family, severity: r.severity, count: r.count }));
  const families = data.byFamily.flatMap((f) =>
    (
      [
        ['error', f.errors],
        ['warning', f.warnings],
        ['info', f.infos],
        ['hint', f.hints],
      ] as const
    )
      .filter(([, n]) => n > 0)
      .map(([severity, n]) => ({ family: f.family, severity, count: n, order: SEVERITIES.indexOf(severity) })),
  );
  const payers = data.byPayer.map((p) => ({
    payer: p.payer,
    claims: p.claims,
    errors: p.errors,
    warnings: p.warnings,
    expected: p.expectedCents / 100,
  }));
  const denials = data.denials.map((d) => ({ reason: d.reason, meaning: d.meaning, count: d.count, amount: d.amountCents / 100 }));
  const severityColor = {
    field: 'severity',
    type: 'nominal',
    title: 'Severity',
    scale: { domain: [...SEVERITIES], range: SEVERITIES.map((s) => SEVERITY_COLORS[s]) },
  };
  // one row a patient and payer, labelled on two lines ("Ada · acme-ppo", "limit 3 per 1 year")
  const limitOf = (s: ReportData['sessions'][number]): string =>
    s.limit ? `limit ${s.limit.count} per ${period(s.limit.per, s.limit.unit)}` : 'no limit';
  const sessionRows = sessionsShown(data.sessions).map((s) => ({ ...s, row: `${s.patient} · ${s.payer}\n${limitOf(s)}` }));
  const sessionPoints = sessionRows.flatMap((s) =>
    s.dates.map((date) => ({
      row: s.row,
      patient: s.patient,
      payer: s.payer,
      limit: limitOf(s),
      date,
      over: s.over.includes(date) ? 'over the limit' : 'within the limit',
    })),
  );
  const within = sessionPoints.filter((p) => p.over === 'within the limit');
  const over = sessionPoints.filter((p) => p.over === 'over the limit');
  const sessionEncoding = {
    // dates are days: a UTC scale draws them on the same day in every time zone
    x: {
      field: 'date',
      type: 'temporal',
      title: 'Date of service',
      scale: { type: 'utc', padding: 12 },
      axis: { format: '%Y-%m-%d', labelAngle: 0 },
    },
    y: {
      field: 'row',
      type: 'nominal',
      title: null,
      sort: sessionRows.map((s) => s.row),
      axis: { labelExpr: "split(datum.value, '\\n')", labelLineHeight: 13 },
    },
    tooltip: [
      { field: 'date', type: 'nominal', title: 'Date' },
      { field: 'patient', type: 'nominal', title: 'Patient' },
      { field: 'payer', type: 'nominal', title: 'Payer' },
      { field: 'limit', type: 'nominal', title: 'Limit' },
      { field: 'over', type: 'nominal', title: 'Session' },
    ],
  };
  return [
    {
      key: 'rule',
      title: 'Findings by rule',
      description: `Bar chart: number of findings for each of ${count(rules.length, 'rule')}, coloured by severity.`,
      empty: 'No findings.',
      spec: bars({
        values: rules,
        rows: rules.length,
        y: { field: 'rule', sort: { field: 'count', order: 'descending' } },
        x: { field: 'count', title: 'Findings' },
        encoding: { color: severityColor },
        tooltip: [
          { field: 'rule', title: 'Rule' },
          { field: 'family', title: 'Family' },
          { field: 'severity', title: 'Severity' },
          { field: 'count', title: 'Findings' },
        ],
      }),
    },
    {
      key: 'family',
      title: 'Findings by family',
      description: `Stacked bar chart: findings in each of ${count(data.byFamily.length, 'rule family', 'rule families')} by severity.`,
      empty: 'No findings.',
      spec: bars({
        values: families,
        rows: data.byFamily.length,
        y: { field: 'family', sort: data.byFamily.map((f) => f.family) },
        x: { field: 'count', title: 'Findings', stack: 'zero' },
        encoding: { color: severityColor, order: { field: 'order', type: 'quantitative' } },
        tooltip: [
          { field: 'family', title: 'Family' },
          { field: 'severity', title: 'Severity' },
          { field: 'count', title: 'Findings' },
        ],
      }),
    },
    {
      key: 'payer',
      title: 'Claims by payer',
      description: `Bar chart: claims for each of ${count(payers.length, 'payer')}.`,
      empty: 'No claims.',
      spec: bars({
        values: payers,
        rows: payers.length,
        y: { field: 'payer', sort: payers.map((p) => p.payer) },
        x: { field: 'claims', title: 'Claims' },
        color: '#3b6ea8',
        tooltip: [
          { field: 'payer', title: 'Payer' },
          { field: 'claims', title: 'Claims' },
          { field: 'errors', title: 'Errors' },
          { field: 'warnings', title: 'Warnings' },
          { field: 'expected', title: 'Expected payment', format: '$,.2f' },
        ],
      }),
    },
    {
      key: 'denials',
      title: 'Denials by reason',
      description: `Bar chart: denied claims for each of ${count(denials.length, 'adjustment reason')}.`,
      empty: 'No denials.',
      spec: bars({
        values: denials,
        rows: denials.length,
        y: { field: 'reason', sort: denials.map((d) => d.reason) },
        x: { field: 'count', title: 'Denials' },
        color: '#8e3b46',
        tooltip: [
          { field: 'reason', title: 'Reason' },
          { field: 'meaning', title: 'Meaning' },
          { field: 'count', title: 'Denials' },
          { field: 'amount', title: 'Amount', format: '$,.2f' },
        ],
      }),
    },
    {
      key: 'sessions',
      title: 'Sessions against the payer’s limit',
      description:
        `Time line: each patient's sessions with one payer as dots on a date axis (${
          sessionRows.length < data.sessions.length
            ? `${sessionRows.length} of ${data.sessions.length.toLocaleString('en-US')} patients: those with sessions over the limit first, then those nearest it`
            : count(sessionRows.length, 'row')
        }); ` + `${count(over.length, 'session')} over the payer's limit drawn as red crosses.`,
      empty: 'No sessions.',
      spec: sessionPoints.length
        ? {
            height: sessionRows.length ? { step: 34 } : 40,
            width: 820,
            layer: [
              {
                name: 'within',
                data: { values: within },
                mark: { type: 'point', filled: true, size: 70, color: '#3b6ea8', opacity: 0.9 },
                encoding: sessionEncoding,
              },
              {
                name: 'over',
                data: { values: over },
                mark: { type: 'point', shape: 'cross', filled: true, size: 120, color: '#c62828' },
                encoding: sessionEncoding,
              },
            ],
          }
        : undefined,
    },
  ];
}

/** Rows of the sessions chart at most: a row a patient and payer is legible up to a few dozen (and a practice has thousands). */
export const SESSION_ROWS = 40;

/**
 * The patients the sessions chart shows: all of them when they fit; otherwise those with the
 * most sessions over the payer's limit, then those nearest their limit (sessions / limit), then
 * those with the most sessions, by patient and payer on a tie.
 */
function sessionsShown(all: ReportData['sessions']): ReportData['sessions'] {
  if (all.length <= SESSION_ROWS) return all;
  const near = (s: ReportData['sessions'][number]) => (s.limit ? s.dates.length / s.limit.count : 0);
  return all
    .map((s, i) => ({ s, i }))
    .sort(
      (a, b) =>
        b.s.over.length - a.s.over.length ||
        near(b.s) - near(a.s) ||
        b.s.dates.length - a.s.dates.length ||
        a.s.patient.localeCompare(b.s.patient) ||
        a.s.payer.localeCompare(b.s.payer) ||
        a.i - b.i,
    )
    .slice(0, SESSION_ROWS)
    .map(({ s }) => s);
}

/** One chart's SVG, inlined: no xmlns (inline SVG needs none), a <title> and <desc> first. */
async function chartSvg(chart: Chart): Promise<string> {
  if (!chart.spec) return `<p class="empty">${escapeHtml(chart.empty)}</p>`;
  const { parse, View, compile } = await chartLibs();
  const spec = { config: CONFIG, ...chart.spec };
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  let svg: string;
  try {
    svg = await view.toSVG();
  } finally {
    view.finalize();
  }
  const id = `chart-${chart.key}`;
  return svg
    .replace(/ xmlns(?::xlink)?="[^"]*"/g, '')
    .replace(
      /^<svg([^>]*)>/,
      (_m, attrs: string) =>
        `<svg${attrs} role="img" aria-labelledby="${id}-title ${id}-desc"><title id="${id}-title">${escapeHtml(chart.title)}</title>` +
        `<desc id="${id}-desc">${escapeHtml(chart.description)}</desc>`,
    );
}

// ------------------------------------------------------------------------------ the page

const STYLE = `
:root{--ink:#1f2933;--muted:#5f6b7a;--line:#dde2e8;--bg:#f6f7f9;--card:#fff;--error:#c62828;--warning:#a86f00;--ok:#2e7d32}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:1120px;margin:0 auto;padding:24px}
header h1{font-size:22px;margin:0 0 4px}
header p{margin:0;color:var(--muted)}
h2{font-size:16px;margin:28px 0 10px}
.cards{display:grid;grid-template-columns:repeat(4,minmax(0,1fr));gap:12px;margin-top:12px}
.cards.money{grid-template-columns:repeat(3,minmax(0,1fr))}
header+.cards{margin-top:20px}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 14px}
.card .label{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.03em}
.card .value{font-size:24px;font-weight:600;margin-top:2px;font-variant-numeric:tabular-nums}
.card .note{color:var(--muted);font-size:12px}
.card.error .value{color:var(--error)}.card.warning .value{color:var(--warning)}.card.ok .value{color:var(--ok)}
.charts{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:12px}
figure{margin:0;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px;overflow-x:auto}
figure.wide{grid-column:1/-1}
figcaption{font-weight:600;margin-bottom:6px}
figure svg{max-width:100%;height:auto}
.empty{color:var(--muted);margin:8px 0}
.tools{display:flex;gap:12px;align-items:center;margin-bottom:8px}
.tools input{font:inherit;padding:6px 10px;border:1px solid var(--line);border-radius:6px;min-width:360px}
.tools output{color:var(--muted)}
table{width:100%;border-collapse:collapse;font-size:13px;background:var(--card);border:1px solid var(--line)}
th,td{text-align:left;padding:5px 6px;border-bottom:1px solid var(--line);vertical-align:top}
th{background:#eef1f5;font-weight:600;white-space:nowrap}
th button{all:unset;cursor:pointer}
th button::after{content:" \\2195";color:var(--muted)}
th[aria-sort=ascending] button::after{content:" \\2191"}
th[aria-sort=descending] button::after{content:" \\2193"}
td.payer,td.date,td.num{white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td.errors.some{color:var(--error);font-weight:600}td.warnings.some{color:var(--warning);font-weight:600}
ul.findings{margin:0;padding:0;list-style:none}
ul.findings li{margin:1px 0}
ul.findings code{white-space:nowrap}
td.findings{min-width:240px}
.key{color:var(--muted);font-size:12px;margin:4px 0 0}
.sev{display:inline-block;min-width:56px;font-size:11px;font-weight:600;text-transform:uppercase}
.sev-error{color:var(--error)}.sev-warning{color:var(--warning)}.sev-info{color:#1e6fb8}.sev-hint{color:#8a8f98}
code{font-size:12px}
a{color:#1d5fa8}
.denied{color:var(--error);font-weight:600}
.where{color:var(--muted)}
footer{color:var(--muted);font-size:12px;margin-top:24px}
@media print{
  body{background:#fff;font-size:11px}
  main{max-width:none;padding:0}
  .tools{display:none}
  .card,figure,table{border-color:#bbb}
  figure,.card,tr{break-inside:avoid;page-break-inside:avoid}
  .charts{grid-template-columns:1fr 1fr}
  thead{display:table-header-group}
  th button::after{content:""}
  a{color:inherit;text-decoration:none}
  h2{break-after:avoid}
}
`;

function script(vscode: boolean): string {
  // Sort on a header click (numbers as numbers, blanks last), filter on the text box's words.
  const sortFilter = `
const table=document.getElementById('claims'),body=table.tBodies[0],rows=[...body.rows],box=document.getElementById('filter'),shown=document.getElementById('shown');
table.querySelectorAll('th button').forEach((b,i)=>b.addEventListener('click',()=>{
const th=b.parentElement,num=th.classList.contains('num'),dir=th.getAttribute('aria-sort')==='ascending'?-1:1;
table.querySelectorAll('th').forEach(h=>h.removeAttribute('aria-sort'));th.setAttribute('aria-sort',dir>0?'ascending':'descending');
const key=r=>r.cells[i].dataset.v??r.cells[i].textContent.trim();
rows.slice().sort((a,b)=>{const x=key(a),y=key(b);if(x===''||y==='')return x===y?0:x===''?1:-1;
const c=num?Number(x)-Number(y):x.localeCompare(y,'en',{numeric:true});return c*dir||rows.indexOf(a)-rows.indexOf(b)}).forEach(r=>body.appendChild(r))}));
const filter=()=>{const words=box.value.toLowerCase().split(/\\s+/).filter(Boolean);let n=0;
for(const r of rows){const t=r.textContent.toLowerCase(),ok=words.every(w=>t.includes(w));r.hidden=!ok;if(ok)n++}
shown.textContent=n+' of '+rows.length+' claims'};box.addEventListener('input',filter);filter();`;
  const post = `
const host=acquireVsCodeApi();document.addEventListener('click',e=>{const a=e.target instanceof Element&&e.target.closest('a[data-uri]');
if(!a)return;e.preventDefault();host.postMessage({uri:a.dataset.uri,line:Number(a.dataset.line)})});`;
  // (in a block: nothing leaks into the page's globals)
  return `{${sortFilter}${vscode ? post : ''}\n}`;
}

const randomNonce = (): string => randomBytes(16).toString('base64');

function link(uri: string, line: number, text: string, vscode: boolean): string {
  const href = safeHref(uri);
  const target = href === undefined ? undefined : `${href}#L${line + 1}`;
  const attrs = [
    target === undefined ? '' : ` href="${escapeHtml(target)}"`,
    vscode ? ` data-uri="${escapeHtml(uri)}" data-line="${line}"` : '',
  ].join('');
  return attrs ? `<a${attrs}>${text}</a>` : text;
}

function card(label: string, value: string, note = '', tone = ''): string {
  return (
    `<div class="card${tone ? ` ${tone}` : ''}"><div class="label">${escapeHtml(label)}</div>` +
    `<div class="value">${escapeHtml(value)}</div>${note ? `<div class="note">${escapeHtml(note)}</div>` : ''}</div>`
  );
}

function claimRow(c: ReportData['claims'][number], vscode: boolean): string {
  const cell = (cls: string, text: string, v?: string | number): string =>
    `<td class="${cls}"${v === undefined ? '' : ` data-v="${escapeHtml(v)}"`}>${text}</td>`;
  const findings = c.findings.length
    ? `<ul class="findings">${c.findings
        .map(
          (f) =>
            `<li><span class="sev sev-${escapeHtml(f.severity)}">${escapeHtml(f.severity)}</span> ` +
            `${link(c.uri, f.line, `<code>${escapeHtml(f.code)}</code>`, vscode)} ${escapeHtml(f.message)}</li>`,
        )
        .join('')}</ul>`
    : '<span class="empty">none</span>';
  return (
    `<tr data-id="${escapeHtml(c.id)}">` +
    cell(
      'id',
      `${link(c.uri, c.line, escapeHtml(c.id), vscode)}<div class="where"><small>${escapeHtml(c.path)}:${c.line + 1}</small></div>`,
      c.id,
    ) +
    cell('payer', escapeHtml(c.payer ?? ''), c.payer ?? '') +
    cell('patient', escapeHtml(c.patient ?? ''), c.patient ?? '') +
    cell('date', escapeHtml(c.date ?? ''), c.date ?? '') +
    cell(`num errors${c.errors ? ' some' : ''}`, String(c.errors), c.errors) +
    cell(`num warnings${c.warnings ? ' some' : ''}`, String(c.warnings), c.warnings) +
    cell('num infos', String(c.infos), c.infos) +
    cell('num expected', c.expectedCents === undefined ? 'unknown' : formatCents(c.expectedCents), c.expectedCents ?? '') +
    cell('denied', c.denied ? '<span class="denied">denied</span>' : '', c.denied ? 'denied' : '') +
    cell('findings', findings) +
    '</tr>'
  );
}

/** The report as one HTML page (deterministic for one data and nonce). */
export async function reportHtml(data: ReportData, options: ReportHtmlOptions = {}): Promise<string> {
  const pieces: string[] = [];
  await writeReportHtml(data, (piece) => pieces.push(piece), options);
  return pieces.join('');
}

/** How many claims' rows go into one piece of the page. */
const ROWS_PER_PIECE = 1000;

/**
 * The report's page in pieces, in order, each handed to `write` as it is made (a report of
 * 100,000 claims is some 70 MB of HTML: the CLI writes it to its file as it goes, never as one
 * string). The pieces joined are `reportHtml`'s page.
 */
export async function writeReportHtml(data: ReportData, write: (piece: string) => void, options: ReportHtmlOptions = {}): Promise<void> {
  const vscode = options.vscode === true;
  const nonce = options.nonce ?? randomNonce();
  const { totals, money } = data;
  const list = charts(data);
  const svgs = await Promise.all(list.map(chartSvg));
  const figures = list
    .map(
      (c, i) =>
        `<figure class="chart${c.key === 'sessions' ? ' wide' : ''}" data-chart="${c.key}"><figcaption>${escapeHtml(c.title)}</figcaption>${svgs[i]}` +
        (c.key === 'sessions' && c.spec
          ? '<p class="key">Blue dots: sessions within the payer’s limit; red crosses: sessions over it.</p>'
          : '') +
        '</figure>',
    )
    .join('\n');
  const unknown = money.unknownClaims ? `${count(money.unknownClaims, 'claim')} unknown, not counted` : 'every claim known';
  const counts = [
    card('Claims checked', String(totals.claims), `in ${count(totals.files, 'file')}`),
    card('Ready to export', String(totals.exportReady), `${totals.ready} without errors or warnings`, 'ok'),
    card('With errors', String(totals.withErrors), 'claims', totals.withErrors ? 'error' : ''),
    card('With warnings', String(totals.withWarnings), 'claims', totals.withWarnings ? 'warning' : ''),
  ].join('\n');
  const payments = [
    card('Expected payment', formatCents(money.expectedCents), unknown),
    card('At risk: errors', formatCents(money.atRiskErrorsCents), 'expected payment of claims with errors', 'error'),
    card('At risk: denied', formatCents(money.atRiskDeniedCents), 'expected payment of denied claims', 'error'),
  ].join('\n');
  const head = [
    ['id', 'Claim', ''],
    ['payer', 'Payer', ''],
    ['patient', 'Patient', ''],
    ['date', 'Date', ''],
    ['errors', 'Errors', 'num'],
    ['warnings', 'Warnings', 'num'],
    ['infos', 'Infos', 'num'],
    ['expected', 'Expected', 'num'],
    ['denied', 'Denied', ''],
    ['findings', 'Findings', ''],
  ]
    .map(([key, label, cls]) =>
      key === 'findings'
        ? `<th scope="col">${label}</th>`
        : `<th scope="col" data-key="${key}"${cls ? ` class="${cls}"` : ''}><button type="button">${label}</button></th>`,
    )
    .join('');
  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${nonce}'; img-src data:`;
  write(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="ClaimNote">
<title>${escapeHtml(data.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header><h1>${escapeHtml(data.title)}</h1><p>Generated <time datetime="${escapeHtml(data.generated)}">${escapeHtml(data.generated)}</time> from the checker's findings.</p></header>
<section class="cards" aria-label="Claims">
${counts}
</section>
<section class="cards money" aria-label="Payment">
${payments}
</section>
<h2>Charts</h2>
<section class="charts">
${figures}
</section>
<h2>Claims</h2>
<div class="tools"><input id="filter" type="search" placeholder="Filter claims (id, payer, patient, rule...)" aria-label="Filter claims"><output id="shown" for="filter"></output></div>
<table id="claims">
<thead><tr>${head}</tr></thead>
<tbody>
`);
  for (let from = 0; from < data.claims.length; from += ROWS_PER_PIECE) {
    const rows: string[] = [];
    for (let k = from; k < Math.min(from + ROWS_PER_PIECE, data.claims.length); k++) rows.push(claimRow(data.claims[k], vscode));
    write((from ? '\n' : '') + rows.join('\n'));
  }
  write(`
</tbody>
</table>
<footer>Figures from the checker's findings on ${count(totals.files, 'file')}. Charts drawn with Vega-Lite.</footer>
</main>
<script nonce="${escapeHtml(nonce)}">${script(vscode)}</script>
</body>
</html>
`);
}

// ------------------------------------------------------------------------------ JSON

const pick = <T extends object>(o: T, keys: (keyof T)[]): Partial<T> => {
  const out: Partial<T> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
};

/** The same figures as pretty JSON, keys always in the order of ReportData. */
export function reportJson(data: ReportData): string {
  const ordered = {
    generated: data.generated,
    title: data.title,
    totals: pick(data.totals, ['files', 'claims', 'ready', 'withErrors', 'withWarnings', 'exportReady']),
    money: pick(data.money, ['expectedCents', 'atRiskErrorsCents', 'atRiskDeniedCents', 'unknownClaims']),
    byRule: data.byRule.map((r) => pick(r, ['id', 'family', 'severity', 'count'])),
    byFamily: data.byFamily.map((f) => pick(f, ['family', 'errors', 'warnings', 'infos', 'hints'])),
    byPayer: data.byPayer.map((p) => pick(p, ['payer', 'claims', 'errors', 'warnings', 'expectedCents'])),
    sessions: data.sessions.map((s) => ({
      ...pick(s, ['patient', 'payer', 'dates']),
      ...(s.limit ? { limit: pick(s.limit, ['count', 'per', 'unit']) } : {}),
      over: s.over,
    })),
    denials: data.denials.map((d) => pick(d, ['reason', 'meaning', 'count', 'amountCents'])),
    claims: data.claims.map((c) => ({
      ...pick(c, ['id', 'path', 'uri', 'line', 'payer', 'patient', 'date', 'errors', 'warnings', 'infos', 'expectedCents', 'denied']),
      findings: c.findings.map((f) => pick(f, ['code', 'severity', 'message', 'line'])),
    })),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
