import { decodeAvPairs, encodeAvPairs } from '../../../src/remoting/ntlm/av-pairs.js';
import { AvId, NegotiateFlags, combineFlags } from '../../../src/remoting/ntlm/constants.js';
import {
  decodeAuthenticate,
  decodeChallenge,
  decodeNegotiate,
  encodeAuthenticate,
} from '../../../src/remoting/ntlm/messages.js';
import { createNtlmClientContext, NtlmError } from '../../../src/remoting/ntlm/index.js';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof NtlmError ? e.code : `not an NtlmError: ${String(e)}`;
  }
  return undefined;
}

describe('NEGOTIATE', () => {
  test('asks exactly for the flags of the WinRM brief, with empty domain and workstation and a VERSION', () => {
    const message = createNtlmClientContext({ username: 'u', password: 'p' }).negotiate();
    const wanted = combineFlags(
      ...(['UNICODE', 'REQUEST_TARGET', 'SIGN', 'SEAL', 'NTLM', 'ALWAYS_SIGN', 'EXTENDED_SESSIONSECURITY', 'TARGET_INFO',
        'VERSION', 'NEGOTIATE_128', 'KEY_EXCH', 'NEGOTIATE_56'] as const).map((n) => NegotiateFlags[n]),
    );
    expect(decodeNegotiate(message).flags).toBe(wanted);
    expect(message.subarray(0, 12)).toEqual(hex('4e544c4d53535000 01000000'));
    expect(message.subarray(16, 32)).toEqual(hex('0000 0000 28000000 0000 0000 28000000'));
    expect(message.length).toBe(40);
    expect(message[39]).toBe(0x0f); // NTLMSSP_REVISION_W2K3
  });
});

describe('CHALLENGE', () => {
  // pyspnego tests/_ntlm_raw/test_messages.py::test_challenge_pack_all_fields (MIT): a CHALLENGE
  // with UNICODE target name "café", a DnsComputerName AV pair and a VERSION.
  const pyspnegoChallenge = hex(
    '4e544c4d53535000 02000000 0800 0800 38000000 05008002 1111111111111111 0000000000000000' +
      ' 1000 1000 40000000 020202000000000f 6300610066 00e900 0300 0800 6300610066 00e900 00000000',
  );

  test('parses a CHALLENGE laid out by another implementation', () => {
    const c = decodeChallenge(pyspnegoChallenge);
    expect(c.flags).toBe(combineFlags(NegotiateFlags.UNICODE, NegotiateFlags.REQUEST_TARGET,
      NegotiateFlags.TARGET_INFO, NegotiateFlags.VERSION));
    expect(c.serverChallenge).toEqual(Buffer.alloc(8, 0x11));
    expect(c.targetName).toBe('café');
    expect(c.targetInfo).toEqual([{ id: AvId.MsvAvDnsComputerName, value: Buffer.from('café', 'utf16le') }]);
  });

  test('refuses truncated, foreign and out-of-range messages as malformed', () => {
    expect(codeOf(() => decodeChallenge(pyspnegoChallenge.subarray(0, 40)))).toBe('malformed-message');
    const wrongType = Buffer.from(pyspnegoChallenge);
    wrongType.writeUInt32LE(3, 8);
    expect(codeOf(() => decodeChallenge(wrongType))).toBe('malformed-message');
    const notNtlm = Buffer.from(pyspnegoChallenge);
    notNtlm.write('HTTP/1.1', 0, 'latin1');
    expect(codeOf(() => decodeChallenge(notNtlm))).toBe('malformed-message');
    const pastEnd = Buffer.from(pyspnegoChallenge);
    pastEnd.writeUInt32LE(0xfff0, 44); // TargetInfo offset
    expect(codeOf(() => decodeChallenge(pastEnd))).toBe('malformed-message');
  });

  test('an AV pair list without MsvAvEOL, or with a value past its end, is malformed', () => {
    const pairs = encodeAvPairs([{ id: AvId.MsvAvNbComputerName, value: Buffer.from('S', 'utf16le') }]);
    expect(codeOf(() => decodeAvPairs(pairs.subarray(0, pairs.length - 4)))).toBe('malformed-message');
    const long = Buffer.from(pairs);
    long.writeUInt16LE(200, 2);
    expect(codeOf(() => decodeAvPairs(long))).toBe('malformed-message');
  });
});

describe('AUTHENTICATE', () => {
  const fields = {
    flags: 0xe2888235,
    lmChallengeResponse: Buffer.alloc(24),
    ntChallengeResponse: Buffer.alloc(60, 7),
    domain: 'CONTOSO',
    user: 'Jörg',
    workstation: 'BOT01',
    encryptedRandomSessionKey: Buffer.alloc(16, 9),
    mic: Buffer.alloc(16, 0xab),
  };

  test('round-trips every field, with the MIC after the VERSION at offset 72', () => {
    const message = encodeAuthenticate(fields);
    expect(decodeAuthenticate(message)).toEqual(fields);
    expect(message.subarray(72, 88)).toEqual(fields.mic);
    expect(message.readUInt32LE(60)).toBe(0xe2888235);
  });

  test('a message whose payload starts at 64 has no MIC', () => {
    const message = Buffer.from(encodeAuthenticate(fields));
    for (const f of [12, 20, 28, 36, 44, 52]) message.writeUInt32LE(message.readUInt32LE(f + 4) - 24, f + 4);
    const short = Buffer.concat([message.subarray(0, 64), message.subarray(88)]);
    const decoded = decodeAuthenticate(short);
    expect(decoded.mic).toBeUndefined();
    expect(decoded.user).toBe('Jörg');
  });
});
