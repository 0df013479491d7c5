// ClaimNote's muscle catalogue (docs/reference.md#catalogues): names, regions and areas. It is
// ClaimNote's clinical-coding judgement from anatomy, not a payer's rule.

export type Region = 'head' | 'neck' | 'upper back' | 'low back' | 'hip' | 'arm' | 'leg';
export type Area = 'head, neck and upper back' | 'low back and hip' | 'arm' | 'leg';

export const REGIONS: readonly Region[] = ['head', 'neck', 'upper back', 'low back', 'hip', 'arm', 'leg'];

export const AREA_OF: Record<Region, Area> = {
  head: 'head, neck and upper back',
  neck: 'head, neck and upper back',
  'upper back': 'head, neck and upper back',
  'low back': 'low back and hip',
  hip: 'low back and hip',
  arm: 'arm',
  leg: 'leg',
};

const CATALOGUE: Record<Region, string[]> = {
  head: ['temporalis', 'masseter', 'medial pterygoid', 'lateral pterygoid', 'frontalis', 'occipitalis'],
  neck: [
    'sternocleidomastoid',
    'anterior scalene',
    'middle scalene',
    'posterior scalene',
    'scalene',
    'splenius capitis',
    'splenius cervicis',
    'suboccipital',
    'semispinalis capitis',
    'levator scapulae',
    'trapezius',
  ],
  'upper back': [
    'rhomboid major',
    'rhomboid minor',
    'rhomboid',
    'infraspinatus',
    'supraspinatus',
    'teres major',
    'teres minor',
    'latissimus dorsi',
    'serratus anterior',
    'serratus posterior superior',
    'pectoralis major',
    'pectoralis minor',
    'deltoid',
    'subscapularis',
    'iliocostalis thoracis',
    'thoracic erector spinae',
  ],
  'low back': [
    'quadratus lumborum',
    'iliocostalis lumborum',
    'longissimus',
    'multifidus',
    'lumbar erector spinae',
    'erector spinae',
    'serratus posterior inferior',
  ],
  hip: ['gluteus maximus', 'gluteus medius', 'gluteus minimus', 'piriformis', 'tensor fasciae latae', 'iliopsoas', 'psoas'],
  arm: ['biceps brachii', 'triceps brachii', 'brachioradialis', 'wrist extensors', 'wrist flexors'],
  leg: [
    'gastrocnemius',
    'soleus',
    'tibialis anterior',
    'peroneus longus',
    'vastus lateralis',
    'vastus medialis',
    'rectus femoris',
    'adductor longus',
    'hamstring',
  ],
};

export const VAGUE_MUSCLES = [
  'paraspinal',
  'back',
  'neck',
  'shoulder',
  'low back',
  'upper back',
  'lumbar',
  'cervical',
  'thoracic',
  'muscle',
];

export const CATALOGUE_SOURCE =
  "ClaimNote catalogue: clinical-coding judgement from anatomy, and a payer's own policy decides coverage (docs/reference.md#catalogues)";

export interface CatalogueMuscle {
  /** the name as the catalogue writes it */
  name: string;
  regions: Region[];
}

/** Matching key: lower case, single spaces, a trailing `s` dropped (docs/rules.md "Terms"). */
export function muscleKey(name: string): string {
  return name.toLowerCase().replace(/\s+/g, ' ').trim().replace(/s$/, '');
}

const byKey = new Map<string, CatalogueMuscle>();
for (const region of REGIONS) {
  for (const name of CATALOGUE[region]) {
    const regions: Region[] = name === 'trapezius' ? ['neck', 'upper back'] : [region];
    byKey.set(muscleKey(name), { name, regions });
  }
}
const trapezius = byKey.get(muscleKey('trapezius'))!;
for (const part of ['upper', 'middle', 'lower']) byKey.set(muscleKey(`${part} trapezius`), trapezius);

const vague = new Set(VAGUE_MUSCLES.map(muscleKey));

/** All names a user may write for a catalogue muscle (for suggestions and completion). */
export const CATALOGUE_NAMES: readonly string[] = [
  ...REGIONS.flatMap((r) => CATALOGUE[r]),
  'upper trapezius',
  'middle trapezius',
  'lower trapezius',
];

export type MuscleKind = 'catalogue' | 'vague' | 'unknown';

/** What the catalogue says of a written muscle name: its muscle, its kind, and the name it counts under (the catalogue name, the trapezius for any of its parts, else the written name's key). */
export interface Lookup {
  readonly muscle: CatalogueMuscle | undefined;
  readonly kind: MuscleKind;
  readonly counting: string;
}

/** Names repeat across claims: each written form is looked up once (bounded memo). */
const lookups = new Map<string, Lookup>();

/** The catalogue's answer for a written name (each written form looked up once). */
export function muscleLookup(name: string): Lookup {
  let l = lookups.get(name);
  if (!l) {
    const key = muscleKey(name);
    const muscle = byKey.get(key);
    l = { muscle, kind: muscle ? 'catalogue' : vague.has(key) ? 'vague' : 'unknown', counting: muscle?.name ?? key };
    if (lookups.size > 50000) lookups.clear();
    lookups.set(name, l);
  }
  return l;
}

export function catalogueMuscle(name: string): CatalogueMuscle | undefined {
  return muscleLookup(name).muscle;
}

export function isVagueMuscle(name: string): boolean {
  return muscleLookup(name).kind === 'vague';
}

export function muscleKind(name: string): MuscleKind {
  return muscleLookup(name).kind;
}

/** Optimal string alignment distance (Levenshtein with adjacent transpositions), capped. */
export function editDistance(a: string, b: string, cap = 3): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    d.push([i]);
  }
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2][j - 2] + 1);
      d[i][j] = v;
    }
  }
  return d[a.length][b.length];
}

/** Catalogue names one or two edits away from an unknown muscle, nearest first. */
function suggestUncached(name: string): string[] {
  const key = name.toLowerCase().replace(/\s+/g, ' ').trim();
  const scored: [number, string][] = [];
  for (const candidate of CATALOGUE_NAMES) {
    const dist = Math.min(editDistance(key, candidate), editDistance(muscleKey(key), muscleKey(candidate)));
    if (dist >= 1 && dist <= 2) scored.push([dist, candidate]);
  }
  scored.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
  return scored.slice(0, 5).map((s) => s[1]);
}

const suggestions = new Map<string, string[]>();

/** Catalogue names one or two edits away from an unknown muscle, nearest first (memoised). */
export function suggestMuscles(name: string): string[] {
  let hit = suggestions.get(name);
  if (!hit) {
    hit = suggestUncached(name);
    if (suggestions.size > 10000) suggestions.clear();
    suggestions.set(name, hit);
  }
  return hit;
}
