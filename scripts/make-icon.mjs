// Draws images/icon.png (128x128 RGBA): a claim form with a green check mark badge on a navy
// rounded square.
// Node built-ins only: shapes are signed distance functions, anti-aliased analytically,
// and the PNG is written by hand (zlib deflate, CRC-32). Output is deterministic.
// Usage: node scripts/make-icon.mjs [out.png]
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const NAVY = [0x1b, 0x4f, 0x8f];
const NAVY_DARK = [0x12, 0x3a, 0x6c];
const WHITE = [0xff, 0xff, 0xff];
const PAPER_FOLD = [0xd5, 0xdd, 0xe8];
const INK = [0x9a, 0xa8, 0xba];
const HEADER = [0x2f, 0x6f, 0xbf];
const GREEN = [0x1f, 0x9d, 0x55];
const SHADOW = [0x00, 0x00, 0x00];

/** Signed distance from (x, y) to a rectangle from (x0, y0) to (x1, y1), corners rounded by r. */
function box(x, y, x0, y0, x1, y1, r = 0) {
  const cx = (x0 + x1) / 2,
    cy = (y0 + y1) / 2;
  const qx = Math.abs(x - cx) - ((x1 - x0) / 2 - r);
  const qy = Math.abs(y - cy) - ((y1 - y0) / 2 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

const circle = (x, y, cx, cy, r) => Math.hypot(x - cx, y - cy) - r;

/** Distance from (x, y) to the segment a-b. */
function segment(x, y, [ax, ay], [bx, by]) {
  const dx = bx - ax,
    dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

/** Signed distance to a polyline stroked with round caps and joins. */
function stroke(x, y, points, width) {
  let d = Infinity;
  for (let i = 1; i < points.length; i++) d = Math.min(d, segment(x, y, points[i - 1], points[i]));
  return d - width / 2;
}

const coverage = (sdf) => Math.max(0, Math.min(1, 0.5 - sdf));

// The claim form: a sheet with its top right corner folded, a header band, check boxes and
// lines of text; a green badge with a check mark over its bottom right corner.
const SHEET = { x0: 26, y0: 16, x1: 90, y1: 110, fold: 16 };
const BADGE = { cx: 90, cy: 88, r: 23 };
const CHECK = [
  [79, 88.5],
  [87, 96.5],
  [101, 80.5],
];
const ROWS = [48, 62, 76, 90];

/** The sheet: a rounded rectangle less the triangle of its folded corner. */
function sheet(x, y, dx = 0, dy = 0) {
  const { x0, y0, x1, y1, fold } = SHEET;
  const rect = box(x - dx, y - dy, x0, y0, x1, y1, 5);
  // the fold's edge runs from (x1 - fold, y0) to (x1, y0 + fold): keep what lies below-left of it
  const cut = (x - dx - (x1 - fold) - (y - dy - y0)) / Math.SQRT2;
  return Math.max(rect, cut);
}

/** The folded-over corner: the half of the corner's square below-left of the fold's edge. */
function foldFlap(x, y) {
  const { x1, y0, fold } = SHEET;
  const cut = (x - (x1 - fold) - (y - y0)) / Math.SQRT2;
  return Math.max(box(x, y, x1 - fold, y0, x1, y0 + fold, 1.5), cut);
}

function render() {
  const rgba = Buffer.alloc(SIZE * SIZE * 4);
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < SIZE; px++) {
      const x = px + 0.5,
        y = py + 0.5;
      const alpha = coverage(box(x, y, 2, 2, 126, 126, 24));
      // a vertical gradient on the background
      const t = y / SIZE;
      let col = NAVY.map((c, i) => c + (NAVY_DARK[i] - c) * t);
      const over = (colour, a) => {
        if (a > 0) col = col.map((c, i) => c + (colour[i] - c) * a);
      };
      over(SHADOW, 0.28 * coverage(sheet(x, y, 3, 4) + 1));
      over(WHITE, coverage(sheet(x, y)));
      over(PAPER_FOLD, coverage(foldFlap(x, y)));
      over(HEADER, coverage(box(x, y, 34, 26, 66, 34, 2)));
      for (const [k, ry] of ROWS.entries()) {
        over(INK, coverage(Math.abs(box(x, y, 34, ry - 4, 42, ry + 4, 1.5)) - 1));
        const end = [80, 66, 72, 58][k];
        over(INK, coverage(box(x, y, 47, ry - 2, end, ry + 2, 2)));
      }
      over(WHITE, coverage(circle(x, y, BADGE.cx, BADGE.cy, BADGE.r + 4)));
      over(GREEN, coverage(circle(x, y, BADGE.cx, BADGE.cy, BADGE.r)));
      over(WHITE, coverage(stroke(x, y, CHECK, 7)));
      const o = (py * SIZE + px) * 4;
      for (let c = 0; c < 3; c++) rgba[o + c] = Math.round(col[c]);
      rgba[o + 3] = Math.round(255 * alpha);
    }
  }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  // compression, filter and interlace methods stay 0
  const rows = Buffer.alloc(height * (1 + width * 4));
  for (let y = 0; y < height; y++) {
    rows[y * (1 + width * 4)] = 0; // filter: none
    rgba.copy(rows, y * (1 + width * 4) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(root, process.argv[2] ?? 'images/icon.png');
mkdirSync(dirname(out), { recursive: true });
const png = encodePng(SIZE, SIZE, render());
writeFileSync(out, png);
console.log(`wrote ${out} (${png.length} bytes)`);
