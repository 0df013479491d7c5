// An appeal letter (a Medicare redetermination request, or another payer's reconsideration
// request) rendered as Markdown and as one printable HTML document (the PDF: letterPdf.ts). The
// three share their wording (the subject line, the opening sentence, the deadline, the table
// rows), exported here, so the letters read alike; only the markup differs. The data comes
// filled in: nothing here reads a claim.

export interface AppealLetter {
  /** e.g. "Request for Redetermination" (Medicare) or "Request for Reconsideration of a Denied Claim" */
  title: string;
  /** the letter's date, ISO YYYY-MM-DD */
  date: string;
  to: { name: string; payerId?: string };
  /** the party: the practice */
  from: { name: string; npi?: string; tin?: string; address?: string[] /* lines */; phone?: string };
  beneficiary: { name: string; member?: string; born?: string };
  claim: { id: string; payerClaimNumber?: string; dateOfService: string };
  services: { code: string; description: string; modifiers: string[]; units: number; chargeCents?: number; denied: boolean }[];
  denial: { noticeDate: string; adjustments: { code: string; meaning: string }[]; remarks: string[]; on?: string };
  /** the appeal deadline, when the payer has one; `onTime` compares the letter's date with it */
  deadline?: { date: string; onTime: boolean; daysLeft: number };
  /** the reason for disagreement, as paragraphs under headings (coverage criteria the note documents...) */
  reasons: { heading: string; paragraphs: string[] }[];
  /** what the note lacks: the biller gathers it before sending (shown as a checklist, never printed as a claim) */
  missing: string[];
  attachments: string[];
  /** the sources the letter relies on (the LCD, its article, 42 CFR 405.944(b)...) */
  sources: string[];
  signature: { name: string; role?: string };
}

// ---------------------------------------------------------------------------------------------
// The wording, shared by the three formats (plain text: each format escapes it its own way).

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2026-03-05" as "March 5, 2026"; anything else as it is. */
export function letterDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return iso;
  return `${MONTHS[month - 1]} ${day}, ${m[1]}`;
}

