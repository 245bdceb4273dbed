/**
 * @module kerberos/crypto: the AES Kerberos encryption types ([RFC 3962] aes128/aes256-cts-hmac-
 * sha1-96) on the simplified profile of [RFC 3961] 5.3: n-fold, key derivation, AES in CBC mode
 * with ciphertext stealing, a random confounder and a truncated HMAC-SHA1. Built on node:crypto.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { EncType } from './constants.js';
import { KerberosError } from './errors.js';

const BLOCK = 16;
const MAC = 12;

export interface EncryptionKey {
  /** EncType.AES128_CTS_HMAC_SHA1_96 or AES256_CTS_HMAC_SHA1_96. */
  readonly etype: number;
  readonly value: Buffer;
}

function cipherName(key: Buffer, mode: 'ecb' | 'cbc'): string {
  if (key.length === 16) return `aes-128-${mode}`;
  if (key.length === 32) return `aes-256-${mode}`;
  throw new KerberosError('unsupported-enctype', `an AES key of ${key.length} bytes`, { length: key.length });
}

export function checkEtype(etype: number): void {
  if (etype !== EncType.AES128_CTS_HMAC_SHA1_96 && etype !== EncType.AES256_CTS_HMAC_SHA1_96) {
    throw new KerberosError(
      'unsupported-enctype',
      `encryption type ${etype} is not supported: only AES (17, 18) is; RC4 and DES are refused (enable AES for the account)`,
      { etype },
    );
  }
}

function aesBlock(key: Buffer, block: Buffer): Buffer {
  const cipher = createCipheriv(cipherName(key, 'ecb'), key, null).setAutoPadding(false);
  return Buffer.concat([cipher.update(block), cipher.final()]);
}

function cbc(key: Buffer, data: Buffer, decrypt: boolean): Buffer {
  const iv = Buffer.alloc(BLOCK);
  const c = decrypt ? createDecipheriv(cipherName(key, 'cbc'), key, iv) : createCipheriv(cipherName(key, 'cbc'), key, iv);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(data), c.final()]);
}

/** Rotates `buf` right by `bits` bits (as one big-endian number). */
function rotateRight(buf: Buffer, bits: number): Buffer {
  const n = buf.length;
  const byteShift = Math.floor(bits / 8) % n;
  const rest = bits % 8;
  const out = Buffer.alloc(n);
  for (let i = 0; i < n; i++) {
    const a = buf[(((i - byteShift) % n) + n) % n] as number;
    const b = buf[(((i - byteShift - 1) % n) + n) % n] as number;
    out[i] = ((a >>> rest) | (b << (8 - rest))) & 0xff;
  }
  return out;
}

/** Big-endian ones' complement addition (end-around carry) of two equal-length strings. */
function addOnesComplement(a: Buffer, b: Buffer): Buffer {
  const n = a.length;
  let v = Array.from(a, (x, i) => x + (b[i] as number));
  while (v.some((x) => x > 0xff)) v = v.map((_, i) => ((v[(i + 1) % n] as number) >>> 8) + ((v[i] as number) & 0xff));
  return Buffer.from(v);
}

/** [RFC 3961] 5.1 n-fold: copies of `input` rotated by 13 bits each, cut into `bytes`-long slices and added. */
export function nfold(input: Buffer, bytes: number): Buffer {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const lcm = (input.length * bytes) / gcd(input.length, bytes);
  const copies: Buffer[] = [];
  for (let i = 0; i < lcm / input.length; i++) copies.push(rotateRight(input, 13 * i));
  const big = Buffer.concat(copies);
  let sum: Buffer = big.subarray(0, bytes);
  for (let p = bytes; p < lcm; p += bytes) sum = addOnesComplement(sum, big.subarray(p, p + bytes));
  return Buffer.from(sum);
}

/** [RFC 3961] 5.1 DK(base, constant) for AES: DR by repeated block encryption, random-to-key is the identity. */
export function deriveKey(base: Buffer, constant: Buffer): Buffer {
  let block = constant.length === BLOCK ? constant : nfold(constant, BLOCK);
  const out: Buffer[] = [];
  let length = 0;
  while (length < base.length) {
    block = aesBlock(base, block);
    out.push(block);
    length += block.length;
  }
  return Buffer.concat(out).subarray(0, base.length);
}

function usageConstant(usage: number, suffix: number): Buffer {
  const c = Buffer.alloc(5);
  c.writeUInt32BE(usage);
  c[4] = suffix;
  return c;
}

/** Derived keys by base key and usage constant: a session seals every message with the same few. */
const derived = new WeakMap<Buffer, Map<number, Buffer>>();

