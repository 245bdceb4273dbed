/**
 * @module kerberos/messages: the AP exchange's messages ([RFC 4120] 5.3, 5.5, 5.9): Ticket,
 * EncTicketPart, Authenticator, AP-REQ, AP-REP, EncAPRepPart and KRB-ERROR, encoded and decoded.
 */
import {
  application, context, fields, flags32, integer, kerberosTime, octetString, parse, readInteger, readOctets, readString,
  readTime, required, sequence, generalString, type DerNode,
} from './der.js';
import { ApOptions, MessageType } from './constants.js';
import type { EncryptionKey } from './crypto.js';
import { malformed } from './errors.js';
import { decodePrincipalName, encodePrincipalName, type Principal } from './principal.js';

export interface EncryptedData {
  readonly etype: number;
  readonly kvno?: number;
  readonly cipher: Buffer;
}

export interface Checksum {
  readonly type: number;
  readonly value: Buffer;
}

export interface Authenticator {
  readonly client: Principal;
  readonly checksum?: Checksum;
  /** ctime in ms (whole seconds) plus cusec, microseconds. */
  readonly ctime: number;
  readonly cusec: number;
  readonly subkey?: EncryptionKey;
  readonly seqNumber?: number;
}

export interface TicketInfo {
  readonly server: Principal;
  readonly encPart: EncryptedData;
}

export interface EncTicketPart {
  readonly key: EncryptionKey;
  readonly client: Principal;
  readonly authTime: number;
  readonly startTime: number;
  readonly endTime: number;
}

export interface EncApRepPart {
  readonly ctime: number;
  readonly cusec: number;
  readonly subkey?: EncryptionKey;
  readonly seqNumber?: number;
}

export interface KrbError {
  readonly errorCode: number;
  /** The server's time, ms. */
  readonly stime: number;
  readonly realm: string;
  readonly server: Principal;
  readonly text?: string;
}

const app = (node: DerNode, n: number, what: string) => {
  if (node.tag !== (0x60 | n)) throw malformed(`${what}: tag 0x${node.tag.toString(16)}`);
  return parse(node.value);
};

export const encodeEncryptedData = (d: EncryptedData) =>
  sequence(context(0, integer(d.etype)), d.kvno !== undefined ? context(1, integer(d.kvno)) : undefined, context(2, octetString(d.cipher)));

export function decodeEncryptedData(node: DerNode): EncryptedData {
  const f = fields(node);
  const kvno = f.get(1);
  return { etype: readInteger(required(f, 0, 'etype')), ...(kvno ? { kvno: readInteger(kvno) } : {}), cipher: readOctets(required(f, 2, 'cipher')) };
}

const encodeKey = (k: EncryptionKey) => sequence(context(0, integer(k.etype)), context(1, octetString(k.value)));

function decodeKey(node: DerNode): EncryptionKey {
  const f = fields(node);
  return { etype: readInteger(required(f, 0, 'keytype')), value: readOctets(required(f, 1, 'keyvalue')) };
}

export function decodeTicket(der: Buffer): TicketInfo {
  const f = fields(app(parse(der), 1, 'Ticket'));
  const realm = readString(required(f, 1, 'realm'));
  return { server: decodePrincipalName(required(f, 2, 'sname'), realm), encPart: decodeEncryptedData(required(f, 3, 'enc-part')) };
}

export function decodeEncTicketPart(der: Buffer): EncTicketPart {
  const f = fields(app(parse(der), 3, 'EncTicketPart'));
  const authTime = readTime(required(f, 5, 'authtime'));
  const start = f.get(6);
  return {
    key: decodeKey(required(f, 1, 'key')),
    client: decodePrincipalName(required(f, 3, 'cname'), readString(required(f, 2, 'crealm'))),
    authTime,
    startTime: start ? readTime(start) : authTime,
    endTime: readTime(required(f, 7, 'endtime')),
  };
}

export function encodeAuthenticator(a: Authenticator): Buffer {
  return application(2, sequence(
    context(0, integer(5)),
    context(1, generalString(a.client.realm)),
    context(2, encodePrincipalName(a.client)),
    a.checksum ? context(3, sequence(context(0, integer(a.checksum.type)), context(1, octetString(a.checksum.value)))) : undefined,
    context(4, integer(a.cusec)),
    context(5, kerberosTime(a.ctime)),
    a.subkey ? context(6, encodeKey(a.subkey)) : undefined,
    a.seqNumber !== undefined ? context(7, integer(a.seqNumber)) : undefined,
  ));
}

