/**
 * @module ntlm/channel-bindings: the MsvAvChannelBindings value for NTLM over TLS. [MS-NLMP]
 * 2.2.2.1: the MD5 hash of a gss_channel_bindings_struct ([RFC 2744] 3.11, [RFC 4121] 4.1.1.2:
 * four zero address fields, then the length-prefixed application data); the application data is
 * "tls-server-end-point:" and the hash of the server certificate ([RFC 5929] 4.1: the hash of the
 * certificate's signature algorithm, SHA-256 when that is MD5 or SHA-1).
 */
import { createHash } from 'node:crypto';
import { md5 } from './ntlmv2.js';
import { NtlmError } from './errors.js';

/** [RFC 5929] 4 the channel binding type's prefix of the application data. */
export const TLS_SERVER_END_POINT = 'tls-server-end-point:';

/** Certificate signature algorithms (OID → the hash it uses), per [RFC 5929] 4.1 after the MD5/SHA-1 upgrade. */
const SignatureHash = {
  '1.2.840.113549.1.1.4': 'sha256', // md5WithRSAEncryption → SHA-256
  '1.2.840.113549.1.1.5': 'sha256', // sha1WithRSAEncryption → SHA-256
  '1.2.840.10045.4.1': 'sha256', // ecdsa-with-SHA1 → SHA-256
  '1.2.840.10040.4.3': 'sha256', // dsa-with-sha1 → SHA-256
  '1.2.840.113549.1.1.11': 'sha256', // sha256WithRSAEncryption
  '1.2.840.113549.1.1.12': 'sha384', // sha384WithRSAEncryption
  '1.2.840.113549.1.1.13': 'sha512', // sha512WithRSAEncryption
  '1.2.840.113549.1.1.14': 'sha224', // sha224WithRSAEncryption
  '1.2.840.10045.4.3.1': 'sha224', // ecdsa-with-SHA224
  '1.2.840.10045.4.3.2': 'sha256', // ecdsa-with-SHA256
  '1.2.840.10045.4.3.3': 'sha384', // ecdsa-with-SHA384
  '1.2.840.10045.4.3.4': 'sha512', // ecdsa-with-SHA512
} as const satisfies Record<string, string>;

interface Der {
  readonly tag: number;
  readonly start: number;
  readonly end: number;
}

/** One DER element at `offset` (definite lengths only, as DER requires). */
function readDer(bytes: Buffer, offset: number): Der {
  const tag = bytes[offset];
  let length = bytes[offset + 1];
  if (tag === undefined || length === undefined) throw new NtlmError('malformed-message', 'the server certificate is not DER');
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count < 1 || count > 4) throw new NtlmError('malformed-message', 'the server certificate has an unsupported DER length');
    length = bytes.readUIntBE(start, count);
    start += count;
  }
  if (start + length > bytes.length) throw new NtlmError('malformed-message', 'the server certificate is truncated');
  return { tag, start, end: start + length };
}

function decodeOid(bytes: Buffer): string {
  const first = bytes[0] ?? 0;
  const parts = [Math.floor(first / 40), first % 40];
  let value = 0;
  for (const byte of bytes.subarray(1)) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

/** The OID of the certificate's signatureAlgorithm ([RFC 5280] 4.1: SEQUENCE { tbs, AlgorithmIdentifier, signature }). */
export function signatureAlgorithmOid(certificate: Buffer): string {
  const outer = readDer(certificate, 0);
  const tbs = readDer(certificate, outer.start);
  const algorithm = readDer(certificate, tbs.end);
  const oid = readDer(certificate, algorithm.start);
  if (outer.tag !== 0x30 || algorithm.tag !== 0x30 || oid.tag !== 0x06) throw new NtlmError('malformed-message', 'the server certificate is not an X.509 certificate');
  return decodeOid(certificate.subarray(oid.start, oid.end));
}

/** [RFC 5929] 4.1: the certificate's hash for tls-server-end-point (SHA-256 for unknown algorithms such as Ed25519 or RSASSA-PSS). */
export function tlsServerEndPoint(certificate: Buffer): Buffer {
  const oid = signatureAlgorithmOid(certificate);
  const hash = (SignatureHash as Record<string, string>)[oid] ?? 'sha256';
  return createHash(hash).update(certificate).digest();
}

/** The 16-byte MsvAvChannelBindings value for a TLS connection whose server presented `certificate` (DER). */
export function channelBindingHash(certificate: Buffer): Buffer {
  const applicationData = Buffer.concat([Buffer.from(TLS_SERVER_END_POINT, 'ascii'), tlsServerEndPoint(certificate)]);
  const struct = Buffer.alloc(20 + applicationData.length);
  // initiator_addrtype, initiator_address.length, acceptor_addrtype, acceptor_address.length: all zero.
  struct.writeUInt32LE(applicationData.length, 16);
  applicationData.copy(struct, 20);
  return md5(struct);
}

/** [MS-NLMP] 2.2.2.1: a client without channel bindings sends (or omits) sixteen zero bytes. */
export function isAbsentChannelBinding(value: Buffer | undefined): boolean {
  return value === undefined || value.every((byte) => byte === 0);
}
