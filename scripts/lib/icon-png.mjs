// Draws the add-in icon (a white padlock on a blue disc) as an RGBA PNG, with 4×4 supersampling.
import { deflateSync } from "node:zlib";

export const ICON_SIZES = [16, 32, 64, 80, 128];

export const BLUE = [15, 108, 189];
const WHITE = [255, 255, 255];

/** Coverage of the shapes at a point in a 1×1 square: 0 outside, 1 disc, 2 padlock. */
function shapeAt(x, y) {
  const dx = x - 0.5, dy = y - 0.5;
  if (dx * dx + dy * dy > 0.25) return 0;
  const inBody = x > 0.28 && x < 0.72 && y > 0.45 && y < 0.76;
  const sx = x - 0.5, sy = y - 0.45;
  const r = Math.sqrt(sx * sx + sy * sy);
  const inShackle = y <= 0.45 && y > 0.2 && r > 0.1 && r < 0.17;
  const inLegs = y > 0.4 && y <= 0.46 && Math.abs(Math.abs(sx) - 0.135) < 0.035;
  const keyhole = Math.hypot(x - 0.5, y - 0.58) < 0.04 || (Math.abs(x - 0.5) < 0.018 && y > 0.58 && y < 0.68);
  return (inBody && !keyhole) || inShackle || inLegs ? 2 : 1;
}

/** The icon: a white padlock on a blue disc. With `outline`, the padlock alone, white on transparent
 * (the unified manifest's 32×32 outline icon, which Teams and Microsoft 365 tint themselves). */
export function iconPng(size, { outline = false } = {}) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  const n = 4;
  for (let py = 0; py < size; py++) {
    raw[py * (size * 4 + 1)] = 0; // filter: none
    for (let px = 0; px < size; px++) {
      let disc = 0, lock = 0;
      for (let sy = 0; sy < n; sy++) for (let sx = 0; sx < n; sx++) {
        const s = shapeAt((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size);
        if (s >= 1) disc++;
        if (s === 2) lock++;
      }
      const alpha = (outline ? lock : disc) / (n * n);
      const mix = outline ? 1 : disc ? lock / disc : 0;
      const o = py * (size * 4 + 1) + 1 + px * 4;
      for (let c = 0; c < 3; c++) raw[o + c] = Math.round(BLUE[c] * (1 - mix) + WHITE[c] * mix);
      raw[o + 3] = Math.round(alpha * 255);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

const TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
