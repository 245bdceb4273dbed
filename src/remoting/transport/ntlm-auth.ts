/**
 * @module transport/ntlm-auth: NTLM under the `Negotiate` scheme, bound to one TCP connection.
 * Handshake: `Authorization: Negotiate <NEGOTIATE>` with an empty body → 401 with
 * `WWW-Authenticate: Negotiate <CHALLENGE>` → `Authorization: Negotiate <AUTHENTICATE>` with the
 * first (encrypted) message. Later messages on the same socket carry no Authorization. Over
 * plain HTTP bodies are sealed with WinRM message encryption ([MS-WSMV] 2.2.9.1), and a reply
 * that is not sealed is refused unread; a new socket means a new handshake.
 */
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { AuthenticationError, WsmanProtocolError, type AuthenticationFailure } from '../errors.js';
import { channelBindingHash, createNtlmClientContext, decryptWinrmBody, encryptWinrmBody, NtlmError, type NtlmSession } from '../ntlm/index.js';
import type { HttpConnection, HttpResponse, PendingRequest } from './http-connection.js';
import type { RemotingLogger } from './logger.js';
import { SoapContentType, type AuthStrategy, type SendOptions } from './types.js';
import { parseChallenges } from './www-authenticate.js';

export interface NtlmAuthCredentials {
  /** `user`, `DOMAIN\user` or `user@domain`. */
  readonly username: string;
  readonly password: string;
  readonly domain?: string;
  readonly workstation?: string;
}

export interface NtlmAuthOptions {
  readonly credentials: NtlmAuthCredentials;
  /** Seal bodies (plain HTTP); over HTTPS TLS protects them and they go as they are. */
  readonly encrypt: boolean;
  readonly logger: RemotingLogger;
}

interface Established {
  readonly socket: Socket;
  readonly session: NtlmSession;
}

/** Handshakes tried per exchange before giving up (the server may close a socket mid-way). */
const MAX_HANDSHAKES = 2;

export function createNtlmAuth(options: NtlmAuthOptions): AuthStrategy {
  const { credentials, encrypt, logger } = options;
  let established: Established | undefined;

  const fail = (failure: AuthenticationFailure, url: URL, response?: HttpResponse) => {
    const offered = [...new Set(parseChallenges(response?.headers['www-authenticate']).map((c) => c.scheme))];
    return new AuthenticationError(failure, 'ntlm', credentials.username, url.href, offered);
  };

  async function sendMessage(pending: PendingRequest, session: NtlmSession, soap: Buffer, token?: Buffer) {
    const sealed = encrypt ? encryptWinrmBody(session, soap) : { body: soap, contentType: SoapContentType };
    const headers: Record<string, string> = { 'Content-Type': sealed.contentType };
    if (token) headers.Authorization = `Negotiate ${token.toString('base64')}`;
    const response = await pending.send(headers, sealed.body);
    const contentType = response.headers['content-type']?.[0] ?? '';
    if (!encrypt) return response;
    if (!contentType.toLowerCase().startsWith('multipart/encrypted')) {
      // A sealed session answers sealed, faults included: plaintext is not from the server we
      // authenticated. Only a 401 (the session is gone, no body to trust) passes.
      if (response.status === 401 || response.body.length === 0) return { ...response, body: Buffer.alloc(0) };
      established = undefined;
      throw new WsmanProtocolError('an unsealed response arrived on a sealed NTLM session', 'unsealed');
    }
    try {
      const body = decryptWinrmBody(session, response.body, contentType);
      // The sealed body is SOAP; its OriginalContent type replaces the multipart one (faults come sealed too).
      return { ...response, headers: { ...response.headers, 'content-type': [SoapContentType] }, body };
    } catch (error) {
      established = undefined;
      if (error instanceof NtlmError) throw new WsmanProtocolError(`an encrypted response did not verify (${error.code})`);
      throw error;
    }
  }

  /** [MS-NLMP] 2.2.2.1 / RFC 5929: over TLS, bind the logon to the certificate this socket was shown. */
  function channelBindings(socket: Socket): Buffer | undefined {
    if (!(socket instanceof TLSSocket)) return undefined;
    const certificate = socket.getPeerCertificate().raw;
    return certificate ? channelBindingHash(certificate) : undefined;
  }

  /** NEGOTIATE on `first` (a socket without a session), AUTHENTICATE + message on the same socket. */
  async function handshake(connection: HttpConnection, first: PendingRequest, soap: Buffer, options: SendOptions) {
    const context = createNtlmClientContext(credentials);
    const negotiate = `Negotiate ${context.negotiate().toString('base64')}`;
    const reply = await first.send({ Authorization: negotiate, 'Content-Type': SoapContentType }, Buffer.alloc(0));
    const challenge = parseChallenges(reply.headers['www-authenticate']).find(
      (c) => c.scheme.toLowerCase() === 'negotiate' && c.token,
    );
    if (reply.status !== 401) throw fail('handshake-failed', connection.url, reply);
    if (!challenge?.token) throw fail('scheme-not-offered', connection.url, reply);
    let token: Buffer;
    try {
      token = context.authenticate(Buffer.from(challenge.token, 'base64'), channelBindings(first.socket));
    } catch (error) {
      if (error instanceof NtlmError) throw fail('handshake-failed', connection.url, reply);
      throw error;
    }
    const second = await connection.open(options);
    if (second.socket !== first.socket) {
      second.abandon();
      return undefined; // the server closed the socket between the two legs
    }
    const session = context.session();
    const response = await sendMessage(second, session, soap, token);
    if (response.status === 401) throw fail('wrong-credentials', connection.url, response);
    established = { socket: second.socket, session };
    logger.debug({ url: connection.url.href, encrypt }, 'NTLM session established');
    return response;
  }

  return {
    scheme: 'ntlm',
    async exchange(connection: HttpConnection, soap: Buffer, options: SendOptions): Promise<HttpResponse> {
      for (let attempt = 0; attempt < MAX_HANDSHAKES; attempt++) {
        const pending = await connection.open(options);
        const current = established;
        if (current && pending.socket === current.socket && !pending.socket.destroyed) {
          const response = await sendMessage(pending, current.session, soap);
          if (response.status !== 401) return response;
          established = undefined; // the server forgot the session: authenticate again
          continue;
        }
        established = undefined;
        const response = await handshake(connection, pending, soap, options);
        if (response) return response;
      }
      throw fail('handshake-failed', connection.url);
    },
  };
}
