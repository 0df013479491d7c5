// Draws images/icon.png (128x128 RGBA): a blue rounded square with a white check mark.
// Node built-ins only: shapes are signed distance functions, anti-aliased analytically,
// and the PNG is written by hand (zlib deflate, CRC-32). Output is deterministic.
// Usage: node scripts/make-icon.mjs [out.png]
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const BLUE = [0x1f, 0x6f, 0xb8];
const WHITE = [0xff, 0xff, 0xff];

/** Signed distance from (x, y) to a square centred on the icon, corners rounded by r. */
function roundedSquare(x, y, half, r) {
  const qx = Math.abs(x - SIZE / 2) - (half - r);
  const qy = Math.abs(y - SIZE / 2) - (half - r);
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - r;
}

/** Distance from (x, y) to the segment a-b. */
function segment(x, y, [ax, ay], [bx, by]) {
  const dx = bx - ax, dy = by - ay;
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
const CHECK = [[34, 66], [55, 87], [95, 43]];

function render() {
  const rgba = Buffer.alloc(SIZE * SIZE * 4);
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < SIZE; px++) {
      const x = px + 0.5, y = py + 0.5;
      const square = coverage(roundedSquare(x, y, 62, 26));
      const check = coverage(stroke(x, y, CHECK, 15));
      const o = (py * SIZE + px) * 4;
      for (let c = 0; c < 3; c++) rgba[o + c] = Math.round(BLUE[c] + (WHITE[c] - BLUE[c]) * check);
      rgba[o + 3] = Math.round(255 * square);
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