export function decodeAuthenticator(der: Buffer): Authenticator {
  const f = fields(app(parse(der), 2, 'Authenticator'));
  const ck = f.get(3);
  const ckf = ck && fields(ck);
  const subkey = f.get(6);
  const seq = f.get(7);
  return {
    client: decodePrincipalName(required(f, 2, 'cname'), readString(required(f, 1, 'crealm'))),
    ...(ckf ? { checksum: { type: readInteger(required(ckf, 0, 'cksumtype')), value: readOctets(required(ckf, 1, 'checksum')) } } : {}),
    cusec: readInteger(required(f, 4, 'cusec')),
    ctime: readTime(required(f, 5, 'ctime')),
    ...(subkey ? { subkey: decodeKey(subkey) } : {}),
    ...(seq ? { seqNumber: readInteger(seq) >>> 0 } : {}),
  };
}

export function encodeApReq(ticket: Buffer, authenticator: EncryptedData, mutual: boolean): Buffer {
  return application(14, sequence(
    context(0, integer(5)),
    context(1, integer(MessageType.AP_REQ)),
    context(2, flags32(mutual ? ApOptions.MUTUAL_REQUIRED : 0)),
    context(3, ticket),
    context(4, encodeEncryptedData(authenticator)),
  ));
}

export interface ApReq {
  readonly mutualRequired: boolean;
  readonly ticket: TicketInfo;
  readonly authenticator: EncryptedData;
}

export function decodeApReq(der: Buffer): ApReq {
  const f = fields(app(parse(der), 14, 'AP-REQ'));
  if (readInteger(required(f, 1, 'msg-type')) !== MessageType.AP_REQ) throw malformed('AP-REQ msg-type');
  const options = required(f, 2, 'ap-options').value;
  return {
    mutualRequired: options.length >= 5 && ((options.readUInt32BE(1) & ApOptions.MUTUAL_REQUIRED) !== 0),
    ticket: decodeTicket(required(f, 3, 'ticket').raw),
    authenticator: decodeEncryptedData(required(f, 4, 'authenticator')),
  };
}

export const encodeApRep = (encPart: EncryptedData) =>
  application(15, sequence(context(0, integer(5)), context(1, integer(MessageType.AP_REP)), context(2, encodeEncryptedData(encPart))));

export function decodeApRep(der: Buffer): EncryptedData {
  const f = fields(app(parse(der), 15, 'AP-REP'));
  if (readInteger(required(f, 1, 'msg-type')) !== MessageType.AP_REP) throw malformed('AP-REP msg-type');
  return decodeEncryptedData(required(f, 2, 'enc-part'));
}

export function encodeEncApRepPart(p: EncApRepPart): Buffer {
  return application(27, sequence(
    context(0, kerberosTime(p.ctime)),
    context(1, integer(p.cusec)),
    p.subkey ? context(2, encodeKey(p.subkey)) : undefined,
    p.seqNumber !== undefined ? context(3, integer(p.seqNumber)) : undefined,
  ));
}

export function decodeEncApRepPart(der: Buffer): EncApRepPart {
  const f = fields(app(parse(der), 27, 'EncAPRepPart'));
  const subkey = f.get(2);
  const seq = f.get(3);
  return {
    ctime: readTime(required(f, 0, 'ctime')),
    cusec: readInteger(required(f, 1, 'cusec')),
    ...(subkey ? { subkey: decodeKey(subkey) } : {}),
    ...(seq ? { seqNumber: readInteger(seq) >>> 0 } : {}),
  };
}

export function encodeKrbError(e: KrbError): Buffer {
  const susec = 0;
  return application(30, sequence(
    context(0, integer(5)),
    context(1, integer(MessageType.KRB_ERROR)),
    context(4, kerberosTime(e.stime)),
    context(5, integer(susec)),
    context(6, integer(e.errorCode)),
    context(9, generalString(e.realm)),
    context(10, encodePrincipalName(e.server)),
    e.text ? context(11, generalString(e.text)) : undefined,
  ));
}

export function decodeKrbError(der: Buffer): KrbError {
  const f = fields(app(parse(der), 30, 'KRB-ERROR'));
  const realm = readString(required(f, 9, 'realm'));
  const text = f.get(11);
  return {
    errorCode: readInteger(required(f, 6, 'error-code')),
    stime: readTime(required(f, 4, 'stime')),
    realm,
    server: decodePrincipalName(required(f, 10, 'sname'), realm),
    ...(text ? { text: readString(text) } : {}),
  };
}
