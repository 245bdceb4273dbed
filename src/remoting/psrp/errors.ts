/**
 * @module psrp/errors: what goes wrong in the PowerShell Remoting Protocol layer, as coded classes
 * with named readonly fields. Branch on `code`, never on `message`.
 */
import { RemotingError } from '../errors.js';
import type { PsErrorRecord } from './records.js';

export type PsrpErrorCode =
  | 'fragment-too-large'
  | 'fragment-out-of-order'
  | 'message-too-large'
  | 'malformed-message'
  | 'clixml-too-deep'
  | 'clixml-too-large'
  | 'clixml-malformed'
  | 'unserializable'
  | 'pool-broken'
  | 'pool-closed'
  | 'pipeline-failed'
  | 'pipeline-stopped'
  | 'pipeline-timeout'
  | 'transport';

export abstract class PsrpError extends RemotingError {
  readonly kind = 'protocol' as const;
  abstract readonly code: PsrpErrorCode;
}

/** A fragment whose blob is larger than this client accepts ([MS-PSRP] 2.2.4). */
export class FragmentTooLargeError extends PsrpError {
  readonly code = 'fragment-too-large' as const;
  override readonly name = 'FragmentTooLargeError';
  constructor(
    readonly objectId: bigint,
    readonly length: number,
    readonly limit: number,
  ) {
    super(`PSRP fragment of object ${objectId} is ${length} bytes; the limit is ${limit}.`);
  }
}

/** A fragment that does not continue the object being reassembled. */
export class FragmentOutOfOrderError extends PsrpError {
  readonly code = 'fragment-out-of-order' as const;
  override readonly name = 'FragmentOutOfOrderError';
  constructor(
    readonly objectId: bigint,
    readonly fragmentId: bigint,
    readonly expected: string,
  ) {
    super(`PSRP fragment ${fragmentId} of object ${objectId} arrived out of order (expected ${expected}).`);
  }
}

export class MessageTooLargeError extends PsrpError {
  readonly code = 'message-too-large' as const;
  override readonly name = 'MessageTooLargeError';
  constructor(
    readonly objectId: bigint,
    readonly limit: number,
  ) {
    super(`PSRP message ${objectId} grew past ${limit} bytes; it was dropped.`);
  }
}

export class MalformedMessageError extends PsrpError {
  readonly code = 'malformed-message' as const;
  override readonly name = 'MalformedMessageError';
  constructor(readonly detail: string) {
    super(`PSRP message cannot be read: ${detail}.`);
  }
}

export type ClixmlLimit = 'depth' | 'size' | 'nodes';

/** A CLIXML document nested deeper, or larger, than this client reads (a CLIXML bomb). */
export class ClixmlLimitError extends PsrpError {
  readonly code: 'clixml-too-deep' | 'clixml-too-large';
  override readonly name = 'ClixmlLimitError';
  constructor(
    readonly limit: ClixmlLimit,
    readonly maximum: number,
  ) {
    super(`CLIXML refused: its ${limit} exceeds ${maximum}.`);
    this.code = limit === 'depth' ? 'clixml-too-deep' : 'clixml-too-large';
  }
}

export class ClixmlMalformedError extends PsrpError {
  readonly code = 'clixml-malformed' as const;
  override readonly name = 'ClixmlMalformedError';
  constructor(readonly detail: string) {
    super(`CLIXML cannot be read: ${detail}.`);
  }
}

/** A value this client cannot send as CLIXML (a function, a symbol, a cycle…). */
export class UnserializableValueError extends PsrpError {
  readonly code = 'unserializable' as const;
  override readonly name = 'UnserializableValueError';
  constructor(readonly valueType: string) {
    super(`Cannot send a value of type ${valueType} as a PowerShell object.`);
  }
}

/**
 * The runspace pool broke (server closed it, the process or connection died). `mayHaveRun`
 * says whether a command had already been sent: such a command is never sent again.
 */
export class PoolBrokenError extends PsrpError {
  readonly code = 'pool-broken' as const;
  override readonly name = 'PoolBrokenError';
  constructor(
    readonly reason: string,
    readonly mayHaveRun: boolean,
  ) {
    super(
      `The PowerShell runspace pool was closed by the server (${reason})` +
        (mayHaveRun ? '; the command may have run and was not sent again.' : '.'),
    );
  }
}

export class PoolClosedError extends PsrpError {
  readonly code = 'pool-closed' as const;
  override readonly name = 'PoolClosedError';
  constructor() {
    super('This PowerShell runspace pool was closed; no more commands can run on it.');
  }
}

/** The pipeline ended in Failed; `errorId` is the FullyQualifiedErrorId of its reason. */
export class PipelineFailedError extends PsrpError {
  readonly code = 'pipeline-failed' as const;
  override readonly name = 'PipelineFailedError';
  constructor(
    readonly command: string,
    readonly errorId: string | undefined,
    readonly reason: string,
    /** The whole error record the server gave as the reason, when it gave one. */
    readonly record?: PsErrorRecord,
    /** The error records the pipeline wrote before it failed (non-terminating errors), in order. */
    readonly earlier: readonly PsErrorRecord[] = [],
  ) {
    super(`PowerShell command ${command} failed: ${reason}${errorId ? ` (${errorId})` : ''}`);
  }
}

export class PipelineStoppedError extends PsrpError {
  readonly code = 'pipeline-stopped' as const;
  override readonly name = 'PipelineStoppedError';
  constructor(readonly command: string) {
    super(`PowerShell command ${command} was stopped.`);
  }
}

export class PipelineTimeoutError extends PsrpError {
  readonly code = 'pipeline-timeout' as const;
  override readonly name = 'PipelineTimeoutError';
  constructor(
    readonly command: string,
    readonly timeoutMs: number,
  ) {
    super(`PowerShell command ${command} did not finish within ${timeoutMs} ms; it was stopped.`);
  }
}

export class PsrpTransportError extends PsrpError {
  readonly code = 'transport' as const;
  override readonly name = 'PsrpTransportError';
  constructor(readonly detail: string) {
    super(`PSRP transport: ${detail}.`);
  }
}
