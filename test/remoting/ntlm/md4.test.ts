import { md4 } from '../../../src/remoting/ntlm/md4.js';
import { vectors } from './fixture.js';

// RFC 1320 appendix A.5 "Test suite".
const RFC1320_SUITE: ReadonlyArray<[string, string]> = [
  ['', '31d6cfe0d16ae931b73c59d7e0c089c0'],
  ['a', 'bde52cb31de33e46245e05fbdbd6fb24'],
  ['abc', 'a448017aaf21d8525fc10ae87aa6729d'],
  ['message digest', 'd9130a8164549fe818874806e1c7014b'],
  ['abcdefghijklmnopqrstuvwxyz', 'd79e1c308aa5bbcdeea8ed63df412da9'],
  ['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', '043f8582f241db351ce627e153e7f0e4'],
  [
    '12345678901234567890123456789012345678901234567890123456789012345678901234567890',
    'e33b4ddc9c38f2199c3e7b164fcc0536',
  ],
];

describe('md4 (RFC 1320)', () => {
  test.each(RFC1320_SUITE)('MD4(%j)', (message, digest) => {
    expect(md4(Buffer.from(message, 'latin1')).toString('hex')).toBe(digest);
  });

  test('NTOWFv1 of the MS-NLMP password is MD4 of its UTF-16LE bytes', () => {
    expect(md4(Buffer.from(vectors.password, 'utf16le'))).toEqual(vectors.ntowfv1);
  });

  test('does not modify its input', () => {
    const input = Buffer.from('abc');
    md4(input);
    expect(input.toString()).toBe('abc');
  });
});