function usageKey(base: Buffer, usage: number, suffix: number): Buffer {
  let byUsage = derived.get(base);
  if (!byUsage) derived.set(base, (byUsage = new Map()));
  const id = usage * 256 + suffix;
  let key = byUsage.get(id);
  if (!key) byUsage.set(id, (key = deriveKey(base, usageConstant(usage, suffix))));
  return key;
}

/** [RFC 3962] 5: AES-CBC with ciphertext stealing (CS3: last two blocks swapped), IV zero. */
export function ctsEncrypt(key: Buffer, plaintext: Buffer): Buffer {
  if (plaintext.length < BLOCK) throw new KerberosError('malformed', 'CTS input shorter than one block');
  if (plaintext.length === BLOCK) return aesBlock(key, plaintext);
  const padded = Buffer.concat([plaintext, Buffer.alloc((BLOCK - (plaintext.length % BLOCK)) % BLOCK)]);
  const c = cbc(key, padded, false);
  const n = c.length / BLOCK;
  const tail = plaintext.length - (n - 1) * BLOCK;
  return Buffer.concat([c.subarray(0, (n - 2) * BLOCK), c.subarray((n - 1) * BLOCK), c.subarray((n - 2) * BLOCK, (n - 2) * BLOCK + tail)]);
}

export function ctsDecrypt(key: Buffer, ciphertext: Buffer): Buffer {
  if (ciphertext.length < BLOCK) throw new KerberosError('malformed', 'CTS input shorter than one block');
  if (ciphertext.length === BLOCK) {
    const d = createDecipheriv(cipherName(key, 'ecb'), key, null).setAutoPadding(false);
    return Buffer.concat([d.update(ciphertext), d.final()]);
  }
  const n = Math.ceil(ciphertext.length / BLOCK);
  const tail = ciphertext.length - (n - 1) * BLOCK;
  const head = ciphertext.subarray(0, (n - 2) * BLOCK);
  const lastFull = ciphertext.subarray((n - 2) * BLOCK, (n - 1) * BLOCK); // X(n)
  const partial = ciphertext.subarray((n - 1) * BLOCK); // X(n-1), truncated
  const ecb = createDecipheriv(cipherName(key, 'ecb'), key, null).setAutoPadding(false);
  const d = Buffer.concat([ecb.update(lastFull), ecb.final()]);
  const xn1 = Buffer.concat([partial, d.subarray(tail)]);
  const pn = Buffer.alloc(tail);
  for (let i = 0; i < tail; i++) pn[i] = (d[i] as number) ^ (partial[i] as number);
  const front = cbc(key, Buffer.concat([head, xn1]), true);
  return Buffer.concat([front, pn]);
}

/** [RFC 3961] 5.3 encrypt: CTS(Ke, confounder ‖ plaintext) ‖ HMAC-SHA1(Ki, confounder ‖ plaintext)[0..12]. */
export function encrypt(key: EncryptionKey, usage: number, plaintext: Buffer, confounder = randomBytes(BLOCK)): Buffer {
  checkEtype(key.etype);
  const ke = usageKey(key.value, usage, 0xaa);
  const ki = usageKey(key.value, usage, 0x55);
  const data = Buffer.concat([confounder, plaintext]);
  const mac = createHmac('sha1', ki).update(data).digest().subarray(0, MAC);
  return Buffer.concat([ctsEncrypt(ke, data), mac]);
}

/** Decrypts and verifies; KerberosError 'integrity' when the HMAC does not match (wrong key, altered). */
export function decrypt(key: EncryptionKey, usage: number, ciphertext: Buffer): Buffer {
  checkEtype(key.etype);
  if (ciphertext.length < BLOCK + MAC) throw new KerberosError('malformed', 'ciphertext too short');
  const ke = usageKey(key.value, usage, 0xaa);
  const ki = usageKey(key.value, usage, 0x55);
  const data = ctsDecrypt(ke, ciphertext.subarray(0, ciphertext.length - MAC));
  const mac = createHmac('sha1', ki).update(data).digest().subarray(0, MAC);
  if (!timingSafeEqual(mac, ciphertext.subarray(ciphertext.length - MAC))) {
    throw new KerberosError('integrity', 'a Kerberos ciphertext did not verify (wrong key, or altered)', { usage });
  }
  return data.subarray(BLOCK);
}

/** [RFC 3961] 5.4 get_mic with Kc = DK(key, usage ‖ 0x99). */
export function checksum(key: EncryptionKey, usage: number, data: Buffer): Buffer {
  const kc = usageKey(key.value, usage, 0x99);
  return createHmac('sha1', kc).update(data).digest().subarray(0, MAC);
}

export function randomKey(etype: number): EncryptionKey {
  checkEtype(etype);
  return { etype, value: randomBytes(etype === EncType.AES256_CTS_HMAC_SHA1_96 ? 32 : 16) };
}
