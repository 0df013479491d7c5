// `claimnote form <paths> --claim <id> --out FILE.svg|FILE.png|FILE.pdf`: the claim drawn as a
// CMS-1500 (02/12) form, its findings outlined on their boxes, for review or printing on the
// red-ink form (offline: the SVG is the project's own drawing; PNG by resvg, PDF by pdf-lib).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, extname } from 'node:path';
import { cms1500Png, cms1500Svg, pagesOf } from '../pictures/cms1500';
import { formOf } from '../pictures/formOfClaim';
import type { FormOptions } from './args';
import { loadWorkspace } from './workspace';

export async function form(o: FormOptions, err: (s: string) => void): Promise<number> {
  const { service } = loadWorkspace(o.paths, 'form', { data: o.data, err });
  const ref = service.workspace.index().claimsById.get(o.claim.toLowerCase())?.[0];
  if (!ref) {
    err(`claimnote: no claim ${o.claim} in the files given\n`);
    return 1;
  }
  const pages = pagesOf(formOf(service.workspace, ref, service.findings(ref.uri)));
  const kind = extname(o.out).toLowerCase();
  mkdirSync(dirname(o.out), { recursive: true });
  const names = pages.map((_, k) => (k === 0 ? o.out : o.out.replace(/(\.[^.]+)$/, `-${k + 1}$1`)));
  for (let k = 0; k < pages.length; k++) {
    const svg = cms1500Svg(pages[k]);
    writeFileSync(
      names[k],
      kind === '.png' ? await cms1500Png(svg, 2) : kind === '.pdf' ? await (await import('../pictures/cms1500Pdf')).cms1500Pdf(svg) : svg,
    );
  }
  err(`wrote the CMS-1500 form of claim ${o.claim} to ${names.join(', ')}\n`);
  return 0;
}
