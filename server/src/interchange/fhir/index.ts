// FHIR R4: claims to a Bundle (export) and a Bundle or a Claim to claims (import).
export * from './toBundle';
export * from './readFhir';
