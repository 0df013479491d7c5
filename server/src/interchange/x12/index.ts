// X12 837P (005010X222A1): ClaimNote's writer, its validator and its reader; the 835 (005010X221A1) reader.
export * from './segments';
export * from './write837';
export * from './validate837';
export * from './read837';
export * from './read835';
