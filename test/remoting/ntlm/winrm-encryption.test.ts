/** WinRM message-encryption framing ([MS-WSMV] 2.2.9.1.1) over real NTLM sessions. */
import {
  createNtlmSession,
  decryptWinrmBody,
  encryptWinrmBody,
  NtlmError,
  type NtlmSession,
} from '../../../src/remoting/ntlm/index.js';
import { vectors as v } from './fixture.js';

const CONTENT_TYPE =
  'multipart/encrypted;protocol="application/HTTP-SPNEGO-session-encrypted";boundary="Encrypted Boundary"';
const key = Buffer.from('9f8e7d6c5b4a39281706f5e4d3c2b1a0', 'hex');
const pair = (): { client: NtlmSession; server: NtlmSession } => ({
  client: createNtlmSession(key, 'client'),
  server: createNtlmSession(key, 'server'),
});
const soap = (n: number): Buffer =>
  Buffer.from(`<?xml version="1.0"?><s:Envelope>${'<rsp:Stream>QUJD</rsp:Stream>'.repeat(n)}</s:Envelope>`);

/** Large buffers compare as hex strings: Jest's deep equality walks Buffers byte by byte. */
const hexOf = (b: Buffer): string => b.toString('hex');

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof NtlmError ? e.code : `not an NtlmError: ${String(e)}`;
  }
  return undefined;
}

/**
 * The body layout pinned by pywinrm's winrm/tests/test_encryption.py::test_encrypt_message (MIT,
 * diyan/pywinrm): two parts, TAB-indented headers, a u32 little-endian signature length, the
 * signature, the sealed bytes, then the closing boundary with no CRLF before it.
 */
function pywinrmLayout(length: number, signature: Buffer, sealed: Buffer, closing = '--Encrypted Boundary--\r\n'): Buffer {
  const signatureLength = Buffer.alloc(4);
  signatureLength.writeInt32LE(signature.length); // struct.pack("<i", len(signature))
  return Buffer.concat([
    Buffer.from(
      '--Encrypted Boundary\r\n' +
        '\tContent-Type: application/HTTP-SPNEGO-session-encrypted\r\n' +
        `\tOriginalContent: type=application/soap+xml;charset=UTF-8;Length=${length}\r\n` +
        '--Encrypted Boundary\r\n' +
        '\tContent-Type: application/octet-stream\r\n',
      'latin1',
    ),
    signatureLength,
    signature,
    sealed,
    Buffer.from(closing, 'latin1'),
  ]);
}

describe('encryptWinrmBody', () => {
  test('produces pywinrm\'s byte layout, with the MS-NLMP 4.2.4 sealed message inside', () => {
    const session = createNtlmSession(v.randomSessionKey, 'client');
    const { body, contentType } = encryptWinrmBody(session, v.sealed.plaintext);
    expect(contentType).toBe(CONTENT_TYPE);
    expect(body).toEqual(pywinrmLayout(18, v.sealed.signature, v.sealed.data));
  });

  test('does not chunk NTLM bodies above 16 KiB', () => {
    const big = soap(2000);
    expect(big.length).toBeGreaterThan(3 * 16384);
    const { body, contentType } = encryptWinrmBody(pair().client, big);
    expect(contentType).toBe(CONTENT_TYPE);
    const twin = pair().client.seal(big); // same key and direction: the same signature and sealed bytes
    expect(hexOf(body)).toBe(hexOf(pywinrmLayout(big.length, twin.signature, twin.sealed)));
  });
});

describe('decryptWinrmBody', () => {
  test('round-trips several bodies each way on one pair of sessions', () => {
    const { client, server } = pair();
    for (const n of [0, 1, 50, 2000]) {
      const request = encryptWinrmBody(client, soap(n));
      expect(hexOf(decryptWinrmBody(server, request.body, request.contentType))).toBe(hexOf(soap(n)));
      const response = encryptWinrmBody(server, soap(n + 1));
      expect(hexOf(decryptWinrmBody(client, response.body, response.contentType))).toBe(hexOf(soap(n + 1)));
    }
  });

  test('reads the MS-NLMP sealed message framed as pywinrm frames it, with either closing boundary', () => {
    for (const closing of ['--Encrypted Boundary--\r\n', '--Encrypted Boundary\r\n']) {
      const server = createNtlmSession(v.randomSessionKey, 'server');
      const body = pywinrmLayout(18, v.sealed.signature, v.sealed.data, closing);
      expect(decryptWinrmBody(server, body, CONTENT_TYPE)).toEqual(v.sealed.plaintext);
    }
  });

  test('accepts spacing and case variations in the Content-Type header', () => {
    const { client, server } = pair();
    const { body } = encryptWinrmBody(client, soap(3));
    const header = 'Multipart/Encrypted; protocol="application/http-spnego-session-encrypted"; boundary="Encrypted Boundary"';
    expect(decryptWinrmBody(server, body, header)).toEqual(soap(3));
  });

  test('a Length that does not match the plaintext is refused as length-mismatch', () => {
    const server = createNtlmSession(v.randomSessionKey, 'server');
    const body = pywinrmLayout(19, v.sealed.signature, v.sealed.data);
    expect(codeOf(() => decryptWinrmBody(server, body, CONTENT_TYPE))).toBe('length-mismatch');
  });

  test('tampered ciphertext is refused by the session as bad-signature', () => {
    const { client, server } = pair();
    const { body, contentType } = encryptWinrmBody(client, soap(2));
    body[body.length - 40] = body[body.length - 40]! ^ 0x01;
    expect(codeOf(() => decryptWinrmBody(server, body, contentType))).toBe('bad-signature');
  });

  test('a replayed body is refused as out-of-sequence', () => {
    const { client, server } = pair();
    const { body, contentType } = encryptWinrmBody(client, soap(2));
    decryptWinrmBody(server, body, contentType);
    expect(codeOf(() => decryptWinrmBody(server, body, contentType))).toBe('out-of-sequence');
  });

  test.each([
    ['plain SOAP', 'application/soap+xml;charset=UTF-8'],
    ['CredSSP chunks', 'multipart/x-multi-encrypted;protocol="application/HTTP-CredSSP-session-encrypted";boundary="Encrypted Boundary"'],
    ['Kerberos', 'multipart/encrypted;protocol="application/HTTP-Kerberos-session-encrypted";boundary="Encrypted Boundary"'],
  ])('%s is refused as unsupported-content-type', (_name, contentType) => {
    const { client, server } = pair();
    const { body } = encryptWinrmBody(client, soap(1));
    expect(codeOf(() => decryptWinrmBody(server, body, contentType))).toBe('unsupported-content-type');
  });

  test('bodies without the expected parts are refused as malformed-body', () => {
    const { client, server } = pair();
    const { body } = encryptWinrmBody(client, soap(1));
    const text = body.toString('latin1');
    const cases = [
      body.subarray(0, 60),
      body.subarray(0, body.length - 24),
      Buffer.from(text.replace('Length=', 'Size='), 'latin1'),
      Buffer.from(text.replace('application/octet-stream', 'text/plain'), 'latin1'),
      Buffer.concat([body, Buffer.from('trailing junk')]),
      Buffer.from('<s:Envelope/>'),
    ];
    for (const broken of cases) expect(codeOf(() => decryptWinrmBody(server, broken, CONTENT_TYPE))).toBe('malformed-body');
  });
});
