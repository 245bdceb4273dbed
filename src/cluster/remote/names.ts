/**
 * @module cluster/remote/names: VM and node names are checked before any script is built. A name
 * PowerShell cannot take as a literal (control characters, line breaks, unpaired surrogates,
 * over the length limit) or an empty one cannot name a VM or a node, so it is refused as not
 * found, with the reason and without repeating the name.
 */
import { ClusterError, type ClusterErrorCode } from '../errors.js';
import {
  ControlCharacterError, formatCodePoint, LoneSurrogateError, quotePowerShellLiteral, QuotingError, ValueTooLongError,
} from '../../remoting/powershell/index.js';

export type NameKind = 'vm' | 'node' | 'volume' | 'checkpoint';

const what: Readonly<Record<NameKind, string>> = { vm: 'VM', node: 'node', volume: 'volume', checkpoint: 'checkpoint' };
const notFound: Readonly<Record<NameKind, ClusterErrorCode>> = {
  vm: 'vm-not-found', node: 'node-not-found', volume: 'volume-not-found', checkpoint: 'operation-failed',
};

function reason(error: QuotingError): string {
  if (error instanceof ControlCharacterError) {
    return `it contains the control character ${formatCodePoint(error.codePoint)} at position ${error.position}`;
  }
  if (error instanceof LoneSurrogateError) {
    return `it contains an unpaired surrogate ${formatCodePoint(error.codeUnit)} at position ${error.position}`;
  }
  if (error instanceof ValueTooLongError) return `it is ${error.length} characters long (at most ${error.limit})`;
  return error.message;
}

/** Throws ClusterError vm-not-found / node-not-found / volume-not-found when `name` cannot be a name. */
export function checkName(kind: NameKind, name: string): void {
  const code = notFound[kind];
  if (name.trim() === '') throw new ClusterError(code, `a ${what[kind]} name cannot be empty`, { reason: 'empty' });
  try {
    quotePowerShellLiteral(name);
  } catch (error) {
    if (!(error instanceof QuotingError)) throw error;
    throw new ClusterError(code, `no ${what[kind]} can have that name: ${reason(error)}`, { reason: error.code });
  }
}

/** Whether two node (or VM) names are the same name: Windows compares them without regard to case. */
export function sameNodeName(a: string, b: string): boolean {
  return a.toUpperCase() === b.toUpperCase();
}
