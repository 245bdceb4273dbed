/**
 * @module psrp/runspace-pool: a runspace pool over a PsrpTransport ([MS-PSRP] 3.1.4.1): sends
 * SESSION_CAPABILITY and INIT_RUNSPACEPOOL, reads until RUNSPACEPOOL_STATE Opened (or Broken),
 * and gives pipelines their message ids, fragments and decoded messages.
 */
import { randomUUID } from 'node:crypto';
import { deserialize, DefaultClixmlLimits, type ClixmlLimits } from './clixml/deserialize.js';
import type { PsValue } from './clixml/value.js';
import { EmptyGuid, MessageType, ProtocolVersion, RunspacePoolState, type MessageTypeName } from './constants.js';
import { PoolBrokenError } from './errors.js';
import { DefaultReassemblerLimits, fragmentMessage, Reassembler, type ReassemblerLimits } from './fragment.js';
import { decodeMessage, encodeMessage, toServer, type PsrpMessage } from './message.js';
import { initRunspacePool, sessionCapability } from './messages.js';
import { readProtocolVersion, readState } from './records.js';
import type { PsrpTransport } from './transport.js';

export interface RunspacePoolOptions {
  readonly minRunspaces?: number;
  readonly maxRunspaces?: number;
  /** `2.3` (PowerShell 5.1, Windows Server 2016-2025) by default; `2.2` for Windows Server 2008 R2. */
  readonly protocolVersion?: string;
  readonly clixmlLimits?: ClixmlLimits;
  readonly fragmentLimits?: ReassemblerLimits;
  /** How long opening may take. */
  readonly openTimeoutMs?: number;
}

export interface DecodedMessage {
  readonly type: number;
  readonly pipelineId: string;
  readonly value: PsValue;
}

export class RunspacePool {
  readonly id = randomUUID();
  readonly maxRunspaces: number;
  /** The server's PSVersionTable and other private data, as sent in APPLICATION_PRIVATE_DATA. */
  applicationPrivateData: PsValue = null;
  private objectId = 0n;
  private readonly reassemblers = new Map<string, Reassembler>();
  private closed = false;

  constructor(
    readonly transport: PsrpTransport,
    private readonly options: RunspacePoolOptions = {},
  ) {
    this.maxRunspaces = options.maxRunspaces ?? 1;
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /** Fragments of one message for the server, with this pool's next object id. */
  fragments(type: MessageTypeName, pipelineId: string, data: string): Buffer[] {
    this.objectId += 1n;
    const bytes = encodeMessage(toServer(type, this.id, pipelineId, data));
    return fragmentMessage(this.objectId, bytes, this.transport.maxFragmentBlob);
  }

  /** Reads what arrived for a stream (undefined: the pool's) as decoded messages. */
  async receive(pipelineId: string | undefined, signal?: AbortSignal): Promise<DecodedMessage[]> {
    const key = pipelineId ?? EmptyGuid;
    let reassembler = this.reassemblers.get(key);
    if (!reassembler) this.reassemblers.set(key, (reassembler = new Reassembler(this.options.fragmentLimits ?? DefaultReassemblerLimits)));
    const chunks = await this.transport.receive(pipelineId, signal);
    const messages: PsrpMessage[] = chunks.flatMap((c) => reassembler.push(c).map(decodeMessage));
    return messages.map((m) => ({ type: m.type, pipelineId: m.pipelineId, value: deserialize(m.data, this.options.clixmlLimits ?? DefaultClixmlLimits) }));
  }

  forget(pipelineId: string): void {
    this.reassemblers.delete(pipelineId);
  }

  async open(): Promise<void> {
    const opening = [
      ...this.fragments('SESSION_CAPABILITY', EmptyGuid, sessionCapability(this.options.protocolVersion ?? ProtocolVersion.current)),
      ...this.fragments('INIT_RUNSPACEPOOL', EmptyGuid, initRunspacePool(this.options.minRunspaces ?? 1, this.maxRunspaces)),
    ];
    await this.transport.openPool(this.id, opening);
    const deadline = Date.now() + (this.options.openTimeoutMs ?? 60000);
    for (;;) {
      if (Date.now() > deadline) throw new PoolBrokenError('it did not open in time', false);
      for (const m of await this.receive(undefined)) {
        if (m.type === MessageType.APPLICATION_PRIVATE_DATA) this.applicationPrivateData = m.value;
        if (m.type === MessageType.SESSION_CAPABILITY) this.transport.negotiated?.(readProtocolVersion(m.value));
        if (m.type !== MessageType.RUNSPACEPOOL_STATE) continue;
        const { state, reason } = readState(m.value, 'RunspaceState');
        if (state === RunspacePoolState.Opened) return;
        if (state === RunspacePoolState.Broken || state === RunspacePoolState.Closed) {
          throw new PoolBrokenError(reason?.message ?? `state ${state} while opening`, false);
        }
      }
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.transport.close();
  }
}
