// Inlay hints: the claim's muscle count at the end of each trigger point line, the number
// that decides between 20552 (one or two muscles) and 20553 (three or more).
import type { InlayHint, Range } from 'vscode-languageserver-types';
import { factsOf } from '../model/claim';
import type { Workspace } from '../model/workspace';
import { codeForCount, describeMuscles } from '../rules/tpi';

export function inlayHints(ws: Workspace, uri: string, range?: Range): InlayHint[] {
  const file = ws.get(uri);
  if (!file) return [];
  const from = range?.start.line ?? 0,
    to = range?.end.line ?? Number.MAX_SAFE_INTEGER;
  const out: InlayHint[] = [];
  for (const b of file.blocks) {
    if (b.kind !== 'claim' || b.endLine < from || b.startLine > to) continue;
    const facts = factsOf(b);
    const n = facts.muscles.length;
    for (const l of facts.tpiLines) {
      if (l.line < from || l.line > to) continue;
      // (a middle dot sets the hint apart from the pointer letters before it: "dx A · 3 muscles")
      const label = n ? `· ${n} muscle${n === 1 ? '' : 's'}` : '· no muscles listed';
      const tooltip = n
        ? `This claim counts ${n} muscle${n === 1 ? '' : 's'} (${describeMuscles(facts.muscles)}): ${codeForCount(n)} is the code for ${n >= 3 ? 'three or more' : 'one or two'}.`
        : 'This claim lists no muscles: add a muscles line (20552: one or two muscles, 20553: three or more).';
      out.push({ position: { line: l.line, character: l.end }, label, paddingLeft: true, tooltip });
    }
  }
  return out;
}
