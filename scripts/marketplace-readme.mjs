// Writes the README of the extension's details page (client/out/README.md, packaged by
// `vsce package --readme-path`) from docs/marketplace/README.md, with its pictures inlined as
// data: URIs. The details page allows only https: and data: images (its content security
// policy): a picture next to the README in the installed extension's folder would not load,
// and ClaimNote works without internet access.
//   node scripts/marketplace-readme.mjs   (part of npm run package)
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, extname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SOURCE = 'docs/marketplace/README.md';
export const OUT = 'client/out/README.md';

const TYPES = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif' };

/** The README's text with every relative image `![alt](path)` inlined (paths from the repository's root). */
export function inlineImages(text, read = (p) => readFileSync(join(root, p))) {
  return text.replace(/!\[([^\]]*)\]\(([^)\s]+)\)/g, (whole, alt, src) => {
    if (/^[a-z]+:/i.test(src)) return whole;
    const type = TYPES[extname(src).toLowerCase()];
    if (!type) throw new Error(`${SOURCE}: ${src} is not a PNG, JPEG or GIF picture`);
    return `![${alt}](data:${type};base64,${read(src).toString('base64')})`;
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = join(root, OUT);
  mkdirSync(dirname(out), { recursive: true });
  const text = inlineImages(readFileSync(join(root, SOURCE), 'utf8'));
  writeFileSync(out, text);
  console.log(`wrote ${OUT} (${Math.round(text.length / 1024)} KB) from ${SOURCE}`);
}
