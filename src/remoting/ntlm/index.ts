/** @module ntlm: NTLMv2 with session security for WinRM over HTTP, in pure TypeScript (public API). */
export { createNtlmClientContext, splitUsername } from './client-context.js';
export type { NtlmClientContext, NtlmClientOptions, NtlmCredentials } from './client-context.js';
export { createNtlmServerContext } from './server-context.js';
export type { ChannelBindingPolicy, NtlmAcceptResult, NtlmServerContext, NtlmServerOptions } from './server-context.js';
export { channelBindingHash, tlsServerEndPoint } from './channel-bindings.js';
export { createNtlmSession } from './session.js';
export type { NtlmRole, NtlmSession, SealedMessage } from './session.js';
export { decryptWinrmBody, encryptWinrmBody, WinrmEncryption } from './winrm-encryption.js';
export type { EncryptedWinrmBody, WinrmSealer } from './winrm-encryption.js';
export { NtlmError } from './errors.js';
export type { NtlmErrorCode } from './errors.js';
export { NegotiateFlags, AvId, AvFlags } from './constants.js';
