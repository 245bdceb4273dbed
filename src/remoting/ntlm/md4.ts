/** @module ntlm/md4: the MD4 message digest (RFC 1320) in pure TypeScript, because Node 20's OpenSSL refuses it. */

const INITIAL_STATE = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476] as const;

/** RFC 1320 3.4: round 2 and round 3 additive constants. */
const ROUND2 = 0x5a827999;
const ROUND3 = 0x6ed9eba1;

/** RFC 1320 3.4: word order and shift amounts of rounds 2 and 3 (round 1 is 0..15 with 3, 7, 11, 19). */
const ROUND2_ORDER = [0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15] as const;
const ROUND3_ORDER = [0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15] as const;
const SHIFTS = [
  [3, 7, 11, 19],
  [3, 5, 9, 13],
  [3, 9, 11, 15],
] as const;

const rotl = (x: number, n: number): number => ((x << n) | (x >>> (32 - n))) >>> 0;

/** RFC 1320 3.1–3.2: append 0x80, zeros to 56 mod 64, then the bit length as a 64-bit little-endian. */
function pad(message: Uint8Array): Buffer {
  const padded = Buffer.alloc((((message.length + 8) >> 6) + 1) << 6);
  padded.set(message);
  padded[message.length] = 0x80;
  const bits = BigInt(message.length) * 8n;
  padded.writeBigUInt64LE(bits & 0xffffffffffffffffn, padded.length - 8);
  return padded;
}

function processBlock(state: number[], block: Buffer): void {
  const x = Array.from({ length: 16 }, (_, i) => block.readUInt32LE(i * 4));
  let [a, b, c, d] = state as [number, number, number, number];
  const f = (u: number, v: number, w: number): number => (u & v) | (~u & w);
  const g = (u: number, v: number, w: number): number => (u & v) | (u & w) | (v & w);
  const h = (u: number, v: number, w: number): number => u ^ v ^ w;
  const rounds = [
    { fn: f, add: 0, order: Array.from({ length: 16 }, (_, i) => i) },
    { fn: g, add: ROUND2, order: ROUND2_ORDER },
    { fn: h, add: ROUND3, order: ROUND3_ORDER },
  ];
  rounds.forEach((round, r) => {
    for (let i = 0; i < 16; i++) {
      const shift = SHIFTS[r]![i % 4]!;
      const word = x[round.order[i]!]!;
      const t = rotl((a + round.fn(b, c, d) + word + round.add) >>> 0, shift);
      [a, b, c, d] = [d, t, b, c];
    }
  });
  state[0] = (state[0]! + a) >>> 0;
  state[1] = (state[1]! + b) >>> 0;
  state[2] = (state[2]! + c) >>> 0;
  state[3] = (state[3]! + d) >>> 0;
}

/** MD4 of `message`: 16 bytes. */
export function md4(message: Uint8Array): Buffer {
  const padded = pad(message);
  const state = [...INITIAL_STATE];
  for (let offset = 0; offset < padded.length; offset += 64) {
    processBlock(state, padded.subarray(offset, offset + 64));
  }
  const digest = Buffer.alloc(16);
  state.forEach((word, i) => digest.writeUInt32LE(word, i * 4));
  return digest;
}
