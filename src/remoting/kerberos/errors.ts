/** @module kerberos/errors: what goes wrong in Kerberos (tickets, the AP exchange, wrap tokens), as coded errors. */

export type KerberosErrorCode =
  /** A DER structure, ccache, keytab or GSS token that cannot be parsed. */
  | 'malformed'
  /** An encryption type other than AES (aes256/aes128-cts-hmac-sha1-96). */
  | 'unsupported-enctype'
  /** A ciphertext whose HMAC does not verify: wrong key, or altered. */
  | 'integrity'
  /** The KDC refused the password (or the keytab's key). */
  | 'wrong-password'
  /** The KDC does not know the user principal. */
  | 'unknown-user'
  /** The KDC does not know the service principal: no SPN registered for the node. */
  | 'spn-missing'
  /** No KDC answered for the realm. */
  | 'kdc-unreachable'
  /** The clocks differ by more than the realm allows. */
  | 'clock-skew'
  /** The ticket expired (and could not be renewed). */
  | 'ticket-expired'
  /** The keytab file is missing or has no key for the principal. */
  | 'keytab'
  /** The server's AP-REP did not prove it holds the node's key (mutual authentication failed). */
  | 'mutual-auth-failed'
  /** The server answered with a KRB-ERROR (not one of the cases above). */
  | 'ap-error'
  /** A wrap token with the wrong sequence number: replayed, reordered or dropped. */
  | 'out-of-sequence'
  /** kinit/kvno failed in a way not listed above. */
  | 'kdc-error';

/**
 * A failure in the Kerberos layer. `message` is written for operators and never carries keys,
 * passwords or message contents; `details` holds small named facts (principal names, seconds).
 */
export class KerberosError extends Error {
  override readonly name = 'KerberosError';
  constructor(
    readonly code: KerberosErrorCode,
    message: string,
    readonly details: Readonly<Record<string, string | number>> = {},
  ) {
    super(message);
  }
}

export const malformed = (what: string) => new KerberosError('malformed', `malformed Kerberos data: ${what}`, { what });
