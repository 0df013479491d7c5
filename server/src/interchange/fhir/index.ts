// FHIR R4: claims to a Bundle (export) (export); the import follows.
export * from './toBundle';
