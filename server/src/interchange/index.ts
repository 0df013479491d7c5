// The interchange library: claims to and from X12 837P and FHIR R4, the appeal letter, the
// CMS-1500 picture, the audit report and the readers of CMS's data files (loaded by the CLI and
// the tests).
export * from './claim';
export * from './claimText';
export * from './fhir';
export * from './x12';
export * from '../appeal/letter';
export * from '../appeal/letterPdf';
export * from '../pictures/cms1500';
export * from '../pictures/cms1500Pdf';
export * from '../report/html';
export * from '../data/cms';
