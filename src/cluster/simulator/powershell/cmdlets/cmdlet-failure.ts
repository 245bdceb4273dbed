/**
 * @module simulator/powershell/cmdlets/cmdlet-failure: a Windows error as a fake cmdlet raises it.
 * The PowerShell side (HyperVChatOpsSimulator.psm1) turns it into an ErrorRecord with this
 * FullyQualifiedErrorId and category, and an exception of the named type whose inner exception is
 * a Win32Exception (`win32`) or a COMException with the HRESULT, as Windows' cmdlets nest them.
 */
import { ClusterError, type ClusterErrorCode } from '../../../errors.js';

export type WindowsExceptionType = 'ClusterCmdletException' | 'VirtualizationException' | 'CimException' | 'ArgumentException' | 'Exception';

export interface CmdletFailureSpec {
  readonly message: string;
  /** Windows' FullyQualifiedErrorId, e.g. `InvalidParameter,Microsoft.HyperV.PowerShell.Commands.GetVM`. */
  readonly errorId: string;
  /** A System.Management.Automation.ErrorCategory name. */
  readonly category: string;
  readonly exception: WindowsExceptionType;
  readonly win32?: number;
  readonly hresult?: number;
  readonly target?: string | null;
  /** Non-terminating errors are written (Write-Error); terminating ones thrown. */
  readonly terminating: boolean;
}

export class CmdletFailure extends Error {
  override readonly name = 'CmdletFailure';
  constructor(readonly spec: CmdletFailureSpec) {
    super(spec.message);
  }
}

/** The Win32 code Windows' cluster service returns for each refusal the model makes (MS-ERREF 2.2, system-error-codes 5000-5999). */
const win32ForCode: Readonly<Partial<Record<ClusterErrorCode, number>>> = {
  'vm-not-found': 5013, // ERROR_GROUP_NOT_FOUND
  'node-not-found': 5042, // ERROR_CLUSTER_NODE_NOT_FOUND
  'volume-not-found': 5007, // ERROR_RESOURCE_NOT_FOUND
  'node-not-up': 5050, // ERROR_CLUSTER_NODE_DOWN
  'not-enough-memory': 14, // ERROR_OUTOFMEMORY
  'not-possible-owner': 5016, // ERROR_NODE_CANT_HOST_RESOURCE
  'wrong-state': 5023, // ERROR_INVALID_STATE
  busy: 5023,
  'no-migration-running': 5023,
  'already-there': 5023,
  'not-clustered': 5013,
  unreachable: 1722, // RPC_S_SERVER_UNAVAILABLE
};

/** Parses `0x8007000E` (a ClusterError's hresult detail). */
function hresultOf(error: ClusterError): number | undefined {
  const { hresult } = error.details;
  if (typeof hresult !== 'string' || !/^0x[0-9a-f]{8}$/i.test(hresult)) return undefined;
  return Number.parseInt(hresult.slice(2), 16) | 0;
}

/**
 * A model refusal as the failing cmdlet raises it. A FACILITY_WIN32 HRESULT travels as a
 * Win32Exception (the scripts read 0x8007 + its NativeErrorCode); any other as a COMException.
 */
export function cmdletFailureFrom(error: ClusterError, cmdlet: { errorId: string; exception: WindowsExceptionType; target?: string }): CmdletFailure {
  const hresult = hresultOf(error);
  const win32 = hresult !== undefined && (hresult >>> 16) === 0x8007 ? hresult & 0xffff : hresult === undefined ? win32ForCode[error.code] : undefined;
  return new CmdletFailure({
    message: error.message, errorId: cmdlet.errorId, category: 'NotSpecified', exception: cmdlet.exception,
    ...(win32 !== undefined ? { win32 } : hresult !== undefined ? { hresult } : {}),
    target: cmdlet.target ?? null, terminating: true,
  });
}

/** Runs a model call and raises its refusal as `cmdlet` would. */
export async function asCmdlet<T>(cmdlet: { errorId: string; exception: WindowsExceptionType; target?: string }, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ClusterError) throw cmdletFailureFrom(error, cmdlet);
    throw error;
  }
}
