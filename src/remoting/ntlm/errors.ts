/** @module ntlm/errors: what goes wrong in NTLM authentication, session security and WinRM framing, as coded errors. */

export type NtlmErrorCode =
  /** A NEGOTIATE, CHALLENGE or AUTHENTICATE message that cannot be parsed. */
  | 'malformed-message'
  /** The peer did not agree to the flags this implementation insists on (sealing, 128-bit, …). */
  | 'unsupported-flags'
  /** A context method was called out of order (authenticate before negotiate, accept twice, …). */
  | 'wrong-state'
  /** session() was asked for before the handshake finished. */
  | 'not-authenticated'
  /** The server has no password for the user named in AUTHENTICATE. */
  | 'unknown-user'
  /** The NTLMv2 response does not match the password: wrong password (or user/domain spelling). */
  | 'bad-credentials'
  /** The MIC over the three handshake messages is missing or wrong: the messages were altered. */
  | 'bad-mic'
  /** MsvAvChannelBindings missing (where required) or for another TLS channel: a relayed or intercepted logon. */
  | 'bad-channel-binding'
  /** A sealed message whose signature does not verify: altered, or sealed with another key. */
  | 'bad-signature'
  /** A sealed message with the wrong sequence number: replayed, reordered or dropped. */
  | 'out-of-sequence'
  /** A multipart/encrypted WinRM body that does not have the expected layout. */
  | 'malformed-body'
  /** The decrypted WinRM body's length is not the Length its header announced. */
  | 'length-mismatch'
  /** A Content-Type that is not NTLM message encryption. */
  | 'unsupported-content-type';

/**
 * A failure in the NTLM layer. `message` is written for operators and never carries key
 * material, passwords or message contents; `details` holds small named facts (numbers, names).
 */
export class NtlmError extends Error {
  override readonly name = 'NtlmError';
  constructor(
    readonly code: NtlmErrorCode,
    message: string,
    readonly details: Readonly<Record<string, string | number>> = {},
  ) {
    super(message);
  }
}
