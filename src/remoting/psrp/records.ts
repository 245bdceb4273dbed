/**
 * @module psrp/records: what the server sends back, read from deserialized CLIXML: pool and
 * pipeline states ([MS-PSRP] 2.2.2.3, 2.2.2.21), error records (2.2.3.15), progress (2.2.2.25),
 * informational records (2.2.2.22-24) and information records (2.2.2.26).
 */
import type { ProgressRecord } from '../powershell/clixml.js';
import { PsEnum, PsObject, toPlain, type PsValue } from './clixml/value.js';

export type { ProgressRecord };

export interface PsErrorRecord {
  readonly message: string;
  readonly fullyQualifiedErrorId: string | undefined;
  readonly category: string | undefined;
  readonly reason: string | undefined;
  readonly targetName: string | undefined;
  /** The TargetObject, as plain data. */
  readonly targetObject: unknown;
  /** The .NET type of the exception, e.g. `System.Management.Automation.ParameterBindingException`. */
  readonly exceptionType: string | undefined;
}

export interface InformationRecord {
  readonly messageData: unknown;
  readonly source: string | undefined;
  readonly tags: readonly string[];
}

const str = (v: PsValue | undefined): string | undefined => (typeof v === 'string' ? v : v === null || v === undefined ? undefined : String(toPlain(v)));
const num = (v: PsValue | undefined, fallback: number): number => (typeof v === 'number' ? v : v instanceof PsEnum ? v.value : fallback);
const obj = (v: PsValue): PsObject | undefined => (v instanceof PsObject ? v : undefined);

/** ErrorCategory names by value ([MS-PSRP] 2.2.3.15 ErrorCategory_Category). */
const Categories = [
  'NotSpecified', 'OpenError', 'CloseError', 'DeviceError', 'DeadlockDetected', 'InvalidArgument', 'InvalidData',
  'InvalidOperation', 'InvalidResult', 'InvalidType', 'MetadataError', 'NotImplemented', 'NotInstalled',
  'ObjectNotFound', 'OperationStopped', 'OperationTimeout', 'SyntaxError', 'ParserError', 'PermissionDenied',
  'ResourceBusy', 'ResourceExists', 'ResourceUnavailable', 'ReadError', 'WriteError', 'FromStdErr',
  'SecurityError', 'ProtocolError', 'ConnectionError', 'AuthenticationError', 'LimitsExceeded', 'QuotaExceeded',
  'NotEnabled',
] as const;

export function readErrorRecord(value: PsValue): PsErrorRecord {
  const o = obj(value);
  const exception = o ? obj(o.get('Exception') ?? null) : undefined;
  const categoryValue = o?.get('ErrorCategory_Category');
  const message = str(o?.get('ErrorDetails_Message')) || o?.toStringValue || str(exception?.get('Message')) || '';
  return {
    message: message.replace(/\r?\n$/, ''),
    fullyQualifiedErrorId: str(o?.get('FullyQualifiedErrorId')),
    category: typeof categoryValue === 'number' ? Categories[categoryValue] : undefined,
    reason: str(o?.get('ErrorCategory_Reason')) || undefined,
    targetName: str(o?.get('ErrorCategory_TargetName')) || undefined,
    targetObject: toPlain(o?.get('TargetObject') ?? null),
    exceptionType: exception?.typeNames[0]?.replace(/^Deserialized\./, ''),
  };
}

/** RUNSPACEPOOL_STATE or PIPELINE_STATE: the state number and, when it failed, why. */
export function readState(value: PsValue, field: 'RunspaceState' | 'PipelineState'): { state: number; reason: PsErrorRecord | undefined } {
  const o = obj(value);
  const reason = o?.get('ExceptionAsErrorRecord');
  return { state: num(o?.get(field), -1), reason: reason ? readErrorRecord(reason) : undefined };
}

export function readProgress(value: PsValue): ProgressRecord {
  const o = obj(value);
  const type = o?.get('Type');
  const current = str(o?.get('CurrentOperation'));
  return {
    activity: str(o?.get('Activity')) ?? '',
    activityId: num(o?.get('ActivityId'), 0),
    statusDescription: str(o?.get('StatusDescription')) ?? '',
    ...(current ? { currentOperation: current } : {}),
    parentActivityId: num(o?.get('ParentActivityId'), -1),
    percentComplete: num(o?.get('PercentComplete'), -1),
    secondsRemaining: num(o?.get('SecondsRemaining'), -1),
    recordType: type instanceof PsEnum ? type.name : (str(type) ?? 'Processing'),
  };
}

/** WARNING_RECORD, VERBOSE_RECORD, DEBUG_RECORD: the message (or the string itself). */
export function readInformational(value: PsValue): string {
  if (typeof value === 'string') return value;
  const o = obj(value);
  return str(o?.get('InformationalRecord_Message')) ?? o?.toStringValue ?? '';
}

export function readInformation(value: PsValue): InformationRecord {
  const o = obj(value);
  const tags = o?.get('Tags');
  return {
    messageData: toPlain(o?.get('MessageData') ?? null),
    source: str(o?.get('Source')),
    tags: Array.isArray(toPlain(tags ?? null)) ? (toPlain(tags ?? null) as unknown[]).map(String) : [],
  };
}

/** SESSION_CAPABILITY's protocolversion ([MS-PSRP] 2.2.2.1). */
export function readProtocolVersion(value: PsValue): string {
  return str(obj(value)?.get('protocolversion')) ?? '';
}
