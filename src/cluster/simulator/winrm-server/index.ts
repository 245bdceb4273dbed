/**
 * @module winrm-server: the simulator's WinRM server: real WS-Management (WinRS cmd shells) over
 * HTTP(S) with Basic or NTLM and message encryption, running each command through a CommandHost.
 */
export { createWinrmServer, type WinrmServer, type WinrmServerOptions, type WinrmServerStats } from './server.js';
export type { ServerAuthOptions, ServerCredentials } from './http-auth.js';
export { ServerDefaults, ServerFault, type ServerFaultName } from './constants.js';
export { WinrsFault } from './faults.js';
export type { PsrpSessions } from './psrp-service.js';
