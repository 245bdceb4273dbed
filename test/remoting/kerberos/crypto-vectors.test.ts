/** The AES Kerberos primitives against the published test vectors of RFC 3961 (n-fold) and RFC 3962 (AES-CTS). */
import { ctsDecrypt, ctsEncrypt, decrypt, encrypt, nfold } from '../../../src/remoting/kerberos/crypto.js';
import { KerberosError } from '../../../src/remoting/kerberos/index.js';

test.each([
  ['012345', 8, 'be072631276b1955'],
  ['password', 7, '78a07b6caf85fa'],
  ['Rough Consensus, and Running Code', 8, 'bb6ed30870b7f0e0'],
  ['kerberos', 16, '6b65726265726f737b9b5b2b93132b93'],
])('RFC 3961 A.1: %s %i-fold', (input, bytes, expected) => {
  expect(nfold(Buffer.from(input), bytes).toString('hex')).toBe(expected);
});

const chicken = Buffer.from('636869636b656e207465726979616b69', 'hex'); // "chicken teriyaki"
test.each([
  ['4920776f756c64206c696b652074686520', 'c6353568f2bf8cb4d8a580362da7ff7f97'],
  ['4920776f756c64206c696b65207468652047656e6572616c20476175277320', 'fc00783e0efdb2c1d445d4c8eff7ed2297687268d6ecccc0c07b25e25ecfe5'],
])('RFC 3962 B: AES-CTS of %s', (plain, cipher) => {
  expect(ctsEncrypt(chicken, Buffer.from(plain, 'hex')).toString('hex')).toBe(cipher);
  expect(ctsDecrypt(chicken, Buffer.from(cipher, 'hex')).toString('hex')).toBe(plain);
});

test('a ciphertext under another key or usage is refused, not decrypted to garbage', () => {
  const key = { etype: 18, value: Buffer.alloc(32, 1) };
  const sealed = encrypt(key, 24, Buffer.from('Move-ClusterVirtualMachineRole'));
  expect(decrypt(key, 24, sealed).toString()).toBe('Move-ClusterVirtualMachineRole');
  expect(() => decrypt(key, 22, sealed)).toThrow(KerberosError);
  expect(() => decrypt({ etype: 18, value: Buffer.alloc(32, 2) }, 24, sealed)).toThrow(KerberosError);
  expect(() => encrypt({ etype: 23, value: Buffer.alloc(16) }, 24, Buffer.from('x'))).toThrow(/only AES/);
});
