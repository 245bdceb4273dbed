/** Fuzz: NTLM messages from the wire decode or fail with a coded NtlmError; encode → decode round-trips. */
import fc from 'fast-check';
import { decodeAuthenticate, decodeChallenge, decodeNegotiate, encodeChallenge } from '../../src/remoting/ntlm/messages.js';
import { NtlmError } from '../../src/remoting/ntlm/errors.js';
import { fuzzRuns } from './fuzz-settings.js';

const SIGNATURE = Buffer.from('NTLMSSP\0', 'latin1');
/** Bytes that start like an NTLM message of a type, so the fuzzer gets past the header. */
const message = (type: number) =>
  fc.uint8Array({ maxLength: 400 }).map((rest) => {
    const b = Buffer.concat([SIGNATURE, Buffer.alloc(4), Buffer.from(rest)]);
    b.writeUInt32LE(type, 8);
    return b;
  });
const bytes = (type: number) => fc.oneof(fc.uint8Array({ maxLength: 200 }).map((u) => Buffer.from(u)), message(type));

function onlyNtlmErrors(decode: (b: Buffer) => unknown) {
  return (b: Buffer) => {
    try {
      decode(b);
    } catch (error) {
      if (!(error instanceof NtlmError)) throw error;
    }
  };
}

test('decoders throw nothing but NtlmError on any bytes', () => {
  fc.assert(fc.property(bytes(1), onlyNtlmErrors(decodeNegotiate)), fuzzRuns(2000));
  fc.assert(fc.property(bytes(2), onlyNtlmErrors(decodeChallenge)), fuzzRuns(2000));
  fc.assert(fc.property(bytes(3), onlyNtlmErrors(decodeAuthenticate)), fuzzRuns(2000));
});

test('a CHALLENGE round-trips through encode and decode', () => {
  const challenge = fc.record({
    flags: fc.constant(0x00000001 | 0x00080000 | 0x00800000),
    serverChallenge: fc.uint8Array({ minLength: 8, maxLength: 8 }).map((u) => Buffer.from(u)),
    targetName: fc.string({ maxLength: 30 }),
    targetInfo: fc.constant([]),
  });
  fc.assert(
    fc.property(challenge, (c) => {
      const decoded = decodeChallenge(encodeChallenge(c));
      expect(decoded.serverChallenge.equals(c.serverChallenge)).toBe(true);
      expect(decoded.targetName).toBe(c.targetName);
    }),
    fuzzRuns(500),
  );
});
