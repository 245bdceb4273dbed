import { createRc4, rc4k } from '../../../src/remoting/ntlm/rc4.js';

// RFC 6229 section 2, keystream at selected offsets (16 bytes each).
const RFC6229: ReadonlyArray<{ key: string; stream: ReadonlyArray<[number, string]> }> = [
  {
    key: '0102030405',
    stream: [
      [0, 'b2396305f03dc027ccc3524a0a1118a8'],
      [16, '6982944f18fc82d589c403a47a0d0919'],
      [240, '28cb1132c96ce286421dcaadb8b69eae'],
      [256, '1cfcf62b03eddb641d77dfcf7f8d8c93'],
      [1520, '3294f744d8f9790507e70f62e5bbceea'],
      [1536, 'd8729db41882259bee4f825325f5a130'],
      [4080, '068326a2118416d21f9d04b2cd1ca050'],
    ],
  },
  {
    key: '0102030405060708090a0b0c0d0e0f10',
    stream: [
      [0, '9ac7cc9a609d1ef7b2932899cde41b97'],
      [16, '5248c4959014126a6e8a84f11d1a9e1c'],
      [240, '065902e4b620f6cc36c8589f66432f2b'],
      [256, 'd39d566bc6bce3010768151549f3873f'],
    ],
  },
];

describe('rc4 (RFC 6229)', () => {
  test.each(RFC6229)('one call yields the keystream of key $key', ({ key, stream }) => {
    const last = Math.max(...stream.map(([offset]) => offset)) + 16;
    const keystream = createRc4(Buffer.from(key, 'hex')).update(Buffer.alloc(last));
    for (const [offset, bytes] of stream) {
      expect(keystream.subarray(offset, offset + 16).toString('hex')).toBe(bytes);
    }
  });

  test.each(RFC6229)('the keystream of key $key continues across calls of uneven sizes', ({ key, stream }) => {
    const cipher = createRc4(Buffer.from(key, 'hex'));
    const last = Math.max(...stream.map(([offset]) => offset)) + 16;
    const chunks: Buffer[] = [];
    for (let taken = 0, size = 1; taken < last; taken += size, size = (size * 7 + 3) % 97 || 1) {
      chunks.push(cipher.update(Buffer.alloc(Math.min(size, last - taken))));
    }
    const keystream = Buffer.concat(chunks);
    for (const [offset, bytes] of stream) {
      expect(keystream.subarray(offset, offset + 16).toString('hex')).toBe(bytes);
    }
  });

  test('decrypting with a fresh cipher restores the plaintext', () => {
    const key = Buffer.from('secret key');
    const plaintext = Buffer.from('the quick brown fox jumps over the lazy dog');
    expect(rc4k(key, rc4k(key, plaintext))).toEqual(plaintext);
    expect(rc4k(key, plaintext)).not.toEqual(plaintext);
  });

  test('a clone continues from the same position without moving the original', () => {
    const cipher = createRc4(Buffer.from('0102030405', 'hex'));
    cipher.update(Buffer.alloc(16));
    const clone = cipher.clone();
    expect(clone.update(Buffer.alloc(16)).toString('hex')).toBe('6982944f18fc82d589c403a47a0d0919');
    expect(cipher.update(Buffer.alloc(16)).toString('hex')).toBe('6982944f18fc82d589c403a47a0d0919');
  });

  test('refuses an empty key', () => {
    expect(() => createRc4(Buffer.alloc(0))).toThrow(RangeError);
  });
});
