/**
 * @module transport/types: the seam between WS-Management (what is sent) and HTTP (how it gets
 * there and who we are). An auth strategy owns the connection-bound part: headers, handshakes,
 * message encryption: Basic, NTLM, Kerberos, and Negotiate (Kerberos with an optional NTLM fallback).
 */
import type { HttpConnection, HttpResponse } from './http-connection.js';

export const SoapContentType = 'application/soap+xml;charset=UTF-8';

export interface SendOptions {
  /** HTTP read timeout for this exchange: above the request's OperationTimeout. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

/** A plaintext SOAP reply (decrypted if it came encrypted) and its HTTP status. */
export interface SoapReply {
  readonly status: number;
  readonly contentType: string;
  readonly body: Buffer;
}

export interface WsmanTransport {
  readonly url: string;
  /** Sends one SOAP envelope; rejects with AuthenticationError on 401, ConnectionError, TlsError, TimeoutError. */
  send(soap: Buffer, options: SendOptions): Promise<SoapReply>;
  /** Closes the connection; pending sends fail. */
  close(): void;
}

export interface AuthStrategy {
  /** The scheme that authenticates (for negotiate: the one in use, Kerberos or, after a fallback, NTLM). */
  readonly scheme: 'basic' | 'ntlm' | 'kerberos';
  /** One SOAP exchange on `connection`, authenticating first if the connection needs it. */
  exchange(connection: HttpConnection, soap: Buffer, options: SendOptions): Promise<HttpResponse>;
}
