/**
 * @module ntlm/winrm-encryption: WinRM message encryption framing ([MS-WSMV] 2.2.9.1.1) for an
 * NTLM session: a SOAP body sealed into `multipart/encrypted` with the
 * `application/HTTP-SPNEGO-session-encrypted` protocol, byte for byte as pywinrm and Windows do.
 * NTLM never chunks (only CredSSP uses multipart/x-multi-encrypted), so one part pair per body.
 */
import { NtlmError } from './errors.js';
import type { SealedMessage } from './session.js';

/** [MS-WSMV] 2.2.9.1 Encrypted Message Types, Negotiate/SPNEGO variant. */
export const WinrmEncryption = {
  MEDIA_TYPE: 'multipart/encrypted',
  MULTI_MEDIA_TYPE: 'multipart/x-multi-encrypted',
  PROTOCOL: 'application/HTTP-SPNEGO-session-encrypted',
  BOUNDARY: 'Encrypted Boundary',
  ORIGINAL_TYPE: 'application/soap+xml;charset=UTF-8',
  PAYLOAD_TYPE: 'application/octet-stream',
} as const;

/** What the framing needs from a security session (NTLM today; a Kerberos session could fit later). */
export interface WinrmSealer {
  seal(plaintext: Buffer): SealedMessage;
  unseal(sealed: Buffer, signature: Buffer): Buffer;
}

export interface EncryptedWinrmBody {
  readonly body: Buffer;
  readonly contentType: string;
}

const CRLF = '\r\n';

/** Seals `soap` and frames it; the signature goes in front of the sealed bytes with its u32 LE length. */
export function encryptWinrmBody(session: WinrmSealer, soap: Buffer): EncryptedWinrmBody {
  const { signature, sealed } = session.seal(soap);
  const delimiter = `--${WinrmEncryption.BOUNDARY}`;
  const head =
    `${delimiter}${CRLF}` +
    `\tContent-Type: ${WinrmEncryption.PROTOCOL}${CRLF}` +
    `\tOriginalContent: type=${WinrmEncryption.ORIGINAL_TYPE};Length=${soap.length}${CRLF}` +
    `${delimiter}${CRLF}` +
    `\tContent-Type: ${WinrmEncryption.PAYLOAD_TYPE}${CRLF}`;
  const signatureLength = Buffer.alloc(4);
  signatureLength.writeUInt32LE(signature.length);
  return {
    body: Buffer.concat([
      Buffer.from(head, 'latin1'),
      signatureLength,
      signature,
      sealed,
      Buffer.from(`${delimiter}--${CRLF}`, 'latin1'),
    ]),
    contentType:
      `${WinrmEncryption.MEDIA_TYPE};protocol="${WinrmEncryption.PROTOCOL}";` + `boundary="${WinrmEncryption.BOUNDARY}"`,
  };
}

function bodyError(reason: string): NtlmError {
  return new NtlmError('malformed-body', `encrypted WinRM body is malformed: ${reason}`, { reason });
}

/** Media type and parameters of a Content-Type header value (names lowercased, quotes removed). */
function parseContentType(value: string): { mediaType: string; params: Map<string, string> } {
  const [mediaType = '', ...rest] = value.split(';');
  const params = new Map<string, string>();
  for (const part of rest) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    params.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1'));
  }
  return { mediaType: mediaType.trim().toLowerCase(), params };
}

/** The boundary of an NTLM-encrypted body, or an 'unsupported-content-type' error. */
function boundaryOf(contentType: string): string {
  const { mediaType, params } = parseContentType(contentType);
  const protocol = params.get('protocol') ?? '';
  if (mediaType !== WinrmEncryption.MEDIA_TYPE || protocol.toLowerCase() !== WinrmEncryption.PROTOCOL.toLowerCase()) {
    throw new NtlmError('unsupported-content-type', `not NTLM-encrypted WinRM content: ${mediaType} ${protocol}`.trim(), {
      mediaType,
      protocol,
    });
  }
  return params.get('boundary') ?? WinrmEncryption.BOUNDARY;
}

/** Splits the body into the announced Length, the signature and the sealed bytes. */
function splitBody(body: Buffer, boundary: string): { length: number; signature: Buffer; sealed: Buffer } {
  const delimiter = Buffer.from(`--${boundary}${CRLF}`, 'latin1');
  if (!body.subarray(0, delimiter.length).equals(delimiter)) throw bodyError('does not start with the boundary');
  const second = body.indexOf(delimiter, delimiter.length);
  if (second < 0) throw bodyError('second part is missing');
  const headers = body.subarray(delimiter.length, second).toString('latin1');
  if (!headers.toLowerCase().includes(WinrmEncryption.PROTOCOL.toLowerCase())) throw bodyError('first part is not session-encrypted');
  const length = /OriginalContent:[^\r\n]*;\s*Length=(\d+)\s*\r\n/i.exec(headers)?.[1];
  if (length === undefined) throw bodyError('OriginalContent has no Length');
  const partStart = second + delimiter.length;
  const lineEnd = body.indexOf(CRLF, partStart);
  const typeLine = lineEnd < 0 ? '' : body.subarray(partStart, lineEnd).toString('latin1');
  if (!/^\s*Content-Type:\s*application\/octet-stream\s*$/i.test(typeLine)) throw bodyError('second part is not octet-stream');
  const dataStart = lineEnd + CRLF.length;
  const end = body.lastIndexOf(Buffer.from(`--${boundary}`, 'latin1'));
  if (end < dataStart + 4) throw bodyError('closing boundary is missing');
  if (!['--\r\n', '\r\n', '--', ''].includes(body.subarray(end + boundary.length + 2).toString('latin1'))) {
    throw bodyError('data after the closing boundary');
  }
  const signatureLength = body.readUInt32LE(dataStart);
  if (dataStart + 4 + signatureLength > end) throw bodyError('signature runs past the payload');
  return {
    length: Number(length),
    signature: Buffer.from(body.subarray(dataStart + 4, dataStart + 4 + signatureLength)),
    sealed: Buffer.from(body.subarray(dataStart + 4 + signatureLength, end)),
  };
}

/** Verifies and unseals an encrypted WinRM body; its plaintext must be exactly the announced Length. */
export function decryptWinrmBody(session: WinrmSealer, body: Buffer, contentType: string): Buffer {
  const { length, signature, sealed } = splitBody(body, boundaryOf(contentType));
  const plaintext = session.unseal(sealed, signature);
  if (plaintext.length !== length) {
    throw new NtlmError('length-mismatch', `decrypted ${plaintext.length} bytes, header announced ${length}`, {
      expected: length,
      actual: plaintext.length,
    });
  }
  return plaintext;
}
