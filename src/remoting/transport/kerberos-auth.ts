/**
 * @module transport/kerberos-auth: Kerberos under the `Negotiate` scheme, bound to one TCP
 * connection, as pywinrm and Windows' own client do it. Handshake: `Authorization: Negotiate
 * <AP-REQ>` with an empty body → 200 with `WWW-Authenticate: Negotiate <AP-REP>`, which must prove
 * the node holds its key (mutual authentication) before anything is sent. Over plain HTTP every
 * body is sealed with Kerberos wrap tokens in the same multipart/encrypted framing as NTLM
 * ([MS-WSMV] 2.2.9.1), and a reply that is not sealed is refused unread. Over HTTPS the AP-REQ
 * carries the channel binding to the node's certificate.
 */
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { KerberosAuthenticationError, WsmanProtocolError } from '../errors.js';
import { createKerberosClientContext, KerberosError, parsePrincipal, principalText, type KerberosSession, type TicketSource } from '../kerberos/index.js';
import { channelBindingHash, decryptWinrmBody, encryptWinrmBody, NtlmError } from '../ntlm/index.js';
import type { HttpConnection, HttpResponse, PendingRequest } from './http-connection.js';
import type { RemotingLogger } from './logger.js';
import { SoapContentType, type AuthStrategy, type SendOptions } from './types.js';
import { parseChallenges } from './www-authenticate.js';

export interface KerberosAuthOptions {
  readonly tickets: TicketSource;
  /** `HTTP/node1.example.com` (the realm is the bot's own unless written). */
  readonly spn: string;
  /** Seal bodies (plain HTTP); over HTTPS TLS protects them. */
  readonly encrypt: boolean;
  readonly logger: RemotingLogger;
  readonly now?: () => number;
}

interface Established {
  readonly socket: Socket;
  readonly session: KerberosSession;
}

const MAX_HANDSHAKES = 2;

/** [RFC 4121] 4.1.1.2: over TLS, the MD5 of the channel bindings to the certificate this socket was shown. */
function bindingHash(socket: Socket): Buffer | undefined {
  if (!(socket instanceof TLSSocket)) return undefined;
  const certificate = socket.getPeerCertificate().raw;
  return certificate ? channelBindingHash(certificate) : undefined;
}

const negotiateToken = (response: HttpResponse) => {
  const token = parseChallenges(response.headers['www-authenticate']).find((c) => /^(negotiate|kerberos)$/i.test(c.scheme) && c.token)?.token;
  return token ? Buffer.from(token, 'base64') : undefined;
};

export function createKerberosAuth(options: KerberosAuthOptions): AuthStrategy {
  const { tickets, encrypt, logger } = options;
  const spn = principalText(parsePrincipal(options.spn, tickets.principal.realm));
  let established: Established | undefined;

  const fail = (url: URL, error: KerberosError) => new KerberosAuthenticationError(error.code, spn, url.href, error.message);

  async function sendMessage(pending: PendingRequest, session: KerberosSession, soap: Buffer): Promise<HttpResponse> {
    const sealed = encrypt ? encryptWinrmBody(session, soap) : { body: soap, contentType: SoapContentType };
    const response = await pending.send({ 'Content-Type': sealed.contentType }, sealed.body);
    if (!encrypt) return response;
    const contentType = response.headers['content-type']?.[0] ?? '';
    if (!contentType.toLowerCase().startsWith('multipart/encrypted')) {
      if (response.status === 401 || response.body.length === 0) return { ...response, body: Buffer.alloc(0) };
      established = undefined;
      throw new WsmanProtocolError('an unsealed response arrived on a sealed Kerberos session', 'unsealed');
    }
    try {
      const body = decryptWinrmBody(session, response.body, contentType);
      return { ...response, headers: { ...response.headers, 'content-type': [SoapContentType] }, body };
    } catch (error) {
      established = undefined;
      if (error instanceof NtlmError || error instanceof KerberosError) throw new WsmanProtocolError(`an encrypted response did not verify (${error.code})`);
      throw error;
    }
  }

  /** The AP exchange on `first` (an empty POST), then the message on the same socket. */
  async function handshake(connection: HttpConnection, first: PendingRequest, soap: Buffer, options_: SendOptions) {
    let session: KerberosSession;
    let sent = false;
    try {
      const credential = await tickets.serviceTicket(spn);
      const binding = bindingHash(first.socket);
      const context = createKerberosClientContext({ credential, ...(binding ? { bindingHash: binding } : {}), ...(options.now ? { now: options.now } : {}) });
      sent = true;
      const reply = await first.send({ Authorization: `Negotiate ${context.token.toString('base64')}`, 'Content-Type': SoapContentType }, Buffer.alloc(0));
      const token = negotiateToken(reply);
      if (reply.status === 401 && !token) {
        const offered = [...new Set(parseChallenges(reply.headers['www-authenticate']).map((c) => c.scheme))];
        throw new KerberosError('ap-error', `the node refused the Kerberos ticket for ${spn} without saying why (it offers: ${offered.join(', ') || 'nothing'}); is Kerberos enabled on its WinRM service, and is the SPN on its account?`);
      }
      if (reply.status !== 200 && reply.status !== 401) throw new KerberosError('ap-error', `the node answered the Kerberos handshake with HTTP ${reply.status}`);
      session = context.accept(token);
    } catch (error) {
      if (!sent) first.abandon(); // nothing was written: free the connection's one socket
      if (!(error instanceof KerberosError)) throw error;
      if (error.code === 'ticket-expired') tickets.invalidate();
      throw fail(connection.url, error);
    }
    const second = await connection.open(options_);
    if (second.socket !== first.socket) {
      second.abandon();
      return undefined; // the server closed the socket between the two legs
    }
    const response = await sendMessage(second, session, soap);
    if (response.status === 401) throw fail(connection.url, new KerberosError('ap-error', 'the node forgot the Kerberos session at once'));
    established = { socket: second.socket, session };
    logger.debug({ url: connection.url.href, encrypt }, 'Kerberos session established');
    return response;
  }

  return {
    scheme: 'kerberos',
    async exchange(connection, soap, sendOptions) {
      for (let attempt = 0; attempt < MAX_HANDSHAKES; attempt++) {
        const pending = await connection.open(sendOptions);
        const current = established;
        if (current && pending.socket === current.socket && !pending.socket.destroyed) {
          const response = await sendMessage(pending, current.session, soap);
          if (response.status !== 401) return response;
          established = undefined;
          continue;
        }
        established = undefined;
        const response = await handshake(connection, pending, soap, sendOptions);
        if (response) return response;
      }
      throw fail(connection.url, new KerberosError('ap-error', 'the Kerberos handshake did not complete on one connection'));
    },
  };
}
