/**
 * @module kerberos/client-context: the initiator's side of the AP exchange ([RFC 4120] 3.2,
 * [RFC 4121] 4.1): an AP-REQ with mutual authentication required, a fresh subkey, a sequence
 * number and the channel binding; then the server's answer: an AP-REP whose encrypted part
 * must decrypt under the ticket's session key and echo our authenticator's time (proof that
 * the server holds the service's key), or a KRB-ERROR turned into a clear KerberosError.
 */
import { randomInt } from 'node:crypto';
import type { CachedCredential } from './ccache.js';
import { ChecksumType, GssFlags, KeyUsage, KrbErrorCode, TokenId } from './constants.js';
import { decrypt, encrypt, randomKey, type EncryptionKey } from './crypto.js';
import { fields, parse, readOctets } from './der.js';
import { KerberosError } from './errors.js';
import { frameToken, gssChecksum, unframeToken } from './gss-token.js';
import { decodeApRep, decodeEncApRepPart, decodeKrbError, encodeApReq, encodeAuthenticator, decodeTicket, type KrbError } from './messages.js';
import { principalText } from './principal.js';
import { createKerberosSession, type KerberosSession } from './wrap.js';

export interface KerberosClientContext {
  /** The AP-REQ, GSS-framed, for `Authorization: Negotiate <base64>`. */
  readonly token: Buffer;
  /** Checks the server's answer token and returns the message session; throws KerberosError. */
  accept(token: Buffer | undefined): KerberosSession;
}

export interface KerberosClientOptions {
  /** The service ticket for the node and its session key. */
  readonly credential: CachedCredential;
  /** [RFC 4121] 4.1.1.2: the MD5 of the channel bindings (TLS), or none. */
  readonly bindingHash?: Buffer;
  readonly now?: () => number;
}

const REQUESTED_FLAGS = GssFlags.MUTUAL | GssFlags.REPLAY | GssFlags.SEQUENCE | GssFlags.CONF | GssFlags.INTEG;

function formatSkew(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < 120) return `${s} s`;
  const m = Math.round(s / 60);
  return m < 120 ? `${m} min` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** A KRB-ERROR from the server, as an operator would want it told. */
export function krbErrorToError(e: KrbError, spn: string, now: number): KerberosError {
  switch (e.errorCode) {
    case KrbErrorCode.KRB_AP_ERR_SKEW: {
      const skew = now - e.stime;
      return new KerberosError(
        'clock-skew',
        `this machine's clock is ${formatSkew(skew)} ${skew > 0 ? 'ahead of' : 'behind'} the clock of ${spn}'s host, more than the realm allows (5 min by default): synchronise both with the domain's time source`,
        { skewSeconds: Math.round(skew / 1000), spn },
      );
    }
    case KrbErrorCode.KRB_AP_ERR_TKT_EXPIRED:
      return new KerberosError('ticket-expired', `the ticket for ${spn} has expired`, { spn });
    case KrbErrorCode.KRB_AP_ERR_NOT_US:
    case KrbErrorCode.KRB_AP_ERR_NOKEY:
    case KrbErrorCode.KRB_AP_ERR_BADKEYVER:
    case KrbErrorCode.KRB_AP_ERR_BAD_INTEGRITY:
    case KrbErrorCode.KRB_AP_ERR_MODIFIED:
      return new KerberosError(
        'ap-error',
        `the node could not decrypt the ticket for ${spn} (Kerberos error ${e.errorCode}): the SPN is registered on another account than the one the node's key belongs to, or the key changed; check with setspn -Q ${spn}`,
        { spn, errorCode: e.errorCode },
      );
    default:
      return new KerberosError('ap-error', `the node refused the ticket for ${spn} (Kerberos error ${e.errorCode}${e.text ? `: ${e.text}` : ''})`, { spn, errorCode: e.errorCode });
  }
}

/** A SPNEGO NegTokenResp ([RFC 4178] 4.2.2) carries the Kerberos token as its responseToken. */
function innerToken(token: Buffer): Buffer {
  if (token[0] !== 0xa1) return token;
  const response = fields(parse(parse(token).value)).get(2);
  if (!response) throw new KerberosError('mutual-auth-failed', 'the Negotiate answer carries no Kerberos token');
  return readOctets(response);
}

export function createKerberosClientContext(options: KerberosClientOptions): KerberosClientContext {
  const now = options.now ?? Date.now;
  const { credential } = options;
  const spn = principalText(credential.server);
  const sessionKey: EncryptionKey = credential.key;
  const subkey = randomKey(sessionKey.etype);
  const seqNumber = randomInt(0, 0x3fffffff);
  const time = now();
  const ctime = Math.floor(time / 1000) * 1000;
  const cusec = (time % 1000) * 1000 + randomInt(0, 1000);
  const authenticator = encodeAuthenticator({
    client: credential.client,
    checksum: { type: ChecksumType.GSSAPI, value: gssChecksum(options.bindingHash, REQUESTED_FLAGS) },
    ctime,
    cusec,
    subkey,
    seqNumber,
  });
  decodeTicket(credential.ticket); // refuses a cache entry that is not a ticket before anything is sent
  const apReq = encodeApReq(credential.ticket, { etype: sessionKey.etype, cipher: encrypt(sessionKey, KeyUsage.AP_REQ_AUTHENTICATOR, authenticator) }, true);

  const refuse = (why: string) =>
    new KerberosError('mutual-auth-failed', `the server did not prove it is ${spn} (${why}): refused, as it may be another machine answering for the node's name`, { spn });

  return {
    token: frameToken(TokenId.AP_REQ, apReq),
    accept(token) {
      if (!token) throw refuse('no AP-REP');
      let tokenId: number;
      let message: Buffer;
      try {
        ({ tokenId, message } = unframeToken(innerToken(token)));
      } catch (error) {
        if (error instanceof KerberosError && error.code === 'malformed') throw refuse('its answer is not a Kerberos token');
        throw error;
      }
      if (tokenId === TokenId.KRB_ERROR) throw krbErrorToError(decodeKrbError(message), spn, now());
      if (tokenId !== TokenId.AP_REP) throw refuse(`token id ${tokenId.toString(16)}`);
      let part;
      try {
        part = decodeEncApRepPart(decrypt(sessionKey, KeyUsage.AP_REP_ENCPART, decodeApRep(message).cipher));
      } catch (error) {
        if (error instanceof KerberosError) throw refuse('its AP-REP does not decrypt with the session key');
        throw error;
      }
      if (part.ctime !== ctime || part.cusec !== cusec) throw refuse('its AP-REP does not echo our authenticator');
      return createKerberosSession({
        role: 'initiator',
        key: part.subkey ?? subkey,
        acceptorSubkey: part.subkey !== undefined,
        sendSeq: seqNumber,
        receiveSeq: part.seqNumber ?? 0,
      });
    },
  };
}
