// The interchange library: claims to and from X12 837P and FHIR R4, the appeal letter and the
// CMS-1500 picture (loaded by the CLI and the tests).
export * from './claim';
export * from './fhir';
export * from './x12';
export * from '../appeal/letter';
export * from '../pictures/cms1500';
export * from '../data/cms';
