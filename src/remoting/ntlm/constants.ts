/** @module ntlm/constants: [MS-NLMP] protocol constants, named after the spec with their sections. */

/** [MS-NLMP] 2.2.1: every message starts with "NTLMSSP\0" and a 32-bit MessageType. */
export const NtlmSignature = Buffer.from('NTLMSSP\0', 'latin1');

/** [MS-NLMP] 2.2.1 MessageType. */
export const MessageType = {
  NEGOTIATE: 1,
  CHALLENGE: 2,
  AUTHENTICATE: 3,
} as const;

/** [MS-NLMP] 2.2.2.5 NEGOTIATE flags. */
export const NegotiateFlags = {
  UNICODE: 0x00000001,
  OEM: 0x00000002,
  REQUEST_TARGET: 0x00000004,
  SIGN: 0x00000010,
  SEAL: 0x00000020,
  DATAGRAM: 0x00000040,
  LM_KEY: 0x00000080,
  NTLM: 0x00000200,
  ANONYMOUS: 0x00000800,
  OEM_DOMAIN_SUPPLIED: 0x00001000,
  OEM_WORKSTATION_SUPPLIED: 0x00002000,
  ALWAYS_SIGN: 0x00008000,
  TARGET_TYPE_DOMAIN: 0x00010000,
  TARGET_TYPE_SERVER: 0x00020000,
  EXTENDED_SESSIONSECURITY: 0x00080000,
  IDENTIFY: 0x00100000,
  REQUEST_NON_NT_SESSION_KEY: 0x00400000,
  TARGET_INFO: 0x00800000,
  VERSION: 0x02000000,
  NEGOTIATE_128: 0x20000000,
  KEY_EXCH: 0x40000000,
  NEGOTIATE_56: 0x80000000,
} as const;

export type NegotiateFlagName = keyof typeof NegotiateFlags;

/** ORs flags into an unsigned 32-bit value (JavaScript's `|` yields a signed one). */
export function combineFlags(...flags: readonly number[]): number {
  return flags.reduce((acc, f) => (acc | f) >>> 0, 0);
}

export function hasFlag(flags: number, flag: number): boolean {
  return (flags & flag) !== 0;
}

/** Names of the flags of `required` that are missing from `flags`. */
export function missingFlags(flags: number, required: number): NegotiateFlagName[] {
  return (Object.keys(NegotiateFlags) as NegotiateFlagName[]).filter(
    (name) => hasFlag(required, NegotiateFlags[name]) && !hasFlag(flags, NegotiateFlags[name]),
  );
}

/** What this client asks for in NEGOTIATE: the set WinRM message encryption needs ([MS-NLMP] 3.1.5.1.1). */
export const CLIENT_NEGOTIATE_FLAGS = combineFlags(
  NegotiateFlags.UNICODE,
  NegotiateFlags.REQUEST_TARGET,
  NegotiateFlags.SIGN,
  NegotiateFlags.SEAL,
  NegotiateFlags.NTLM,
  NegotiateFlags.ALWAYS_SIGN,
  NegotiateFlags.EXTENDED_SESSIONSECURITY,
  NegotiateFlags.TARGET_INFO,
  NegotiateFlags.VERSION,
  NegotiateFlags.NEGOTIATE_128,
  NegotiateFlags.KEY_EXCH,
  NegotiateFlags.NEGOTIATE_56,
);

/**
 * What both contexts insist the other side grants: NTLMv2 session security with 128-bit RC4
 * sealing, signing and key exchange. Anything weaker is refused (fails closed), so the session
 * only implements the extended-session-security, 128-bit, key-exchange variant of [MS-NLMP] 3.4.
 */
export const REQUIRED_FLAGS = combineFlags(
  NegotiateFlags.UNICODE,
  NegotiateFlags.SIGN,
  NegotiateFlags.SEAL,
  NegotiateFlags.NTLM,
  NegotiateFlags.EXTENDED_SESSIONSECURITY,
  NegotiateFlags.NEGOTIATE_128,
  NegotiateFlags.KEY_EXCH,
);

/** [MS-NLMP] 2.2.2.1 AV_PAIR AvId. */
export const AvId = {
  MsvAvEOL: 0x0000,
  MsvAvNbComputerName: 0x0001,
  MsvAvNbDomainName: 0x0002,
  MsvAvDnsComputerName: 0x0003,
  MsvAvDnsDomainName: 0x0004,
  MsvAvDnsTreeName: 0x0005,
  MsvAvFlags: 0x0006,
  MsvAvTimestamp: 0x0007,
  MsvAvSingleHost: 0x0008,
  MsvAvTargetName: 0x0009,
  MsvAvChannelBindings: 0x000a,
} as const;

/** [MS-NLMP] 2.2.2.1 MsvAvFlags values. */
export const AvFlags = {
  ACCOUNT_AUTHENTICATION_CONSTRAINED: 0x00000001,
  MIC_PROVIDED: 0x00000002,
  UNTRUSTED_SPN_SOURCE: 0x00000004,
} as const;

/** [MS-NLMP] 2.2.2.10 VERSION: debugging only; we announce Windows 10.0 and NTLMSSP_REVISION_W2K3. */
export const NtlmVersion = {
  PRODUCT_MAJOR: 10,
  PRODUCT_MINOR: 0,
  PRODUCT_BUILD: 20348,
  NTLMSSP_REVISION_W2K3: 0x0f,
} as const;

/** [MS-NLMP] 3.4.5.2 SIGNKEY and 3.4.5.3 SEALKEY magic constants (the NUL is part of each). */
export const KeyMagic = {
  CLIENT_SIGNING: 'session key to client-to-server signing key magic constant\0',
  SERVER_SIGNING: 'session key to server-to-client signing key magic constant\0',
  CLIENT_SEALING: 'session key to client-to-server sealing key magic constant\0',
  SERVER_SEALING: 'session key to server-to-client sealing key magic constant\0',
} as const;

/** [MS-NLMP] 2.2.2.9.1 NTLMSSP_MESSAGE_SIGNATURE with extended session security. */
export const MessageSignature = {
  LENGTH: 16,
  VERSION: 0x00000001,
} as const;
