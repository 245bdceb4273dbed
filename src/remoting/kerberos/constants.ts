/** @module kerberos/constants: Kerberos and GSS-API constants, as tables named after the specs with their sections. */

/** [RFC 3962] 7 / [RFC 3961] 8 encryption types. Only AES is implemented; RC4 and DES are refused. */
export const EncType = {
  AES128_CTS_HMAC_SHA1_96: 17,
  AES256_CTS_HMAC_SHA1_96: 18,
} as const;

/** [RFC 3962] 7 checksum types. */
export const ChecksumType = {
  HMAC_SHA1_96_AES128: 15,
  HMAC_SHA1_96_AES256: 16,
  /** [RFC 4121] 4.1.1 the GSS authenticator checksum. */
  GSSAPI: 0x8003,
} as const;

/** [RFC 4120] 7.5.1 and [RFC 4121] 2 key usage numbers. */
export const KeyUsage = {
  TICKET: 2,
  AP_REQ_AUTHENTICATOR: 11,
  AP_REP_ENCPART: 12,
  ACCEPTOR_SEAL: 22,
  ACCEPTOR_SIGN: 23,
  INITIATOR_SEAL: 24,
  INITIATOR_SIGN: 25,
} as const;

/** [RFC 4120] 7.5.7 message types. */
export const MessageType = {
  AP_REQ: 14,
  AP_REP: 15,
  KRB_ERROR: 30,
} as const;

/** [RFC 4120] 5.2.8 / 5.5.1 APOptions bits (bit 0 is the most significant). */
export const ApOptions = {
  USE_SESSION_KEY: 0x40000000,
  MUTUAL_REQUIRED: 0x20000000,
} as const;

/** [RFC 4120] 7.5.9 error codes the AP exchange answers with. */
export const KrbErrorCode = {
  KRB_AP_ERR_BAD_INTEGRITY: 31,
  KRB_AP_ERR_TKT_EXPIRED: 32,
  KRB_AP_ERR_TKT_NYV: 33,
  KRB_AP_ERR_REPEAT: 34,
  KRB_AP_ERR_NOT_US: 35,
  KRB_AP_ERR_BADMATCH: 36,
  KRB_AP_ERR_SKEW: 37,
  KRB_AP_ERR_MSG_TYPE: 40,
  KRB_AP_ERR_MODIFIED: 41,
  KRB_AP_ERR_BADKEYVER: 44,
  KRB_AP_ERR_NOKEY: 45,
  KRB_ERR_GENERIC: 60,
} as const;

/** [RFC 4120] 6.2 name types. */
export const NameType = {
  PRINCIPAL: 1,
  SRV_INST: 2,
  SRV_HST: 3,
} as const;

/** [RFC 1964] 1.1 / [RFC 4121] 4.1: the Kerberos V5 mechanism OID 1.2.840.113554.1.2.2, DER. */
export const KRB5_MECH_OID = Buffer.from('06092a864886f712010202', 'hex');

/** [RFC 4121] 4.1 TOK_ID of the context tokens, and 4.2.6.2 of the wrap token. */
export const TokenId = {
  AP_REQ: 0x0100,
  AP_REP: 0x0200,
  KRB_ERROR: 0x0300,
  WRAP: 0x0504,
} as const;

/** [RFC 4121] 4.1.1.1 context flags carried in the authenticator checksum. */
export const GssFlags = {
  DELEG: 1,
  MUTUAL: 2,
  REPLAY: 4,
  SEQUENCE: 8,
  CONF: 16,
  INTEG: 32,
} as const;

/** [RFC 4121] 4.2.2 wrap token Flags. */
export const WrapFlags = {
  SENT_BY_ACCEPTOR: 0x01,
  SEALED: 0x02,
  ACCEPTOR_SUBKEY: 0x04,
} as const;

/**
 * The right rotation count Windows uses in a sealed wrap token for AES ([MS-KILE] 3.4.5.4.1,
 * as MIT's gss_wrap_iov produces it without a trailer buffer): 16 bytes of the encrypted header
 * copy plus the 12-byte HMAC, so the 60-byte WinRM "signature" is the token header, those 28
 * bytes and the confounder.
 */
export const WINRM_RRC = 28;

/** The clock difference a realm allows by default ([RFC 4120] 1.7; Windows' "Maximum tolerance"), ms. */
export const DEFAULT_MAX_SKEW_MS = 5 * 60 * 1000;
