// The walkthrough's example claim: a 20552 line with the mistakes that get trigger point claims
// denied, and a payer (acme-ppo) without a policy until the walkthrough adds one.
export const EXAMPLE_CLAIM = `claim TPI-2026-0001
  # An example claim from "Get started with ClaimNote": each problem is underlined, and
  # Ctrl+. on it offers the fixes. Nothing here is saved unless you save it.
  patient  P-10442 "Maria Lopez"
  payer    acme-ppo
  date     2026-04-01
  pos      11
  provider 1234567893 "A. Rivera, MD"
  auth     PA-55821

  diagnosis A M79.12 "myalgia of auxiliary muscles, head and neck"
  line 20552 mod 50 units 2 dx A

  muscles  left upper trapezius, left levator scapulae, left splenius capitis
  drug     lidocaine 1% 2 mL
  symptoms left neck pain radiating to the head for 4 months
  exam     taut bands with local twitch response in all three muscles
  tried    physical therapy 8 weeks and naproxen 6 weeks, no lasting relief
  technique 27-gauge needle, fanning technique, after negative aspiration
  response pain 8/10 before, 3/10 after
`;
