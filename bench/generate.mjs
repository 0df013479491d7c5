#!/usr/bin/env node
// Deterministic, seeded generation of realistic ClaimNote claims for the benchmark suite.
//
//   node bench/generate.mjs [--seed N] [--out DIR] [--claims N] [--files N] [--doc-claims N] [--force]
//
// Writes (default DIR: bench/.data, git-ignored):
//   workspace/claims-000.claim ... claims-099.claim   100,000 claims in 100 files, policies spread over them
//   workspace.json                                    the same claims as a JSON array (machine-speed baseline)
//   document/claims-20000.claim                       one 20,000-claim document, its policies at the end
//   document.json                                     the same claims as a JSON array
//   manifest.json                                     seed, generator version, counts, sizes, sha256 of every output
//
// Same seed and generator version => byte-identical output. The claims follow
// docs/LANGUAGE.md: patients with series of sessions spaced as their payer allows,
// Medicare and a few user policies, dates across 2025-2026, 20552/20553 with muscles that
// agree with the code and the diagnoses, E/M lines with 25, J-codes with their drug lines,
// prior sessions. About 10% of the claims carry one deliberate error so rules fire.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { choices, mulberry32 } from '../test/support/random.mjs';

export const GENERATOR_VERSION = 2;
export const DEFAULTS = { seed: 20260306, claims: 100_000, files: 100, docClaims: 20_000, errorRate: 0.1 };
const here = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_OUT = join(here, '.data');

// ------------------------------------------------------------------ PRNG

function makeRandom(seed) {
  const next = mulberry32(seed);
  const r = {
    ...choices(next),
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)), // inclusive
    /** k distinct items of arr, in random order */
    sample(arr, k) {
      const a = arr.slice();
      for (let i = 0; i < Math.min(k, a.length); i++) {
        const j = i + Math.floor(next() * (a.length - i));
        [a[i], a[j]] = [a[j], a[i]];
      }
      return a.slice(0, k);
    },
  };
  return r;
}

// ------------------------------------------------------------------ dates (UTC day numbers)

const DAY = 86_400_000;
const dayOf = (iso) => Math.round(Date.parse(iso + 'T00:00:00Z') / DAY);
const isoOf = (d) => new Date(d * DAY).toISOString().slice(0, 10);
const FIRST_DAY = dayOf('2025-01-02');
const LAST_DAY = dayOf('2026-12-30');

// ------------------------------------------------------------------ catalogues

const FIRST = [
  'Jane',
  'John',
  'Maria',
  'James',
  'Linda',
  'Robert',
  'Patricia',
  'Michael',
  'Barbara',
  'William',
  'Elizabeth',
  'David',
  'Jennifer',
  'Richard',
  'Susan',
  'Joseph',
  'Jessica',
  'Thomas',
  'Sarah',
  'Charles',
  'Karen',
  'Daniel',
  'Nancy',
  'Matthew',
  'Lisa',
  'Anthony',
  'Betty',
  'Mark',
  'Dorothy',
  'Donald',
  'Sandra',
  'Steven',
  'Ashley',
  'Paul',
  'Kimberly',
  'Andrew',
  'Emily',
  'Joshua',
  'Donna',
  'Kenneth',
  'Michelle',
  'Kevin',
  'Carol',
  'Brian',
  'Amanda',
  'George',
  'Melissa',
  'Edward',
  'Deborah',
  'Ronald',
  'Wei',
  'Aiko',
  'Priya',
  'Omar',
  'Fatima',
  'Lucia',
  'Mateo',
  'Sofia',
  'Chen',
  'Olga',
  'Kwame',
  'Ngozi',
  'Ingrid',
  'Lars',
];
const LAST = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Rodriguez',
  'Martinez',
  'Hernandez',
  'Lopez',
  'Gonzalez',
  'Wilson',
  'Anderson',
  'Thomas',
  'Taylor',
  'Moore',
  'Jackson',
  'Martin',
  'Lee',
  'Perez',
  'Thompson',
  'White',
  'Harris',
  'Sanchez',
  'Clark',
  'Ramirez',
  'Lewis',
  'Robinson',
  'Walker',
  'Young',
  'Allen',
  'King',
  'Wright',
  'Scott',
  'Torres',
  'Nguyen',
  'Hill',
  'Flores',
  'Green',
  'Adams',
  'Nelson',
  'Baker',
  'Hall',
  'Rivera',
  'Campbell',
  'Mitchell',
  'Carter',
  "O'Brien",
  'Kowalski',
  'Yamamoto',
  'Okafor',
  'Singh',
  'Haddad',
  'Novak',
  'Lindqvist',
  'Mensah',
  'Rossi',
  'Dubois',
];

