/**
 * `uniqueString(...)` as Azure computes it. Azure does not document the algorithm; the community has worked it out
 * and checked it against deployments: the arguments joined with '-', encoded as UTF-8, hashed with a 64-bit
 * variant of MurmurHash (two 32-bit lanes over 8-byte blocks, MurmurHash3 x86 constants), the 64-bit result written
 * as 13 characters of the base-32 alphabet a-z2-7, five bits at a time from the most significant end.
 * The tests pin outputs that Azure itself produced (see __tests__/inputs/arm-expressions.test.ts).
 */

const MIX_A = 0x239b961b;
const MIX_B = 0xab0e9789;
const FINAL_A = 0x85ebca6b;
const FINAL_B = 0xc2b2ae35;
const LANE1_ADD = 0x561ccd1b;
const LANE2_ADD = 0x0bcaa747;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const UTF8 = new TextEncoder();

export function uniqueString(values: readonly string[]): string {
  return encodeBase32(murmur64(UTF8.encode(values.join('-'))));
}

/** The 64-bit hash as a bigint (high lane in the upper 32 bits). */
export function murmur64(bytes: Uint8Array): bigint {
  const length = bytes.length;
  let h1 = 0;
  let h2 = 0;
  let i = 0;
  for (; i + 8 <= length; i += 8) {
    h1 = (h1 ^ mixLane1(readUint32(bytes, i, 4))) >>> 0;
    h1 = (rotl(h1, 19) + h2) >>> 0;
    h1 = (Math.imul(h1, 5) + LANE1_ADD) >>> 0;
    h2 = (h2 ^ mixLane2(readUint32(bytes, i + 4, 4))) >>> 0;
    h2 = (rotl(h2, 13) + h1) >>> 0;
    h2 = (Math.imul(h2, 5) + LANE2_ADD) >>> 0;
  }
  const rest = length - i;
  if (rest > 0) {
    h1 = (h1 ^ mixLane1(readUint32(bytes, i, Math.min(rest, 4)))) >>> 0;
    if (rest > 4) h2 = (h2 ^ mixLane2(readUint32(bytes, i + 4, rest - 4))) >>> 0;
  }
  h2 = (h2 ^ length) >>> 0;
  h1 = ((h1 ^ length) + h2) >>> 0;
  h2 = (h2 + h1) >>> 0;
  h1 = finalMix(h1);
  h2 = finalMix(h2);
  h1 = (h1 + h2) >>> 0;
  h2 = (h2 + h1) >>> 0;
  return (BigInt(h2) << 32n) | BigInt(h1);
}

function mixLane1(k: number): number {
  return Math.imul(rotl(Math.imul(k, MIX_A) >>> 0, 15), MIX_B) >>> 0;
}

function mixLane2(k: number): number {
  return Math.imul(rotl(Math.imul(k, MIX_B) >>> 0, 17), MIX_A) >>> 0;
}

function finalMix(value: number): number {
  let x = value;
  x = Math.imul(x ^ (x >>> 16), FINAL_A) >>> 0;
  x = Math.imul(x ^ (x >>> 13), FINAL_B) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

/** Little-endian, `count` (1 to 4) bytes from `offset`. */
function readUint32(bytes: Uint8Array, offset: number, count: number): number {
  let value = 0;
  for (let b = count - 1; b >= 0; b--) value = (value << 8) | (bytes[offset + b] ?? 0);
  return value >>> 0;
}

function rotl(x: number, r: number): number {
  return ((x << r) | (x >>> (32 - r))) >>> 0;
}

/** Thirteen 5-bit groups cover 65 bits; the last group is padded with a zero bit. */
function encodeBase32(hash: bigint): string {
  let value = hash;
  let out = '';
  for (let i = 0; i < 13; i++) {
    out += ALPHABET[Number((value >> 59n) & 31n)] ?? '';
    value = (value << 5n) & 0xffff_ffff_ffff_ffffn;
  }
  return out;
}
