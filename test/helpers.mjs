// Shared test helpers: the bundled service (server/out/service.js, built by `npm run build`),
// a one-call checker, and edit application as an editor does it.
import { createRequire } from 'node:module';
import { TextDocument } from 'vscode-languageserver-textdocument';

const require = createRequire(import.meta.url);
export const lib = require('../server/out/service.js');
export const { ClaimNoteService, RULES, RULES_BY_ID, parseDocument, mapBlocks, parseBlocks, patientOfBlock } = lib;

/** A service holding the given files ({ name: text }), as one workspace. */
export function workspace(files, settings) {
  const s = new ClaimNoteService();
  if (settings) s.configure(settings);
  for (const [name, text] of Object.entries(files)) s.setDocument(uriOf(name), text);
  return s;
}

export function uriOf(name) {
  return name.includes(':') ? name : `file:///ws/${name}`;
}

/** Findings of one text checked alone (or with other files). */
export function check(text, others = {}, settings) {
  const s = workspace({ 'a.claim': text, ...others }, settings);
  return s.findings(uriOf('a.claim'));
}

/** [line (1-based), code] pairs, sorted, for compact assertions. */
export function codes(findings) {
  return findings.map((f) => `${f.range.start.line + 1}:${f.code}`);
}

export function ids(findings) {
  return findings.map((f) => f.code);
}

export function applyEdits(text, edits) {
  const doc = TextDocument.create('file:///x.claim', 'claimnote', 1, text);
  return TextDocument.applyEdits(doc, edits);
}

/** A claim with everything a clean TPI claim needs; override or add lines by keyword. */
export function claim(lines = {}, { id = 'C-1', extra = [] } = {}) {
  const base = {
    patient: 'patient P-1',
    payer: 'payer medicare',
    date: 'date 2026-04-01',
    diagnosis: 'diagnosis A M79.12',
    line: 'line 20552 mod RT dx A',
    muscles: 'muscles right upper trapezius',
    drug: 'drug lidocaine 1% 2 mL',
    symptoms: 'symptoms focal muscle pain for 3 months',
    exam: 'exam taut band with local twitch response',
    tried: 'tried physical therapy 6 weeks',
    technique: 'technique 27-gauge needle',
    response: 'response pain 7/10 before, 3/10 after',
  };
  const merged = { ...base, ...lines };
  const body = Object.values(merged)
    .filter((v) => v !== null && v !== undefined)
    .flatMap((v) => (Array.isArray(v) ? v : [v]));
  return [`claim ${id}`, ...[...body, ...extra].map((l) => '  ' + l)].join('\n') + '\n';
}
