// 835 remittances matched to the workspace's claims: per claim what was paid, adjusted and
// denied, with the explanation, and the `denied` lines to add after the claim's last line
// (never a line the claim already has; every other byte of the file unchanged). The CLI's
// `remit` and the editor's "Import remittance (835)" use it.
import { read835, deniedLineText, type RemitClaim } from './interchange/x12';
import type { Workspace } from './model/workspace';
import type { ClaimRef } from './model/workspaceIndex';
import { REASONS } from './data/denials';
import { GROUP_CODES } from './language/lexicon';
import type { TextEdit } from './rules/rule';

export interface RemitMatch {
  remit: RemitClaim;
  ref: ClaimRef;
  /** the `denied` lines to add (those the claim does not have yet), as written */
  lines: string[];
  /** what the claim already records (lines not added again) */
  already: string[];
}

export interface RemitResult {
  matched: RemitMatch[];
  /** claims of the remittance the workspace does not have */
  unmatched: RemitClaim[];
  problems: string[];
  /** the insertions, by document URI (one edit per claim, after its last line) */
  edits: Record<string, TextEdit[]>;
}

const money = (cents: number) => `${cents < 0 ? '-' : ''}$${(Math.abs(cents) / 100).toFixed(2)}`;

/**
 * Whether two denials are the same decision: the same notice date, adjustments (in any order)
 * and payer's claim number, and the same line when both name one (a remittance's denial of the
 * whole claim is the same as the claim's `denied ... on <its only code>`).
 */
function sameDenial(
  a: { iso?: string; adjustments: string[]; ref?: string; on?: string },
  b: { iso?: string; adjustments: string[]; ref?: string; on?: string },
): boolean {
  const key = (d: typeof a) => [d.iso, [...d.adjustments].sort().join(','), d.ref ?? ''].join('|');
  return key(a) === key(b) && (!a.on || !b.on || a.on === b.on);
}

/** Reads remittances (by name and text) against a workspace. */
export function matchRemittances(ws: Workspace, inputs: readonly { name: string; text: string }[]): RemitResult {
  const index = ws.index();
  const result: RemitResult = { matched: [], unmatched: [], problems: [], edits: {} };
  for (const input of inputs) {
    const r = read835(input.text);
    for (const p of r.problems) result.problems.push(`${input.name}: ${p.message}`);
    for (const remit of r.claims) {
      const ref = index.claimsById.get(remit.id.toLowerCase())?.[0];
      if (!ref) {
        result.unmatched.push(remit);
        continue;
      }
      const have = ref.claim.denials.map((d) => ({
        iso: d.iso,
        adjustments: d.adjustments.map((x) => x.value),
        ref: d.ref?.text,
        on: d.on?.value,
      }));
      const match: RemitMatch = { remit, ref, lines: [], already: [] };
      for (const d of remit.denials) {
        if (!remit.noticeDate) {
          result.problems.push(
            `${input.name}: claim ${remit.id}: the remittance gives no notice date (DTM*405 or BPR16): no denied line can be written`,
          );
          continue;
        }
        const text = deniedLineText(remit, d);
        const mine = {
          iso: remit.noticeDate,
          adjustments: d.adjustments.map((x) => `${x.group}-${x.reason}`),
          ref: remit.payerClaimNumber,
          on: d.on,
        };
        if (have.some((h) => sameDenial(h, mine))) match.already.push(text);
        else {
          match.lines.push(text);
          have.push(mine);
        }
      }
      result.matched.push(match);
    }
  }
  // one insertion per claim, after its last line
  for (const m of result.matched) {
    if (!m.lines.length) continue;
    const file = ws.get(m.ref.uri)!;
    const lines = ws.lines(m.ref.uri) ?? [];
    const end = m.ref.claim.endLine;
    const at = { line: end, character: lines[end]?.length ?? 0 };
    (result.edits[m.ref.uri] ??= []).push({ range: { start: at, end: at }, newText: m.lines.map((l) => `${file.eol}  ${l}`).join('') });
  }
  return result;
}

/** A remittance claim in words: what was charged, paid and adjusted, and each denial's reasons. */
export function describeRemit(remit: RemitClaim): string[] {
  const out = [
    `charged ${money(remit.chargeCents)}, paid ${money(remit.paidCents)}${remit.patientCents ? `, patient responsibility ${money(remit.patientCents)}` : ''}`,
  ];
  const adjustments = [...remit.adjustments, ...remit.lines.flatMap((l) => l.adjustments)];
  if (adjustments.length)
    out.push(
      `adjustments: ${adjustments
        .map(
          (a) =>
            `${a.group}-${a.reason} ${money(a.amountCents)} (${GROUP_CODES[a.group.toLowerCase()] ?? a.group}: ${REASONS[a.reason.toLowerCase()]?.meaning ?? 'ClaimNote has no description for it'})`,
        )
        .join('; ')}`,
    );
  for (const d of remit.denials)
    out.push(`denied${d.on ? ` ${d.on}` : ''}: ${d.adjustments.map((a) => `${a.group}-${a.reason}`).join(', ')}`);
  return out;
}