/** Payers: id, share of patients, min/max days between a patient's sessions (within the policy), policy text. */
const PAYERS = [
  { id: 'medicare', share: 40, gap: [125, 200], authRequired: false, covered: 'medicare' },
  {
    id: 'humana-ma',
    share: 8,
    gap: [125, 210],
    authRequired: true,
    covered: 'medicare',
    policy: [
      'policy humana-ma "Humana Medicare Advantage"',
      '  limit 3 per 12 months',
      '  interval 6 weeks',
      '  requires-auth',
      '  rate 100%',
      '  covers M79.10, M79.11, M79.12, M79.18, G44.209, G44.219, G44.229',
      '  single-region',
      '  no-imaging-guidance',
    ],
  },
  {
    id: 'acme-ppo',
    share: 14,
    gap: [35, 90],
    authRequired: true,
    covered: 'any',
    policy: ['policy acme-ppo "Acme PPO"', '  limit 4 per 30 days', '  limit 6 per 6 months', '  requires-auth', '  rate 150%'],
  },
  {
    id: 'bluecross-ppo',
    share: 12,
    gap: [62, 120],
    authRequired: false,
    covered: 'any',
    policy: ['policy bluecross-ppo "BlueCross PPO"', '  limit 6 per 12 months', '  interval 4 weeks', '  rate 120%', '  excludes M79.7'],
  },
  {
    id: 'united-choice',
    share: 10,
    gap: [50, 120],
    authRequired: false,
    covered: 'united',
    policy: [
      'policy united-choice "United Choice Plus"',
      '  limit 4 per 6 months',
      '  rate 110%',
      '  covers M79.1*, M62.83, M54, G44.2, S16.1',
      '  single-region',
    ],
  },
  {
    id: 'aetna-hmo',
    share: 8,
    gap: [35, 100],
    authRequired: true,
    covered: 'any',
    policy: [
      'policy aetna-hmo "Aetna HMO"',
      '  interval 30 days',
      '  requires-auth',
      '  rate 95%',
      '  one-session-per-day',
      '  no-imaging-guidance',
    ],
  },
  {
    id: 'workers-comp',
    share: 8,
    gap: [14, 60],
    authRequired: false,
    covered: 'any',
    policy: ['policy workers-comp "State Workers Compensation Fund"', '  rate 130%'],
  },
];

// Body areas: muscles (with their region), the diagnoses that cover them, Medicare-covered primaries.
const SCENARIOS = [
  {
    name: 'neck',
    weight: 34,
    muscles: [
      'upper trapezius',
      'levator scapulae',
      'splenius capitis',
      'sternocleidomastoid',
      'suboccipital',
      'semispinalis capitis',
      'middle scalene',
      'anterior scalene',
      'splenius cervicis',
    ],
    dx: ['M79.12', 'M54.2', 'G44.209', 'M62.838', 'S16.1XXA', 'G44.219'],
    medicare: ['M79.12', 'G44.209', 'G44.219'],
    united: ['M79.12', 'M54.2', 'G44.209', 'M62.838'],
    symptoms: [
      'neck pain radiating to the temple',
      'neck and shoulder pain, worse at the computer',
      'posterior neck pain with occipital headaches',
      'stiff neck with pain on rotation',
    ],
  },
  {
    name: 'upper back',
    weight: 18,
    muscles: [
      'rhomboid major',
      'rhomboid minor',
      'infraspinatus',
      'supraspinatus',
      'middle trapezius',
      'teres minor',
      'serratus anterior',
      'latissimus dorsi',
    ],
    dx: ['M79.18', 'M54.6', 'M62.830', 'M79.12'],
    medicare: ['M79.18', 'M79.12'],
    united: ['M79.18', 'M54.6', 'M62.830'],
    symptoms: ['interscapular pain for months', 'aching between the shoulder blades', 'upper back pain worse with lifting'],
  },
  {
    name: 'head',
    weight: 6,
    muscles: ['temporalis', 'masseter', 'frontalis', 'occipitalis', 'lateral pterygoid'],
    dx: ['M79.11', 'G44.209', 'M79.18'],
    medicare: ['M79.11', 'G44.209'],
    united: ['M79.11', 'G44.209'],
    symptoms: ['jaw pain and temporal headaches', 'bilateral temple pain, clenching at night', 'pain on chewing'],
  },
  {
    name: 'low back',
    weight: 24,
    muscles: [
      'quadratus lumborum',
      'multifidus',
      'iliocostalis lumborum',
      'longissimus',
      'erector spinae',
      'gluteus medius',
      'piriformis',
      'gluteus minimus',
    ],
    dx: ['M54.50', 'M54.59', 'M79.18', 'S39.012A'],
    medicare: ['M79.18'],
    united: ['M54.50', 'M54.59', 'M79.18'],
    symptoms: [
      'low back pain radiating to the buttock',
      'lumbar pain worse on standing',
      'low back and hip pain after a fall',
      'sciatica-like pain without radicular signs',
    ],
  },
  {
    name: 'leg',
    weight: 8,
    muscles: ['gastrocnemius', 'soleus', 'vastus lateralis', 'tibialis anterior', 'hamstring', 'rectus femoris'],
    dx: ['M62.831', 'M79.18'],
    medicare: ['M79.18'],
    united: ['M62.831', 'M79.18'],
    symptoms: ['calf cramps and focal calf pain', 'lateral thigh pain on walking', 'posterior thigh tightness and pain'],
  },
  {
    name: 'arm',
    weight: 10,
    muscles: ['brachioradialis', 'wrist extensors', 'triceps brachii', 'biceps brachii', 'wrist flexors'],
    dx: ['M79.18', 'M62.838'],
    medicare: ['M79.18'],
    united: ['M79.18', 'M62.838'],
    symptoms: ['forearm pain with gripping', 'lateral elbow and forearm pain', 'arm pain after repetitive work'],
  },
];

