/**
 * @module cluster/remote/windows-codes: the Windows error codes people meet when moving VMs and
 * pausing nodes, as HRESULTs (0x80070000 + the Win32 code), with the ClusterError code each
 * means and plain words. Sources: Learn system-error-codes (1000–1299, 1300–1699, 5000–5999),
 * troubleshoot-live-migration-issues; research/hyperv-cluster-ops.md §3.1. The ones people hit
 * most also have an explanation with the fix in cluster/windows-errors.ts.
 */
import type { ClusterErrorCode } from '../errors.js';
import { asHResult } from '../windows-errors.js';

export interface WindowsCode {
  readonly symbol: string;
  readonly code: ClusterErrorCode;
  readonly words: string;
}

// [MS-ERREF] 2.1 HRESULT, 2.2 Win32 error codes (FACILITY_WIN32 = 7)
export const WindowsErrorCodes: Readonly<Record<number, WindowsCode>> = {
  0x8007000e: { symbol: 'E_OUTOFMEMORY', code: 'not-enough-memory', words: 'not enough memory' },
  0x800705aa: { symbol: 'ERROR_NO_SYSTEM_RESOURCES', code: 'not-enough-memory', words: 'insufficient system resources (memory) on the host' },
  0x800700aa: { symbol: 'ERROR_BUSY', code: 'busy', words: 'another migration was in progress' },
  0x800704c7: { symbol: 'ERROR_CANCELLED', code: 'migration-cancelled', words: 'the operation was cancelled' },
  0x80071395: { symbol: 'ERROR_GROUP_NOT_FOUND (5013)', code: 'vm-not-found', words: 'the cluster group could not be found' },
  0x80071398: { symbol: 'ERROR_HOST_NODE_NOT_GROUP_OWNER (5016)', code: 'not-possible-owner', words: 'the node is not a possible owner of the group' },
  0x800713ab: { symbol: 'Win32 5035', code: 'migration-failed', words: 'no cluster network is available for the migration' },
  0x8009030e: { symbol: 'SEC_E_NO_CREDENTIALS', code: 'migration-failed', words: 'no credentials are available in the security package' },
  0x8009030d: { symbol: 'SEC_E_UNKNOWN_CREDENTIALS', code: 'migration-failed', words: 'the credentials supplied to the package were not recognized' },
  0x800713b2: { symbol: 'ERROR_CLUSTER_NODE_NOT_FOUND (5042)', code: 'node-not-found', words: 'the cluster node was not found' },
  0x800713ba: { symbol: 'ERROR_CLUSTER_NODE_DOWN (5050)', code: 'node-not-up', words: 'the cluster node is down' },
  0x800713ce: { symbol: 'ERROR_CLUSTER_NODE_PAUSED (5070)', code: 'node-not-up', words: 'the cluster node is paused' },
  0x800713d0: { symbol: 'ERROR_CLUSTER_NODE_NOT_READY (5072)', code: 'node-not-up', words: 'the cluster node is not ready' },
  0x80072746: { symbol: 'WSAECONNRESET', code: 'migration-failed', words: 'the connection was closed by the other host' },
};

/** `0x8007000E` for 2147942414 (or for -2147024882, as a signed Int32 prints). */
export function formatHResult(value: number): string {
  return `0x${(value >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

const HRESULT_TEXT = /0x[0-9a-f]{8}\b/gi;

/** HRESULTs written in `texts` (`… (0x8007000E)`), in order, as unsigned numbers. */
export function hresultsIn(...texts: readonly (string | undefined)[]): number[] {
  return texts.flatMap((text) => [...(text ?? '').matchAll(HRESULT_TEXT)].map((match) => Number.parseInt(match[0], 16) >>> 0));
}

/** The first of `values` this table knows; a bare Win32 code (`0x000013AB`) counts as its HRESULT. */
export function knownWindowsCode(values: readonly number[]): (WindowsCode & { hresult: number }) | undefined {
  for (const value of values) {
    const hresult = asHResult(value);
    const known = WindowsErrorCodes[hresult];
    if (known) return { ...known, hresult };
  }
  return undefined;
}
