/**
 * @module ntlm/rc4: the RC4 stream cipher in pure TypeScript, because Node 20's OpenSSL refuses it.
 * A cipher object keeps its keystream position across calls, as NTLM sealing requires.
 */

export interface Rc4Cipher {
  /** XORs `data` with the next `data.length` keystream bytes; encrypts and decrypts alike. */
  update(data: Uint8Array): Buffer;
  /** An independent cipher at the same keystream position (to try a message before committing). */
  clone(): Rc4Cipher;
}

function fromState(s: Uint8Array, i0: number, j0: number): Rc4Cipher {
  let i = i0;
  let j = j0;
  return {
    update(data) {
      const out = Buffer.alloc(data.length);
      for (let n = 0; n < data.length; n++) {
        i = (i + 1) & 0xff;
        const si = s[i]!;
        j = (j + si) & 0xff;
        const sj = s[j]!;
        s[i] = sj;
        s[j] = si;
        out[n] = data[n]! ^ s[(si + sj) & 0xff]!;
      }
      return out;
    },
    clone: () => fromState(Uint8Array.from(s), i, j),
  };
}

/** A new RC4 cipher keyed with `key` (1 to 256 bytes), positioned at keystream offset 0. */
export function createRc4(key: Uint8Array): Rc4Cipher {
  if (key.length < 1 || key.length > 256) throw new RangeError('RC4 key must be 1 to 256 bytes');
  const s = Uint8Array.from({ length: 256 }, (_, n) => n);
  let j = 0;
  for (let i = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 0xff;
    const t = s[i]!;
    s[i] = s[j]!;
    s[j] = t;
  }
  return fromState(s, 0, 0);
}

/** [MS-NLMP] 6 RC4K: one-shot RC4 of `data` under `key`. */
export function rc4k(key: Uint8Array, data: Uint8Array): Buffer {
  return createRc4(key).update(data);
}
