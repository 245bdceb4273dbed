/**
 * @module test helper: the authentication side of a fake WinRM server: Basic, or NTLM under
 * `Negotiate` bound to the TCP connection, with WinRM message encryption over plain HTTP.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { createNtlmServerContext, decryptWinrmBody, encryptWinrmBody, type NtlmSession } from '../../../../src/remoting/ntlm/index.js';

export type GateAuth =
  | { scheme: 'none' }
  | { scheme: 'basic'; username: string; password: string; offered?: string[] }
  | { scheme: 'ntlm'; username: string; password: string; offered?: string[] };

export interface GateStats {
  handshakes: number;
  /** Content-Type of every SOAP request that reached the shell (after authentication). */
  contentTypes: string[];
  /** Raw request bodies as they came over the wire. */
  wireBodies: Buffer[];
}

/** Answers a plaintext SOAP request with [status, SOAP text]. */
export type SoapHandler = (soap: string) => Promise<[number, string]>;

const SOAP_TYPE = 'application/soap+xml;charset=UTF-8';

/** `overTls`: the server is HTTPS, where NTLM bodies travel unsealed (TLS protects them). */
export function createAuthGate(auth: GateAuth, handler: SoapHandler, closeConnections: () => boolean, overTls = false) {
  const stats: GateStats = { handshakes: 0, contentTypes: [], wireBodies: [] };
  const pending = new WeakMap<Socket, ReturnType<typeof createNtlmServerContext>>();
  const sessions = new WeakMap<Socket, NtlmSession>();

  const defaults = auth.scheme === 'basic' ? ['Basic realm="WSMAN"', 'Negotiate'] : ['Negotiate', 'Kerberos'];
  const challengeHeaders = (extra?: string) => ({
    'WWW-Authenticate': extra ? [extra] : (auth.scheme !== 'none' && auth.offered) || defaults,
  });

  async function answer(res: ServerResponse, soap: string, contentType: string, session?: NtlmSession) {
    stats.contentTypes.push(contentType);
    const [status, reply] = await handler(soap);
    const headers: Record<string, string> = closeConnections() ? { Connection: 'close' } : {};
    if (!session) return void res.writeHead(status, { ...headers, 'Content-Type': SOAP_TYPE }).end(reply);
    const sealed = encryptWinrmBody(session, Buffer.from(reply, 'utf8'));
    res.writeHead(status, { ...headers, 'Content-Type': sealed.contentType }).end(sealed.body);
  }

  async function ntlm(req: IncomingMessage, body: Buffer, res: ServerResponse, user: string, password: string) {
    const socket = req.socket;
    const header = req.headers.authorization ?? '';
    const token = /^Negotiate (.+)$/i.exec(header)?.[1];
    const contentType = req.headers['content-type'] ?? '';
    if (token) {
      const raw = Buffer.from(token, 'base64');
      if (raw.readUInt32LE(8) === 1) {
        const context = createNtlmServerContext({ targetName: 'NODE1', lookupPassword: (u) => (u.toLowerCase() === user ? password : undefined) });
        pending.set(socket, context);
        const challenge = context.challenge(raw).toString('base64');
        return void res.writeHead(401, challengeHeaders(`Negotiate ${challenge}`)).end();
      }
      const context = pending.get(socket);
      pending.delete(socket);
      let session: NtlmSession;
      try {
        if (!context) throw new Error('AUTHENTICATE without CHALLENGE on this connection');
        session = context.accept(raw).session;
      } catch {
        return void res.writeHead(401, challengeHeaders()).end();
      }
      sessions.set(socket, session);
      stats.handshakes++;
    }
    const session = sessions.get(socket);
    if (!session) return void res.writeHead(401, challengeHeaders()).end();
    if (overTls) return answer(res, body.toString('utf8'), contentType);
    if (!contentType.startsWith('multipart/encrypted')) return void res.writeHead(400).end();
    const soap = decryptWinrmBody(session, body, contentType).toString('utf8');
    await answer(res, soap, contentType, session);
  }

  return {
    stats,
    async handle(req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<void> {
      stats.wireBodies.push(body);
      switch (auth.scheme) {
        case 'none':
          return answer(res, body.toString('utf8'), req.headers['content-type'] ?? '');
        case 'basic': {
          const expected = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
          if (req.headers.authorization !== expected) {
            return void res.writeHead(401, challengeHeaders()).end();
          }
          return answer(res, body.toString('utf8'), req.headers['content-type'] ?? '');
        }
        case 'ntlm':
          return ntlm(req, body, res, auth.username.toLowerCase(), auth.password);
      }
    },
  };
}