/** Cents as dollars: 12345 as "$123.45", 123456789 as "$1,234,567.89". */
export function dollars(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.round(Math.abs(cents));
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}$${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** Medicare asks for a redetermination; other payers for a reconsideration (the title says which). */
function kind(letter: AppealLetter): { noun: string; memberLabel: string } {
  return /reconsideration/i.test(letter.title)
    ? { noun: 'reconsideration', memberLabel: 'member ID' }
    : { noun: 'redetermination', memberLabel: 'Medicare number' };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function subjectLine(letter: AppealLetter): string {
  const { noun, memberLabel } = kind(letter);
  const parts = [`beneficiary ${letter.beneficiary.name}`];
  if (letter.beneficiary.member) parts.push(`${memberLabel} ${letter.beneficiary.member}`);
  parts.push(
    `claim ${letter.claim.id}` + (letter.claim.payerClaimNumber ? ` (payer's claim number ${letter.claim.payerClaimNumber})` : ''),
  );
  parts.push(`date of service ${letterDate(letter.claim.dateOfService)}`);
  return `Re: ${capitalize(noun)} request — ${parts.join(', ')}`;
}

export function openingSentence(letter: AppealLetter): string {
  const { noun } = kind(letter);
  const on = letter.denial.on ? ` of ${letter.denial.on}` : '';
  return (
    `${letter.from.name} requests a ${noun} of the denial${on} dated ${letterDate(letter.denial.noticeDate)} ` +
    `on the claim above, and asks that the service be paid for the reasons below.`
  );
}

export function beneficiaryLine(letter: AppealLetter): string {
  const b = letter.beneficiary;
  const parts = [b.name];
  if (b.born) parts.push(`born ${letterDate(b.born)}`);
  if (b.member) parts.push(`${kind(letter).memberLabel} ${b.member}`);
  return `Beneficiary: ${parts.join(', ')}. Date of service: ${letterDate(letter.claim.dateOfService)}.`;
}

export function letterheadLines(letter: AppealLetter): string[] {
  const f = letter.from;
  const lines = [...(f.address ?? [])];
  if (f.phone) lines.push(`Phone: ${f.phone}`);
  const ids = [f.npi ? `NPI: ${f.npi}` : '', f.tin ? `TIN: ${f.tin}` : ''].filter(Boolean);
  if (ids.length) lines.push(ids.join(' · '));
  return lines;
}

export function addresseeLines(letter: AppealLetter): string[] {
  return [letter.to.name, ...(letter.to.payerId ? [`Payer ID: ${letter.to.payerId}`] : [])];
}

export const SERVICE_HEADER = ['Code', 'Description', 'Modifiers', 'Units', 'Charge', 'Denied'];

export function serviceRows(letter: AppealLetter): string[][] {
  return letter.services.map((s) => [
    s.code,
    s.description,
    s.modifiers.length ? s.modifiers.join(', ') : '—',
    String(s.units),
    s.chargeCents === undefined ? '—' : dollars(s.chargeCents),
    s.denied ? 'yes' : 'no',
  ]);
}

export function denialItems(letter: AppealLetter): string[] {
  const d = letter.denial;
  const items = [`Notice date: ${letterDate(d.noticeDate)}`];
  if (letter.claim.payerClaimNumber) items.push(`Payer's claim number: ${letter.claim.payerClaimNumber}`);
  if (d.on) items.push(`Denied service: ${d.on}`);
  for (const a of d.adjustments) items.push(`Adjustment ${a.code}: ${a.meaning}`);
  if (d.remarks.length) items.push(`Remark codes: ${d.remarks.join(', ')}`);
  return items;
}

interface DeadlineText {
  late: boolean;
  text: string;
}

export function deadlineText(letter: AppealLetter): DeadlineText | undefined {
  const d = letter.deadline;
  if (!d) return undefined;
  const date = letterDate(d.date);
  if (d.onTime) {
    const left = d.daysLeft === 0 ? "this letter's date" : `${d.daysLeft === 1 ? '1 day' : `${d.daysLeft} days`} after this letter's date`;
    return { late: false, text: `The appeal deadline is ${date} (${left}). This request is filed within the appeal window.` };
  }
  const days = Math.abs(d.daysLeft);
  const ago = days === 1 ? '1 day' : `${days} days`;
  return {
    late: true,
    text:
      `Late: the appeal deadline was ${date}, ${ago} before this letter's date. ` +
      `This request is filed after the appeal window and must show good cause for the late filing.`,
  };
}

export function signatureLines(letter: AppealLetter): string[] {
  return [letter.signature.name, ...(letter.signature.role ? [letter.signature.role] : []), letter.from.name];
}

export const CHECKLIST_TITLE = 'Before sending: gather these';

// ---------------------------------------------------------------------------------------------
// Markdown

/** Backslash-escapes what Markdown would read as markup inside a value. */
function md(s: string): string {
  return s
    .replace(/\r?\n/g, ' ')
    .replace(/[\\`*_{}[\]<>#|~!]/g, '\\$&')
    .replace(/^(\d+)([.)])/, '$1\\$2')
    .replace(/^([-+=])/, '\\$1');
}

/** Lines joined with Markdown hard breaks (a backslash at the end of a line). */
function mdLines(lines: string[]): string {
  return lines.map(md).join('\\\n');
}

export function appealMarkdown(letter: AppealLetter): string {
  const out: string[] = [];
  if (letter.missing.length) {
    out.push(
      [
        `> **${CHECKLIST_TITLE}** (not part of the letter: remove this box before sending)`,
        '>',
        ...letter.missing.map((m) => `> - [ ] ${md(m)}`),
      ].join('\n'),
    );
  }
  out.push([`**${md(letter.from.name)}**`, ...letterheadLines(letter).map(md)].join('\\\n'));
  out.push(md(letterDate(letter.date)));
  out.push(mdLines(addresseeLines(letter)));
  out.push(`# ${md(letter.title)}`);
  out.push(`**${md(subjectLine(letter))}**`);
  out.push(md(openingSentence(letter)));

  out.push('## The service');
  out.push(md(beneficiaryLine(letter)));
  const cell = (s: string) => md(s);
  out.push(
    [
      `| ${SERVICE_HEADER.join(' | ')} |`,
      '| --- | --- | --- | ---: | ---: | --- |',
      ...serviceRows(letter).map((row) => `| ${row.map(cell).join(' | ')} |`),
    ].join('\n'),
  );

  out.push('## The denial');
  out.push(
    denialItems(letter)
      .map((i) => `- ${md(i)}`)
      .join('\n'),
  );

  out.push('## Why the service should be paid');
  for (const r of letter.reasons) {
    out.push(`### ${md(r.heading)}`);
    for (const p of r.paragraphs) out.push(md(p));
  }

  const deadline = deadlineText(letter);
  if (deadline) {
    out.push('## Deadline');
    out.push(deadline.late ? `> **Warning: ${md(deadline.text)}**` : md(deadline.text));
  }

  if (letter.attachments.length) {
    out.push('## Enclosures');
    out.push(letter.attachments.map((a, i) => `${i + 1}. ${md(a)}`).join('\n'));
  }

  out.push('Sincerely,');
  out.push(mdLines(signatureLines(letter)));

  if (letter.sources.length) {
    out.push('## Sources');
    out.push(letter.sources.map((s) => `- <small>${md(s)}</small>`).join('\n'));
  }
  return out.join('\n\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// HTML

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function htmlLines(lines: string[]): string {
  return lines.map(esc).join('<br>\n');
}

const CSS = `
@page { size: letter; margin: 1in; }
body { font-family: "Times New Roman", Times, serif; font-size: 12pt; line-height: 1.4; color: #000; background: #fff; max-width: 7in; margin: 1em auto; padding: 0 1em; }
header.letterhead { border-bottom: 1px solid #444; padding-bottom: 0.5em; margin-bottom: 1em; }
header.letterhead .practice { font-size: 16pt; font-weight: bold; margin: 0; }
address { font-style: normal; }
h1 { font-size: 15pt; margin: 1em 0 0.5em; }
h2 { font-size: 13pt; margin: 1.2em 0 0.4em; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 12pt; margin: 1em 0 0.3em; break-after: avoid; page-break-after: avoid; }
p.subject { font-weight: bold; }
table { border-collapse: collapse; width: 100%; font-size: 11pt; }
th, td { border: 1px solid #888; padding: 0.2em 0.4em; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; }
tr { break-inside: avoid; page-break-inside: avoid; }
.before-sending { border: 3px dashed #b00; background: #fff4f4; padding: 0.5em 1em; margin-bottom: 1.5em; }
.before-sending h2 { margin-top: 0.3em; color: #b00; }
.before-sending ul { list-style: none; padding-left: 0.5em; }
.before-sending li::before { content: "\\2610\\00a0"; }
.late-warning { border: 2px solid #b00; color: #b00; font-weight: bold; padding: 0.5em 1em; }
.signature { margin-top: 2em; }
.sources { font-size: 9pt; color: #333; margin-top: 2em; }
.sources h2 { font-size: 10pt; }
@media print {
  .before-sending { display: none; }
  body { margin: 0; padding: 0; max-width: none; }
}
`;

export function appealHtml(letter: AppealLetter): string {
  const out: string[] = [];
  out.push('<!DOCTYPE html>');
  out.push('<html lang="en">');
  out.push('<head>');
  out.push('<meta charset="utf-8">');
  out.push(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
  out.push('<meta name="viewport" content="width=device-width, initial-scale=1">');
  out.push(`<title>${esc(letter.title)} — ${esc(letter.beneficiary.name)}, claim ${esc(letter.claim.id)}</title>`);
  out.push(`<style>${CSS}</style>`);
  out.push('</head>');
  out.push('<body>');
  if (letter.missing.length) {
    out.push('<aside class="before-sending" aria-labelledby="before-sending-title">');
    out.push(`<h2 id="before-sending-title">${esc(CHECKLIST_TITLE)}</h2>`);
    out.push('<p>Not part of the letter: this box is not printed.</p>');
    out.push('<ul>');
    for (const m of letter.missing) out.push(`<li>${esc(m)}</li>`);
    out.push('</ul>');
    out.push('</aside>');
  }
  out.push('<header class="letterhead">');
  out.push(`<p class="practice">${esc(letter.from.name)}</p>`);
  const head = letterheadLines(letter);
  if (head.length) out.push(`<address>${htmlLines(head)}</address>`);
  out.push('</header>');
  out.push('<main>');
  out.push(`<p class="date"><time datetime="${esc(letter.date)}">${esc(letterDate(letter.date))}</time></p>`);
  out.push(`<address class="to">${htmlLines(addresseeLines(letter))}</address>`);
  out.push(`<h1>${esc(letter.title)}</h1>`);
  out.push(`<p class="subject">${esc(subjectLine(letter))}</p>`);
  out.push(`<p>${esc(openingSentence(letter))}</p>`);

  out.push('<section aria-labelledby="s-service">');
  out.push('<h2 id="s-service">The service</h2>');
  out.push(`<p>${esc(beneficiaryLine(letter))}</p>`);
  out.push('<table>');
  const numeric = (i: number) => i === 3 || i === 4;
  out.push(
    `<thead><tr>${SERVICE_HEADER.map((h, i) => `<th scope="col"${numeric(i) ? ' class="num"' : ''}>${esc(h)}</th>`).join('')}</tr></thead>`,
  );
  out.push('<tbody>');
  for (const row of serviceRows(letter)) {
    out.push(`<tr>${row.map((c, i) => `<td${numeric(i) ? ' class="num"' : ''}>${esc(c)}</td>`).join('')}</tr>`);
  }
  out.push('</tbody>');
  out.push('</table>');
  out.push('</section>');

  out.push('<section aria-labelledby="s-denial">');
  out.push('<h2 id="s-denial">The denial</h2>');
  out.push('<ul>');
  for (const i of denialItems(letter)) out.push(`<li>${esc(i)}</li>`);
  out.push('</ul>');
  out.push('</section>');

  out.push('<section aria-labelledby="s-reasons">');
  out.push('<h2 id="s-reasons">Why the service should be paid</h2>');
  for (const r of letter.reasons) {
    out.push(`<h3>${esc(r.heading)}</h3>`);
    for (const p of r.paragraphs) out.push(`<p>${esc(p)}</p>`);
  }
  out.push('</section>');

  const deadline = deadlineText(letter);
  if (deadline) {
    out.push('<section aria-labelledby="s-deadline">');
    out.push('<h2 id="s-deadline">Deadline</h2>');
    out.push(deadline.late ? `<p class="late-warning" role="alert">${esc(deadline.text)}</p>` : `<p>${esc(deadline.text)}</p>`);
    out.push('</section>');
  }

  if (letter.attachments.length) {
    out.push('<section aria-labelledby="s-enclosures">');
    out.push('<h2 id="s-enclosures">Enclosures</h2>');
    out.push('<ol>');
    for (const a of letter.attachments) out.push(`<li>${esc(a)}</li>`);
    out.push('</ol>');
    out.push('</section>');
  }

  out.push('<p class="signature">Sincerely,</p>');
  out.push(`<p>${htmlLines(signatureLines(letter))}</p>`);
  out.push('</main>');

  if (letter.sources.length) {
    out.push('<footer class="sources">');
    out.push('<h2>Sources</h2>');
    out.push('<ol>');
    for (const s of letter.sources) out.push(`<li>${esc(s)}</li>`);
    out.push('</ol>');
    out.push('</footer>');
  }
  out.push('</body>');
  out.push('</html>');
  return out.join('\n') + '\n';
}
