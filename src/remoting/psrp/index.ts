/** @module remoting/psrp: the PowerShell Remoting Protocol client over WS-Management or a process. */
export * from './errors.js';
export { createPsrpClient, type PsrpClient, type PsrpClientOptions } from './client.js';
export type { PsCommand } from './messages.js';
export type { PipelineOptions, PipelineResult } from './pipeline.js';
export type { PsErrorRecord, InformationRecord, ProgressRecord } from './records.js';
export type { PsrpTransport } from './transport.js';
export { createOutOfProcessTransport, type OutOfProcessOptions, type OutOfProcessPsrpTransport } from './out-of-process-transport.js';
export { createWsmanPsrpTransport, powerShellResourceUri, type WsmanPsrpOptions } from './wsman-transport.js';
export { PsObject, PsEnum, PsInteger, psCustomObject, psEnum, toPlain, type PsValue } from './clixml/value.js';
export { serialize } from './clixml/serialize.js';
export { deserialize, deserializeDocument, DefaultClixmlLimits, type ClixmlLimits } from './clixml/deserialize.js';
