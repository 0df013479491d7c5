// Places of service (docs/reference.md#place-of-service; docs/rules.md "Terms").
import { lookupTable } from './lookup';

export const FACILITY_POS = new Set(['19', '21', '22', '23', '24', '31']);
export const TELEHEALTH_POS = new Set(['02', '10']);
export const KNOWN_POS = new Set(['02', '10', '11', '12', '19', '21', '22', '23', '24', '31', '32', '49', '71', '72']);
export const DEFAULT_POS = '11';

export const POS_NAMES = lookupTable<string>({
  '02': "telehealth (not in the patient's home)",
  '10': "telehealth in the patient's home",
  '11': 'office',
  '12': 'home',
  '19': 'off-campus outpatient hospital',
  '21': 'inpatient hospital',
  '22': 'on-campus outpatient hospital',
  '23': 'emergency room, hospital',
  '24': 'ambulatory surgical center',
  '31': 'skilled nursing facility',
  '32': 'nursing facility',
  '49': 'independent clinic',
  '71': 'public health clinic',
  '72': 'rural health clinic',
});

export function isFacility(pos: string): boolean {
  return FACILITY_POS.has(pos);
}
export function isTelehealth(pos: string): boolean {
  return TELEHEALTH_POS.has(pos);
}
