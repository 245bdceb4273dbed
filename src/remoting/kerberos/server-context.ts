/**
 * @module kerberos/server-context: the acceptor's side of the AP exchange, as a Windows node does
 * it with its keytab: decrypt the ticket with the service's key, the authenticator with the
 * ticket's session key, check the clocks, the ticket's times and the channel binding, and answer
 * with an AP-REP (a fresh acceptor subkey and sequence number) or a KRB-ERROR token.
 */
import { randomInt } from 'node:crypto';
import { ChecksumType, DEFAULT_MAX_SKEW_MS, KeyUsage, KrbErrorCode, TokenId } from './constants.js';
import { decrypt, encrypt, randomKey } from './crypto.js';
import { KerberosError } from './errors.js';
import { frameToken, readGssChecksum, unframeToken } from './gss-token.js';
import type { KeytabEntry } from './keytab.js';
import { decodeApReq, decodeAuthenticator, decodeEncTicketPart, encodeApRep, encodeEncApRepPart, encodeKrbError, type Authenticator, type EncTicketPart } from './messages.js';
import { principalText, samePrincipal, type Principal } from './principal.js';
import { createKerberosSession, type KerberosSession } from './wrap.js';

export interface KerberosServerOptions {
  readonly keytab: readonly KeytabEntry[];
  readonly now?: () => number;
  readonly maxSkewMs?: number;
  /** Over TLS: the channel binding hash of this listener's certificate, and how strictly to require it. */
  readonly channelBinding?: { readonly expected: Buffer; readonly hardening: 'relaxed' | 'strict' };
}

export type KerberosAcceptResult =
  | { readonly kind: 'accepted'; readonly client: string; readonly reply: Buffer; readonly session: KerberosSession }
  | { readonly kind: 'refused'; readonly errorCode: number; readonly reply: Buffer };

class ApRefusal extends Error {
  constructor(readonly errorCode: number) {
    super(`AP-REQ refused (${errorCode})`);
  }
}

function checkBinding(a: Authenticator, policy: KerberosServerOptions['channelBinding']): void {
  if (!policy) return;
  if (a.checksum?.type !== ChecksumType.GSSAPI) throw new ApRefusal(KrbErrorCode.KRB_AP_ERR_MODIFIED);
  const { bindingHash } = readGssChecksum(a.checksum.value);
  const absent = bindingHash.every((b) => b === 0);
  if (absent ? policy.hardening === 'strict' : !bindingHash.equals(policy.expected)) throw new ApRefusal(KrbErrorCode.KRB_AP_ERR_MODIFIED);
}

export function createKerberosServerContext(options: KerberosServerOptions) {
  const now = options.now ?? Date.now;
  const maxSkew = options.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;

  function serviceKey(server: Principal, etype: number, kvno: number | undefined) {
    const named = options.keytab.filter((e) => samePrincipal(e.principal, server));
    if (named.length === 0) throw new ApRefusal(KrbErrorCode.KRB_AP_ERR_NOT_US);
    const key = named.find((e) => e.key.etype === etype && (kvno === undefined || e.kvno === kvno)) ?? named.find((e) => e.key.etype === etype);
    if (!key) throw new ApRefusal(KrbErrorCode.KRB_AP_ERR_NOKEY);
    return key.key;
  }

  function open(token: Buffer): { ticket: EncTicketPart; authenticator: Authenticator } {
    const { tokenId, message } = unframeToken(token);
    if (tokenId !== TokenId.AP_REQ) throw new ApRefusal(KrbErrorCode.KRB_AP_ERR_MSG_TYPE);
    const req = decodeApReq(message);
    const key = serviceKey(req.ticket.server, req.ticket.encPart.etype, req.ticket.encPart.kvno);
    const ticket = decodeEncTicketPart(decrypt(key, KeyUsage.TICKET, req.ticket.encPart.cipher));
    const authenticator = decodeAuthenticator(decrypt(ticket.key, KeyUsage.AP_REQ_AUTHENTICATOR, req.authenticator.cipher));
    if (!samePrincipal(authenticator.client, ticket.client)) throw new ApRefusal(KrbErrorCode.KRB_AP_ERR_BADMATCH);
    const t = now();
    if (Math.abs(authenticator.ctime - t) > maxSkew) throw new ApRefusal(KrbErrorCode.KRB_AP_ERR_SKEW);
    if (ticket.startTime - maxSkew > t) throw new ApRefusal(KrbErrorCode.KRB_AP_ERR_TKT_NYV);
    if (ticket.endTime + maxSkew < t) throw new ApRefusal(KrbErrorCode.KRB_AP_ERR_TKT_EXPIRED);
    checkBinding(authenticator, options.channelBinding);
    return { ticket, authenticator };
  }

  return {
    /** Accepts a GSS-framed AP-REQ; the reply goes back in `WWW-Authenticate: Negotiate <base64>`. */
    accept(token: Buffer, server: Principal): KerberosAcceptResult {
      try {
        const { ticket, authenticator } = open(token);
        const subkey = randomKey((authenticator.subkey ?? ticket.key).etype);
        const seqNumber = randomInt(0, 0x3fffffff);
        const part = encodeEncApRepPart({ ctime: authenticator.ctime, cusec: authenticator.cusec, subkey, seqNumber });
        const reply = frameToken(TokenId.AP_REP, encodeApRep({ etype: ticket.key.etype, cipher: encrypt(ticket.key, KeyUsage.AP_REP_ENCPART, part) }));
        const session = createKerberosSession({ role: 'acceptor', key: subkey, acceptorSubkey: true, sendSeq: seqNumber, receiveSeq: authenticator.seqNumber ?? 0 });
        return { kind: 'accepted', client: principalText(ticket.client), reply, session };
      } catch (error) {
        let errorCode: number;
        if (error instanceof ApRefusal) errorCode = error.errorCode;
        else if (error instanceof KerberosError) errorCode = error.code === 'integrity' ? KrbErrorCode.KRB_AP_ERR_BAD_INTEGRITY : KrbErrorCode.KRB_ERR_GENERIC;
        else throw error;
        const reply = frameToken(TokenId.KRB_ERROR, encodeKrbError({ errorCode, stime: now(), realm: server.realm, server }));
        return { kind: 'refused', errorCode, reply };
      }
    },
  };
}

export type KerberosServerContext = ReturnType<typeof createKerberosServerContext>;