const EM_DX = [
  ['I10', 'essential hypertension'],
  ['E11.9', 'type 2 diabetes'],
  ['R51.9', 'headache'],
  ['G47.00', 'insomnia'],
  ['M25.511', 'pain in right shoulder'],
  ['M25.512', 'pain in left shoulder'],
  ['F41.1', 'generalized anxiety'],
  ['M54.16', 'lumbar radiculopathy'],
];
const EM_NOTES = [
  'E/M for a new problem, assessed separately',
  'E/M: blood pressure follow-up and medication change',
  'E/M for sleep complaints, separate from the injection',
  'E/M: evaluated new shoulder complaint, imaging ordered',
  'E/M for anxiety follow-up, medication adjusted',
  'E/M for radicular symptoms, separate workup',
];
const EXAMS = [
  'taut bands with local twitch response',
  'taut band with local twitch response and referred pain',
  'palpable nodules, reproduction of referred pain on compression',
  'tender points with jump sign and taut bands',
  'taut band, twitch response, restricted range of motion',
  'exquisite tenderness over the taut band, referred pain pattern reproduced',
];
const TRIED = [
  'physical therapy 6 weeks and ibuprofen 4 weeks, no lasting relief',
  'home stretching program 8 weeks and naproxen, partial relief only',
  'physical therapy 8 weeks, massage, and heat without lasting relief',
  'NSAIDs 6 weeks and muscle relaxant 2 weeks, no improvement',
  'chiropractic care 4 weeks and acetaminophen, symptoms returned',
  'ergonomic changes and physical therapy 12 visits, persistent pain',
];
const TECHNIQUES = [
  '27-gauge needle, fanning technique, after negative aspiration',
  '25-gauge 1.5 inch needle, single pass per trigger point',
  '30-gauge needle, peppering technique after negative aspiration',
  '27-gauge needle, clean technique, sterile prep with chlorhexidine',
];
const DURATIONS = ['for 3 months', 'for 6 weeks', 'for 4 months', 'for a year', 'since a car accident', 'for 8 weeks', 'for 2 months'];

/** Steroids: drug text, J-code, milligrams given, units of the J-code. */
const STEROIDS = [
  { text: 'triamcinolone 40 mg/mL 1 mL', code: 'J3301', units: 4 },
  { text: 'triamcinolone 40 mg/mL 0.5 mL', code: 'J3301', units: 2 },
  { text: 'Kenalog-40 40 mg/mL 1 mL', code: 'J3301', units: 4 },
  { text: 'dexamethasone 4 mg/mL 1 mL', code: 'J1100', units: 4 },
  { text: 'dexamethasone 10 mg/mL 1 mL', code: 'J1100', units: 10 },
  { text: 'methylprednisolone 40 mg/mL 1 mL', code: 'J1010', units: 40 },
  { text: 'betamethasone 6 mg/mL 1 mL', code: 'J0702', units: 1 },
];
const ANESTHETICS = ['lidocaine 1% 2 mL', 'lidocaine 1% 3 mL', 'lidocaine 2% 1 mL', 'bupivacaine 0.25% 3 mL', 'bupivacaine 0.5% 2 mL'];

const ERROR_KINDS = [
  'tpi-units',
  'em-no-25',
  'muscle-count',
  'laterality-conflict',
  'icd-unknown',
  'icd-not-billable',
  'dx-missing',
  'invalid-date',
  'invalid-npi',
  'us-date',
  'modifier-50',
  'unknown-payer',
  'jcode-units',
  'jcode-deleted',
  'telehealth',
  'duplicate-id',
  'no-exam',
  'no-tried',
  'too-soon',
  'same-day',
  'anesthetic-billed',
  'muscle-vague',
  'muscle-typo',
  'keyword-typo',
  'auth-missing',
  'not-covered',
  'guidance',
  'ncci-pair',
];

// ------------------------------------------------------------------ helpers

