// The chart libraries as one ESM file (server/out/charts.mjs, built by scripts/build.mjs) for
// copies of ClaimNote shipped without node_modules: the report loads it when it is there.
export { View, parse } from 'vega';
export { compile } from 'vega-lite';
