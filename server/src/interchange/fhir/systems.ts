// The code systems and identifier systems the FHIR R4 export writes and the import reads.
// HL7's own (terminology.hl7.org, hl7.org/fhir/sid) where one exists; `urn:claimnote:*` for
// ClaimNote's own ids, which no public system names.

export const SYSTEM = {
  claim: 'urn:claimnote:claim',
  patient: 'urn:claimnote:patient',
  practice: 'urn:claimnote:practice',
  payer: 'urn:claimnote:payer',
  /** the X12 claim filing indicator code (837P SBR09: MB, MC, CI, 12...) */
  claimFilingIndicator: 'urn:claimnote:claim-filing-indicator',
  npi: 'http://hl7.org/fhir/sid/us-npi',
  /** the US employer identification number (EIN, the practice's TIN) */
  tin: 'urn:oid:2.16.840.1.113883.4.4',
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  cpt: 'http://www.ama-assn.org/go/cpt',
  hcpcs: 'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets',
  ndc: 'http://hl7.org/fhir/sid/ndc',
  pos: 'https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set',
  ucum: 'http://unitsofmeasure.org',
  claimType: 'http://terminology.hl7.org/CodeSystem/claim-type',
  processPriority: 'http://terminology.hl7.org/CodeSystem/processpriority',
  infoCategory: 'http://terminology.hl7.org/CodeSystem/claiminformationcategory',
  relatedClaim: 'http://terminology.hl7.org/CodeSystem/ex-relatedclaimrelationship',
  careTeamRole: 'http://terminology.hl7.org/CodeSystem/claimcareteamrole',
  subscriberRelationship: 'http://terminology.hl7.org/CodeSystem/subscriber-relationship',
  organizationType: 'http://terminology.hl7.org/CodeSystem/organization-type',
  identifierType: 'http://terminology.hl7.org/CodeSystem/v2-0203',
} as const;

/** The drug amount units of an 837P CTP segment and their UCUM codes. */
export const DRUG_UNITS = { ML: 'mL', ME: 'mg', UN: '{unit}' } as const;

/** CPT: five digits, or four digits and a letter (category II and III codes). */
export const CPT_CODE = /^\d{4}[0-9A-Z]$/;
/** HCPCS Level II: a letter and four digits. */
export const HCPCS_CODE = /^[A-Z]\d{4}$/;