/** A valid NPI: 9 digits + the Luhn check digit over "80840" + those 9 digits. */
function npiWithCheckDigit(nine) {
  const digits = ('80840' + nine).split('').map(Number);
  let sum = 0;
  // the check digit will be appended: double every second digit from the right of the payload
  for (let i = digits.length - 1, dbl = true; i >= 0; i--, dbl = !dbl) {
    let d = digits[i];
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return nine + String((10 - (sum % 10)) % 10);
}

function makeProviders(rnd, n) {
  const out = [];
  const titles = ['MD', 'DO', 'NP', 'PA-C'];
  for (let i = 0; i < n; i++) {
    const nine = String(rnd.int(1, 2)) + String(rnd.int(0, 99_999_999)).padStart(8, '0');
    out.push({ npi: npiWithCheckDigit(nine), name: `${rnd.pick(FIRST)[0]}. ${rnd.pick(LAST)}, ${rnd.pick(titles)}` });
  }
  return out;
}

const SIDE_WORDS = { left: ['left', 'left', 'L'], right: ['right', 'right', 'R'], bilateral: ['bilateral', 'bilateral', 'bilat'] };

/** Picks the muscles of a session: items in text form, the count of muscles they make, and their common side. */
function pickMuscles(rnd, scenario, sideMode, wantCount) {
  // wantCount: 1..6 muscles (a bilateral item counts 2)
  const names = rnd.sample(scenario.muscles, scenario.muscles.length);
  const items = [];
  let count = 0;
  let usedTrapezius = false;
  for (const name of names) {
    if (count >= wantCount) break;
    if (name.includes('trapezius')) {
      if (usedTrapezius) continue;
      usedTrapezius = true;
    }
    let side = sideMode;
    if (sideMode === 'mixed') side = rnd.pick(['left', 'right', 'bilateral']);
    if (side === 'bilateral' && count + 2 > wantCount) side = rnd.pick(['left', 'right']);
    const word = side === 'none' ? '' : rnd.pick(SIDE_WORDS[side]) + ' ';
    items.push({ side, name, text: word + name });
    count += side === 'bilateral' ? 2 : 1;
  }
  const sides = new Set(items.map((i) => i.side));
  const common = sides.size === 1 ? [...sides][0] : 'mixed';
  return { items, count, common };
}

function responseText(rnd) {
  const before = rnd.int(5, 9);
  const after = rnd.int(0, Math.max(0, before - 3));
  return rnd.pick([
    `pain ${before}/10 before, ${after}/10 after`,
    `pain ${before}/10 before, ${after}/10 after; improved range of motion`,
    `tolerated well, pain ${before}/10 to ${after}/10`,
    `immediate relief, pain ${before}/10 before and ${after}/10 after`,
  ]);
}

// ------------------------------------------------------------------ claim generation

/**
 * Generates `total` claim objects (not yet serialised), sorted by date, with ids assigned.
 * `idPrefix` keeps the workspace's and the document's ids apart.
 */
export function generateClaims({ seed, total, errorRate = DEFAULTS.errorRate }) {
  const rnd = makeRandom(seed);
  const providers = makeProviders(rnd, Math.max(8, Math.round(total / 2500)));
  const claims = [];
  const payerPairs = PAYERS.map((p) => [p.share, p]);
  const scenarioPairs = SCENARIOS.map((s) => [s.weight, s]);
  let patientSeq = 0;
  const patientBase = rnd.int(10_000, 40_000);

  while (claims.length < total) {
    const patient = {
      id: `P-${patientBase + patientSeq++ * 3 + rnd.int(0, 2)}`,
      name: `${rnd.pick(FIRST)} ${rnd.pick(LAST)}`,
      quoted: rnd.chance(0.4),
      payer: rnd.weighted(payerPairs),
      scenario: rnd.weighted(scenarioPairs),
      side: rnd.weighted([
        [38, 'left'],
        [38, 'right'],
        [14, 'bilateral'],
        [7, 'mixed'],
        [3, 'none'],
      ]),
      provider: rnd.pick(providers),
      pos: rnd.weighted([
        [86, '11'],
        [7, '22'],
        [4, '24'],
        [2, '19'],
        [1, '31'],
      ]),
    };
    const n = rnd.weighted([
      [30, 1],
      [25, 2],
      [20, 3],
      [15, 4],
      [10, 5],
    ]);
    const [gmin, gmax] = patient.payer.gap;
    const span = (n - 1) * gmin;
    let day = rnd.int(FIRST_DAY, Math.max(FIRST_DAY, LAST_DAY - span));
    const sessions = [];
    for (let i = 0; i < n && day <= LAST_DAY; i++) {
      sessions.push(day);
      day += rnd.int(gmin, gmax);
    }
    // earlier sessions billed outside this workspace, spaced as the payer allows
    const priors = [];
    if (rnd.chance(0.12)) {
      let d = sessions[0];
      const k = rnd.int(1, 2);
      for (let i = 0; i < k; i++) {
        d -= rnd.int(gmin, gmax);
        priors.unshift(d);
      }
    }
    sessions.forEach((d, i) => {
      if (claims.length < total) claims.push(makeClaim(rnd, patient, d, i === 0 ? priors : []));
    });
  }

  claims.sort((a, b) => a.day - b.day || a.seq - b.seq);
  const perYear = new Map();
  for (const c of claims) {
    const y = isoOf(c.day).slice(0, 4);
    const k = (perYear.get(y) ?? 0) + 1;
    perYear.set(y, k);
    c.id = `TPI-${y}-${String(k).padStart(6, '0')}`;
  }

  // each claim's previous session of the same patient (claims are in date order)
  const lastOfPatient = new Map();
  for (const c of claims) {
    c.previous = lastOfPatient.get(c.patient.id);
    lastOfPatient.set(c.patient.id, c);
  }

  // deliberate errors, about errorRate of the claims, one each
  const errors = {};
  claims.forEach((c, i) => {
    if (!rnd.chance(errorRate)) return;
    for (let attempt = 0; attempt < 4; attempt++) {
      const kind = rnd.pick(ERROR_KINDS);
      if (applyError(rnd, c, kind, claims, i)) {
        errors[kind] = (errors[kind] ?? 0) + 1;
        break;
      }
    }
  });
  return { claims, errors, providers };
}

let claimSeq = 0;
function makeClaim(rnd, patient, day, priors) {
  const s = patient.scenario;
  const payer = patient.payer;
  const primaryPool = payer.covered === 'medicare' ? s.medicare : payer.covered === 'united' ? s.united : s.dx;
  const primary = rnd.pick(primaryPool);
  const diagnoses = [{ letter: 'A', code: primary, note: rnd.chance(0.3) ? `"${s.name} myofascial pain"` : null }];
  const second = s.dx.filter((d) => d !== primary);
  if (second.length && rnd.chance(0.35)) diagnoses.push({ letter: 'B', code: rnd.pick(second), note: null });

  const wantCount = rnd.weighted([
    [34, 1],
    [30, 2],
    [18, 3],
    [12, 4],
    [6, 5],
  ]);
  const m = pickMuscles(rnd, s, patient.side, wantCount);
  const tpiCode = m.count >= 3 ? '20553' : '20552';
  const tpiMods = m.common === 'left' ? ['LT'] : m.common === 'right' ? ['RT'] : [];
  const tpiDx = diagnoses.map((d) => d.letter);
  const lines = [{ code: tpiCode, modifiers: tpiMods, units: null, dx: tpiDx, style: rnd.pick(['hyphen', 'hyphen', 'mod']) }];

  let note = null;
  if (rnd.chance(0.3)) {
    const [code, text] = rnd.pick(EM_DX);
    const letter = String.fromCharCode(65 + diagnoses.length);
    diagnoses.push({ letter, code, note: rnd.chance(0.5) ? `"${text}"` : null });
    lines.push({
      code: rnd.pick(['99212', '99213', '99213', '99214', '99204']),
      modifiers: ['25'],
      units: null,
      dx: [letter],
      style: rnd.pick(['hyphen', 'mod']),
    });
    note = rnd.pick(EM_NOTES);
  }

  const drugs = [];
  if (rnd.chance(0.85)) drugs.push(rnd.pick(ANESTHETICS));
  const facility = patient.pos !== '11';
  if (rnd.chance(0.35) || drugs.length === 0) {
    const st = rnd.pick(STEROIDS);
    drugs.push(st.text);
    if (!facility) lines.push({ code: st.code, modifiers: [], units: st.units, dx: ['A'], style: 'mod' });
  }

  const auth = payer.authRequired || rnd.chance(0.05) ? `PA-${rnd.int(10000, 99999)}` : null;
  const priorLines = priors.map((d) => ({
    date: isoOf(d),
    code: rnd.pick(['20552', '20552', '20553']),
    muscles: rnd.chance(0.5) ? m.items.slice(0, 2).map((x) => x.text) : [],
  }));
  return {
    seq: claimSeq++,
    day,
    id: null,
    patient: { id: patient.id, name: patient.name, quoted: patient.quoted },
    payer: payer.id,
    date: isoOf(day),
    pos: patient.pos === '11' && rnd.chance(0.5) ? null : patient.pos,
    provider: rnd.chance(0.9) ? { npi: patient.provider.npi, name: patient.provider.name } : null,
    auth,
    diagnoses,
    lines,
    muscles: m.items.map((x) => x.text),
    drugs,
    symptoms: `${rnd.pick(s.symptoms)} ${rnd.pick(DURATIONS)}`,
    exam: rnd.pick(EXAMS),
    tried: rnd.pick(TRIED),
    technique: rnd.pick(TECHNIQUES),
    response: responseText(rnd),
    note,
    priors: priorLines,
    comment: rnd.chance(0.03) ? rnd.pick(['# resubmitted after denial', '# reviewed by coding', '# follow-up visit']) : null,
    typo: null,
    _meta: { muscleCount: m.count, side: m.common, facility },
  };
}

function applyError(rnd, c, kind, claims, index) {
  const tpi = c.lines[0];
  switch (kind) {
    case 'tpi-units':
      tpi.units = rnd.int(2, 4);
      return true;
    case 'em-no-25': {
      const em = c.lines.find((l) => l.modifiers.includes('25'));
      if (!em) return false;
      em.modifiers = em.modifiers.filter((x) => x !== '25');
      return true;
    }
    case 'muscle-count':
      tpi.code = tpi.code === '20552' ? '20553' : '20552';
      return true;
    case 'laterality-conflict':
      if (tpi.modifiers[0] === 'LT') tpi.modifiers = ['RT'];
      else if (tpi.modifiers[0] === 'RT') tpi.modifiers = ['LT'];
      else return false;
      return true;
    case 'icd-unknown':
      c.diagnoses[0].code = rnd.pick(['M79.13', 'M79.19', 'M54.7', 'G44.3099']);
      return true;
    case 'icd-not-billable':
      c.diagnoses[0].code = rnd.pick(['M79.1', 'G44.20', 'M54.5', 'M62.83']);
      return true;
    case 'dx-missing':
      tpi.dx = [];
      return true;
    case 'invalid-date': {
      const y = c.date.slice(0, 4);
      c.date = rnd.pick([`${y}-02-30`, `${y}-04-31`, `${y}-06-31`, `${y}-11-31`]);
      return true;
    }
    case 'invalid-npi':
      if (!c.provider) return false;
      c.provider.npi = c.provider.npi.slice(0, 9) + String((Number(c.provider.npi[9]) + 1) % 10);
      return true;
    case 'us-date':
      c.date = `${c.date.slice(5, 7)}/${c.date.slice(8, 10)}/${c.date.slice(0, 4)}`;
      return true;
    case 'modifier-50':
      tpi.modifiers = ['50'];
      return true;
    case 'unknown-payer':
      c.payer = rnd.pick(['bluecross', 'acme', 'united-healthcare', 'cigna']);
      return true;
    case 'jcode-units': {
      const j = c.lines.find((l) => /^J/.test(l.code));
      if (!j) return false;
      j.units += rnd.int(1, 3);
      return true;
    }
    case 'jcode-deleted': {
      const j = c.lines.find((l) => l.code === 'J1010');
      if (!j) {
        c.lines.push({ code: 'J1030', modifiers: [], units: 1, dx: ['A'], style: 'mod' });
        c.drugs.push('methylprednisolone 40 mg/mL 1 mL');
        return true;
      }
      j.code = 'J1030';
      j.units = 1;
      return true;
    }
    case 'telehealth':
      c.pos = rnd.pick(['02', '10']);
      return true;
    case 'duplicate-id': {
      const other = claims[index - 1 - rnd.int(200, 3000)];
      if (!other || other === c || !other.id) return false;
      c.id = other.id;
      return true;
    }
    case 'no-exam':
      c.exam = null;
      return true;
    case 'no-tried':
      c.tried = null;
      return true;
    case 'too-soon': {
      // a session 7 to 20 days after the patient's previous one: frequency or interval rules fire
      const prev = c.previous;
      if (!prev || prev.payer !== c.payer || !/^\d{4}-\d\d-\d\d$/.test(prev.date)) return false;
      const d = dayOf(prev.date) + rnd.int(7, 20);
      c.date = isoOf(d);
      c.muscles = prev.muscles.slice();
      return true;
    }
    case 'same-day': {
      const prev = c.previous;
      if (!prev || !/^\d{4}-\d\d-\d\d$/.test(prev.date)) return false;
      c.date = prev.date;
      return true;
    }
    case 'anesthetic-billed':
      c.lines.push({ code: 'J2001', modifiers: [], units: 1, dx: ['A'], style: 'mod' });
      return true;
    case 'muscle-vague':
      c.muscles.push(rnd.pick(['low back', 'neck', 'paraspinal', 'upper back', 'shoulder']));
      return true;
    case 'muscle-typo': {
      const i = rnd.int(0, c.muscles.length - 1);
      c.muscles[i] = c.muscles[i].replace(/([a-z])([a-z])([a-z]*)$/, '$1$3') || c.muscles[i] + 'x';
      return true;
    }
    case 'keyword-typo':
      c.typo = rnd.pick(['symptoms', 'exam', 'technique', 'response']);
      return true;
    case 'auth-missing':
      if (!c.auth || !PAYERS.find((p) => p.id === c.payer)?.authRequired) return false;
      c.auth = null;
      return true;
    case 'not-covered': {
      if (c.payer !== 'medicare' && c.payer !== 'humana-ma') return false;
      c.diagnoses[0].code = rnd.pick(['M54.2', 'M62.838', 'M54.50', 'M79.7']);
      return true;
    }
    case 'guidance':
      c.lines.push({ code: rnd.pick(['76942', '77002']), modifiers: [], units: null, dx: ['A'], style: 'mod' });
      return true;
    case 'ncci-pair':
      c.lines.push({ code: rnd.pick(['20610', '96372', '20550']), modifiers: [], units: null, dx: ['A'], style: 'mod' });
      return true;
    default:
      return false;
  }
}

// ------------------------------------------------------------------ serialisation

function lineText(l) {
  let s = 'line ' + l.code;
  let mods = l.modifiers;
  if (l.style === 'hyphen' && mods.length) {
    s += '-' + mods.join('-');
    mods = [];
  }
  const parts = [];
  if (mods.length) parts.push('mod ' + mods.join(','));
  if (l.units !== null && l.units !== undefined) parts.push('units ' + l.units);
  if (l.dx.length) parts.push('dx ' + l.dx.join(','));
  return parts.length ? s + ' ' + parts.join(' ') : s;
}

/** The claim as .claim text (lines joined with \n, trailing newline, blank line after). */
export function claimText(c) {
  const kw = (k) => (c.typo === k ? k.slice(0, 2) + k.slice(3) : k).padEnd(9);
  const out = [`claim ${c.id}${c.comment ? '  ' + c.comment : ''}`];
  out.push(`  patient  ${c.patient.id} ${c.patient.quoted ? `"${c.patient.name}"` : c.patient.name}`);
  out.push(`  payer    ${c.payer}`);
  out.push(`  date     ${c.date}`);
  if (c.pos) out.push(`  pos      ${c.pos}`);
  if (c.provider) out.push(`  provider ${c.provider.npi} ${c.provider.name}`);
  if (c.auth) out.push(`  auth     ${c.auth}`);
  out.push('');
  for (const d of c.diagnoses) out.push(`  diagnosis ${d.letter} ${d.code}${d.note ? ' ' + d.note : ''}`);
  for (const l of c.lines) out.push('  ' + lineText(l));
  out.push('');
  if (c.muscles.length) out.push(`  muscles  ${c.muscles.join(', ')}`);
  for (const p of c.priors) out.push(`  prior    ${p.date} ${p.code}${p.muscles.length ? ' ' + p.muscles.join(', ') : ''}`);
  for (const d of c.drugs) out.push(`  drug     ${d}`);
  if (c.symptoms) out.push(`  ${kw('symptoms')}${c.symptoms}`);
  if (c.exam) out.push(`  ${kw('exam')}${c.exam}`);
  if (c.tried) out.push(`  ${kw('tried')}${c.tried}`);
  if (c.technique) out.push(`  ${kw('technique')} ${c.technique}`);
  if (c.response) out.push(`  ${kw('response')}${c.response}`);
  if (c.note) out.push(`  note     ${c.note}`);
  return out.join('\n') + '\n\n';
}

/** The claim as a plain JSON object with the same fields and values. */
export function claimJson(c) {
  return {
    id: c.id,
    patient: { id: c.patient.id, name: c.patient.name },
    payer: c.payer,
    date: c.date,
    pos: c.pos,
    provider: c.provider ? { npi: c.provider.npi, name: c.provider.name } : null,
    auth: c.auth,
    diagnoses: c.diagnoses.map((d) => ({ letter: d.letter, code: d.code, note: d.note ? d.note.slice(1, -1) : null })),
    lines: c.lines.map((l) => ({ code: l.code, modifiers: l.modifiers, units: l.units, dx: l.dx })),
    muscles: c.muscles,
    priors: c.priors,
    drugs: c.drugs,
    symptoms: c.symptoms,
    exam: c.exam,
    tried: c.tried,
    technique: c.technique,
    response: c.response,
    note: c.note,
  };
}

function policiesText() {
  return PAYERS.filter((p) => p.policy).map((p) => p.policy.join('\n') + '\n');
}

// ------------------------------------------------------------------ writing

function sha256(s) {
  return createHash('sha256').update(s).digest('hex');
}

function countLines(s) {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * What to generate, and where (each defaults to DEFAULTS', `out` to DEFAULT_OUT); `log` is told the progress.
 * @typedef {{ seed?: number, out?: string, claims?: number, files?: number, docClaims?: number, errorRate?: number, log?: (message: string) => void }} DataOptions
 */

/**
 * Generates everything into `out`; returns the manifest.
 * @param {DataOptions} [options]
 */
export function generate({
  seed = DEFAULTS.seed,
  out = DEFAULT_OUT,
  claims = DEFAULTS.claims,
  files = DEFAULTS.files,
  docClaims = DEFAULTS.docClaims,
  errorRate = DEFAULTS.errorRate,
  log = () => {},
} = {}) {
  const t0 = performance.now();
  claimSeq = 0;
  rmSync(join(out, 'workspace'), { recursive: true, force: true });
  rmSync(join(out, 'document'), { recursive: true, force: true });
  mkdirSync(join(out, 'workspace'), { recursive: true });
  mkdirSync(join(out, 'document'), { recursive: true });
  const manifest = { generator: GENERATOR_VERSION, seed, errorRate, workspace: null, document: null, files: {} };
  const record = (path, text) => {
    writeFileSync(join(out, path), text);
    manifest.files[path] = { bytes: Buffer.byteLength(text), lines: countLines(text), sha256: sha256(text) };
  };

  // (a) the workspace: claims sorted by date, cut into `files` files of equal size; one policy each in a few files
  {
    const g = generateClaims({ seed, total: claims, errorRate });
    const per = Math.ceil(claims / files);
    const policies = policiesText();
    const width = String(files - 1).length < 3 ? 3 : String(files - 1).length;
    let bytes = 0;
    let lines = 0;
    for (let f = 0; f < files; f++) {
      const chunk = g.claims.slice(f * per, (f + 1) * per);
      const first = chunk[0]?.date ?? '';
      let text = `# ClaimNote benchmark workspace, file ${f + 1} of ${files} (seed ${seed}); claims from ${first}\n\n`;
      for (const c of chunk) text += claimText(c);
      policies.forEach((p, i) => {
        if (Math.floor(((i + 0.5) * files) / policies.length) === f) text += '\n' + p;
      });
      const path = `workspace/claims-${String(f).padStart(width, '0')}.claim`;
      record(path, text);
      bytes += manifest.files[path].bytes;
      lines += manifest.files[path].lines;
    }
    record('workspace.json', JSON.stringify(g.claims.map(claimJson)));
    manifest.workspace = {
      claims: g.claims.length,
      files,
      bytes,
      lines,
      errors: g.errors,
      patients: new Set(g.claims.map((c) => c.patient.id)).size,
    };
    log(`workspace: ${g.claims.length} claims in ${files} files, ${(bytes / 1e6).toFixed(1)} MB, ${lines} lines`);
  }

  // (b) one document of docClaims claims, its policies at the end
  {
    const g = generateClaims({ seed: (seed ^ 0x5bd1e995) >>> 0, total: docClaims, errorRate });
    let text = `# ClaimNote benchmark document: ${docClaims} claims (seed ${seed})\n\n`;
    for (const c of g.claims) text += claimText(c);
    text += policiesText().join('\n');
    const path = `document/claims-${docClaims}.claim`;
    record(path, text);
    record('document.json', JSON.stringify(g.claims.map(claimJson)));
    manifest.document = {
      claims: g.claims.length,
      path,
      bytes: manifest.files[path].bytes,
      lines: manifest.files[path].lines,
      errors: g.errors,
      patients: new Set(g.claims.map((c) => c.patient.id)).size,
    };
    log(`document: ${g.claims.length} claims, ${(manifest.document.bytes / 1e6).toFixed(1)} MB, ${manifest.document.lines} lines`);
  }
  manifest.params = { claims, files, docClaims };
  manifest.seconds = Math.round(performance.now() - t0) / 1000;
  writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

/**
 * Generates unless `out` already holds this generator version's output for the same parameters
 * (with `force`, generates anyway).
 * @param {DataOptions & { force?: boolean }} [opts]
 */
export function ensureData(opts = {}) {
  const o = { ...DEFAULTS, out: DEFAULT_OUT, ...opts };
  const mpath = join(o.out, 'manifest.json');
  if (!o.force && existsSync(mpath)) {
    try {
      const m = JSON.parse(readFileSync(mpath, 'utf8'));
      const same =
        m.generator === GENERATOR_VERSION &&
        m.seed === o.seed &&
        m.errorRate === o.errorRate &&
        m.params?.claims === o.claims &&
        m.params?.files === o.files &&
        m.params?.docClaims === o.docClaims &&
        Object.keys(m.files).every((p) => existsSync(join(o.out, p)));
      if (same) return { manifest: m, generated: false };
    } catch {
      /* regenerate */
    }
  }
  return { manifest: generate(o), generated: true };
}

// ------------------------------------------------------------------ command line

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const opts = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const num = () => {
      const v = Number(args[++i]);
      if (!Number.isInteger(v) || v < 0) {
        console.error(`${a} needs a whole number`);
        process.exit(2);
      }
      return v;
    };
    if (a === '--seed') opts.seed = num();
    else if (a === '--out') opts.out = args[++i];
    else if (a === '--claims') opts.claims = num();
    else if (a === '--files') opts.files = num();
    else if (a === '--doc-claims') opts.docClaims = num();
    else if (a === '--error-rate') opts.errorRate = Number(args[++i]);
    else if (a === '--force') opts.force = true;
    else {
      console.error(
        'usage: node bench/generate.mjs [--seed N] [--out DIR] [--claims N] [--files N] [--doc-claims N] [--error-rate R] [--force]',
      );
      process.exit(2);
    }
  }
  const { manifest, generated } = ensureData({ ...opts, log: (s) => console.log(s) });
  const out = opts.out ?? DEFAULT_OUT;
  console.log(
    generated
      ? `generated in ${manifest.seconds} s into ${relative(process.cwd(), out) || out}`
      : `up to date: ${relative(process.cwd(), out) || out} (use --force to regenerate)`,
  );
}
