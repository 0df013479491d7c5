// The built-in `medicare` policy (docs/LANGUAGE.md), following the Noridian LCD L34211 and its
// article A57701. Other contractors' LCDs differ: a practice elsewhere defines its own
// `policy medicare`, which replaces this one. It is parsed by the ClaimNote parser itself.

export const MEDICARE_URI = 'claimnote:builtin/medicare.claim';
export const MEDICARE_SOURCE =
  'Noridian LCD L34211 and article A57701, the built-in `medicare` policy (docs/reference.md#medicare-coverage)';

export const MEDICARE_POLICY_TEXT = `policy medicare "Medicare Part B"
  limit 3 per 12 months
  interval 6 weeks
  rate 100%
  covers G44.201, G44.209, G44.211, G44.219, G44.221, G44.229, M79.10, M79.11, M79.12, M79.18
  excludes M79.7
  single-region
  no-imaging-guidance
  one-session-per-day
`;
