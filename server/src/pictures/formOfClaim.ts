// A claim of the workspace as the CMS-1500 picture shows it, as far as it is written (a claim
// being edited can lack anything), each value with the .claim line it comes from, and its
// findings on the boxes of those lines. The editor's preview and `claimnote form` use it.
import type { ClaimBlock } from '../language/syntax';
import { factsOf } from '../model/claim';
import type { Workspace } from '../model/workspace';
import type { ClaimRef } from '../model/workspaceIndex';
import { personName } from '../interchange/outgoing';
import { isMedicare } from '../rules/policy';
import type { Finding } from '../rules/rule';
import { boxesOf, withFindings, type FormAddress, type FormClaim, type FormInput } from './cms1500';

const addressOf = (a: NonNullable<ClaimBlock['address']> | undefined): FormAddress | undefined =>
  a && { line1: a.line1, line2: a.line2, city: a.city, state: a.state, zip: a.zip };

/** The claim's values, box by box. */
export function formClaimOf(ws: Workspace, ref: ClaimRef): FormClaim {
  const c = ref.claim;
  const index = ws.index();
  const policy = c.payer ? index.policyFor(c.payer.value.value) : undefined;
  const practice = index.practiceFor(c)?.practice;
  const facts = factsOf(c);
  return {
    line: c.startLine,
    id: c.id?.text,
    date: c.date?.iso ?? c.date?.value.text,
    pos: facts.pos,
    replaces: c.replaces?.value.text,
    auth: c.auth?.value.text,
    patient: {
      line: c.patient?.line,
      lineOf: Object.fromEntries(
        (
          [
            ['member', c.member?.line],
            ['born', c.born?.line],
            ['sex', c.sex?.line],
            ['address', c.address?.line],
          ] as const
        ).filter((e): e is [(typeof e)[0], number] => e[1] !== undefined),
      ),
      name: personName(c.patient?.rest?.text),
      member: c.member?.value.text,
      born: c.born?.iso,
      sex: c.sex?.value.value,
      address: addressOf(c.address),
    },
    payer: {
      line: c.payer?.line,
      name: policy?.policy.displayName?.text ?? c.payer?.value.text,
      claimType: policy ? (policy.policy.claimType?.value.value ?? (isMedicare(policy) ? 'MB' : 'CI')) : undefined,
    },
    practice: practice && {
      line: c.billedBy?.line,
      name: practice.displayName?.text ?? practice.id?.text,
      npi: practice.npi?.value.text,
      tin: practice.tin?.value.value,
      address: addressOf(practice.address),
      phone: practice.phone?.value.value,
    },
    provider: c.provider && { line: c.provider.line, npi: c.provider.value.text },
    diagnoses: [...c.diagnoses]
      .sort((a, b) => (a.letter.value < b.letter.value ? -1 : 1))
      .map((d) => ({ line: d.line, letter: d.letter.value, code: d.code.value })),
    lines: c.lines.map((l) => ({
      line: l.line,
      code: l.code.value,
      modifiers: l.modifiers.map((m) => m.value),
      pointers: (l.dx?.pointers ?? []).map((p) => p.value),
      chargeCents: l.chargeCents,
      units: l.unitsValue,
    })),
  };
}

/** The form of a claim with its findings on the boxes of their lines. */
export function formOf(ws: Workspace, ref: ClaimRef, findings: readonly Finding[]): FormInput {
  const own = findings.filter((f) => f.range.start.line >= ref.claim.startLine && f.range.start.line <= ref.claim.endLine);
  const boxes = withFindings(
    boxesOf(formClaimOf(ws, ref)),
    own.map((f) => ({ line: f.range.start.line, severity: f.severity, message: `${f.message} (${f.code})` })),
  );
  return { claimId: ref.claim.id?.text ?? '(no id)', boxes };
}
