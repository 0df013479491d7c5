// CPT / HCPCS codes ClaimNote knows (docs/reference.md#catalogues), described in plain
// words: never the AMA CPT descriptors, which are copyrighted.

export type CodeKind = 'tpi' | 'em' | 'procedure' | 'drug' | 'addon' | 'imaging';

export interface CodeInfo {
  code: string;
  kind: CodeKind;
  description: string;
  /** medically unlikely edit, where the reference gives it (docs/reference.md#mue) */
  mue?: string;
}

const entries: CodeInfo[] = [];
const add = (code: string, kind: CodeKind, description: string, mue?: string) => entries.push({ code, kind, description, mue });

add(
  '20552',
  'tpi',
  'Trigger point injection(s) into one or two muscles. The code counts muscles, not injections or trigger points: several injections into one muscle are one muscle; left and right of the same muscle are two; the trapezius is one muscle a side. One unit per session.',
  '1 per day (adjudicated per date of service)',
);
add(
  '20553',
  'tpi',
  'Trigger point injection(s) into three or more muscles. The code counts muscles, not injections or trigger points: several injections into one muscle are one muscle; left and right of the same muscle are two; the trapezius is one muscle a side. One unit per session.',
  '1 per day (adjudicated per date of service)',
);
add('20550', 'procedure', 'Injection into a tendon sheath or ligament (NCCI pairs it with trigger point injections).');
add('20551', 'procedure', 'Injection into a tendon origin or insertion (NCCI pairs it with trigger point injections).');
add(
  '20560',
  'procedure',
  'Dry needling (needle insertion without injection), one or two muscles: bundled with a trigger point injection in the same session.',
);
add(
  '20561',
  'procedure',
  'Dry needling (needle insertion without injection), three or more muscles: bundled with a trigger point injection in the same session.',
);
add('20600', 'procedure', 'Arthrocentesis, aspiration or injection of a small joint, without ultrasound guidance.');
add('20604', 'procedure', 'Arthrocentesis, aspiration or injection of a small joint, with ultrasound guidance.');
add('20605', 'procedure', 'Arthrocentesis, aspiration or injection of an intermediate joint, without ultrasound guidance.');
add('20606', 'procedure', 'Arthrocentesis, aspiration or injection of an intermediate joint, with ultrasound guidance.');
add('20610', 'procedure', 'Arthrocentesis, aspiration or injection of a major joint, without ultrasound guidance.');
add('20611', 'procedure', 'Arthrocentesis, aspiration or injection of a major joint, with ultrasound guidance.');
add('64405', 'procedure', 'Injection of an anaesthetic agent, greater occipital nerve.');
add('64450', 'procedure', 'Injection of an anaesthetic agent, other peripheral nerve or branch.');
for (let c = 64612; c <= 64647; c++)
  add(String(c), 'procedure', 'Chemodenervation (for example botulinum toxin injection): the code family botulinum toxin is billed with.');
add(
  '76942',
  'imaging',
  'Ultrasound guidance for needle placement. Medicare LCD L34211: not covered with trigger point injections (investigational).',
);
add(
  '77002',
  'imaging',
  'Fluoroscopic guidance for needle placement. Medicare LCD L34211: not reasonable and necessary with trigger point injections.',
);
add(
  '77021',
  'imaging',
  'Magnetic resonance guidance for needle placement. Medicare LCD L34211: not reasonable and necessary with trigger point injections.',
);
add(
  '96372',
  'procedure',
  'Therapeutic, prophylactic or diagnostic injection, subcutaneous or intramuscular (NCCI pairs it with trigger point injections).',
);
add('97110', 'procedure', 'Therapeutic exercise, each 15 minutes (physical therapy).');
add('97140', 'procedure', 'Manual therapy techniques, each 15 minutes (physical therapy).');
for (const c of ['99202', '99203', '99204', '99205'])
  add(
    c,
    'em',
    `Office or outpatient visit, new patient (E/M, level ${Number(c[4])}). With a procedure the same day it needs a separately identifiable problem and modifier 25.`,
  );
