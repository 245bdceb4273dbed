/** @module kerberos: Kerberos V5 for WinRM (AP exchange, AES wrap tokens) in TypeScript; the KDC exchanges by MIT's tools (public API). */
export { createKerberosClientContext } from './client-context.js';
export type { KerberosClientContext, KerberosClientOptions } from './client-context.js';
export { createKerberosServerContext } from './server-context.js';
export type { KerberosAcceptResult, KerberosServerContext, KerberosServerOptions } from './server-context.js';
export { createTicketSource } from './ticket-source.js';
export type { TicketInfo, TicketSource, TicketSourceOptions } from './ticket-source.js';
export { parseKeytab } from './keytab.js';
export type { KeytabEntry } from './keytab.js';
export { parseCredentialCache } from './ccache.js';
export type { CachedCredential } from './ccache.js';
export { isKerberosToken } from './gss-token.js';
export { parsePrincipal, principalText } from './principal.js';
export type { Principal } from './principal.js';
export type { KerberosSession } from './wrap.js';
export { KerberosError } from './errors.js';
export type { KerberosErrorCode } from './errors.js';
