/** @module cluster/remote: the Cluster port over PowerShell remoting (RemoteCluster) and how it reads scripts' output. */
export { createRemoteCluster, DEFAULT_LIVE_MIGRATION_LIMIT, type RemoteClusterOptions, type RemoteClusterLogger } from './remote-cluster.js';
export { DEFAULT_VALIDATION_TIMEOUT_MS } from './admin-operations.js';
export { clusterErrorFromPowerShell, toClusterError, type ErrorContext } from './error-mapping.js';
export { checkName, type NameKind } from './names.js';
export { parseScriptOutput, parsePsDate, psArray, psEnum } from './ps-json.js';
export { scriptSchemas, type ParsedOutputs, type WatchSnapshot, type MigrationJob } from './schemas.js';
export { WindowsErrorCodes, formatHResult, type WindowsCode } from './windows-codes.js';
export * as enumTables from './enum-tables.js';
export { createWinrsOperationRunner, type ClusterOperationRunner, type OperationResult, type OperationRunOptions } from './operation-runner.js';
export { createPsrpOperationRunner, type PsrpOperationOptions } from './psrp-operations.js';