for (const c of ['99211', '99212', '99213', '99214', '99215'])
  add(
    c,
    'em',
    `Office or outpatient visit, established patient (E/M, level ${Number(c[4])}). With a procedure the same day it needs a separately identifiable problem and modifier 25.`,
  );
add(
  'G2211',
  'addon',
  'Visit complexity add-on to an office E/M visit. Not paid when its E/M carries modifier 25 beside a procedure (2025 rule; exceptions for preventive services, vaccines and wellness visits only).',
);
add('J0585', 'drug', 'Botulinum toxin type A (onabotulinumtoxinA), per unit: billed with chemodenervation codes 64612-64647.');
add('J0586', 'drug', 'Botulinum toxin type A (abobotulinumtoxinA), per 5 units: billed with chemodenervation codes 64612-64647.');
add('J0587', 'drug', 'Botulinum toxin type B (rimabotulinumtoxinB), per 100 units: billed with chemodenervation codes 64612-64647.');
add('J0588', 'drug', 'Botulinum toxin type A (incobotulinumtoxinA), per unit: billed with chemodenervation codes 64612-64647.');
add('J0702', 'drug', 'Betamethasone acetate 3 mg and betamethasone sodium phosphate 3 mg: one unit is 6 mg.');
add('J1010', 'drug', 'Methylprednisolone acetate, 1 mg a unit (from 2024-04-01, replacing J1020, J1030 and J1040).');
add('J1020', 'drug', 'Methylprednisolone acetate, 20 mg a unit: deleted 2024-04-01, use J1010 (1 mg).');
add('J1030', 'drug', 'Methylprednisolone acetate, 40 mg a unit: deleted 2024-04-01, use J1010 (1 mg).');
add('J1040', 'drug', 'Methylprednisolone acetate, 80 mg a unit: deleted 2024-04-01, use J1010 (1 mg).');
add('J1100', 'drug', 'Dexamethasone sodium phosphate, 1 mg a unit.');
add(
  'J2001',
  'drug',
  'Lidocaine for intravenous infusion, 10 mg: not a trigger point injection supply; local anaesthetic is part of the injection.',
);
add('J3301', 'drug', 'Triamcinolone acetonide, 10 mg a unit.');

export const CODES: ReadonlyMap<string, CodeInfo> = new Map(entries.map((e) => [e.code, e]));

export const TPI_CODES = new Set(['20552', '20553']);
export const EM_CODES = new Set(['99202', '99203', '99204', '99205', '99211', '99212', '99213', '99214', '99215']);
export const NCCI_PAIRED = new Set(['20550', '20551', '20600', '20604', '20605', '20606', '20610', '20611', '64405', '64450', '96372']);
export const DRY_NEEDLING = new Set(['20560', '20561']);
export const IMAGING_GUIDANCE = new Set(['76942', '77002', '77021']);
export const BOTOX = new Set(['J0585', 'J0586', 'J0587', 'J0588']);
export const DISTINCT_MODIFIERS = new Set(['59', 'XE', 'XS', 'XP', 'XU']);
export const X_MODIFIERS = new Set(['XE', 'XS', 'XP', 'XU']);

export function isTpi(code: string): boolean {
  return TPI_CODES.has(code);
}
export function isEm(code: string): boolean {
  return EM_CODES.has(code);
}
export function isHcpcs(code: string): boolean {
  return /^[A-Z]\d{4}$/.test(code);
}
/** A procedure line (docs/rules.md "Terms"): not E/M, not TPI, not HCPCS Level II. */
export function isProcedure(code: string): boolean {
  return !isEm(code) && !isTpi(code) && !isHcpcs(code);
}
export function isChemodenervation(code: string): boolean {
  return /^\d{5}$/.test(code) && +code >= 64612 && +code <= 64647;
}
export function isDrugCode(code: string): boolean {
  return /^J\d{4}$/.test(code);
}
