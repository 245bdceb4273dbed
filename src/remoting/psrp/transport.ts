/**
 * @module psrp/transport: the seam under the runspace pool. A transport carries PSRP fragments
 * for the pool and for each pipeline: over WS-Management (a shell on the PowerShell resource
 * URI) or over a process's standard streams (the out-of-process transport of `pwsh -s`).
 */

export interface PsrpTransport {
  /** Largest fragment blob one send may carry (MaxEnvelopeSize bounds it over WS-Man). */
  readonly maxFragmentBlob: number;
  /** Where this pool lives, for messages: a URL or `pwsh -s`. */
  readonly endpoint: string;
  /** Exchanges with the peer so far (requests answered, or packets acknowledged). */
  readonly roundTrips: number;
  /** True once the peer is known to be gone (process exited, shell deleted). */
  isBroken(): boolean;
  /** The server's SESSION_CAPABILITY arrived with this protocol version (a transport may size up). */
  negotiated?(serverProtocolVersion: string): void;
  /** Creates the pool on the server with its opening fragments (SESSION_CAPABILITY, INIT_RUNSPACEPOOL). */
  openPool(poolId: string, fragments: readonly Buffer[]): Promise<void>;
  /** Sends more fragments to the pool (SET_MAX_RUNSPACES, …). */
  sendPool(fragments: readonly Buffer[]): Promise<void>;
  /**
   * Waits for bytes for the pool (`pipelineId` undefined) or a pipeline; an empty list when a poll
   * ended with nothing. Rejects with PoolBrokenError once the peer is gone.
   */
  receive(pipelineId: string | undefined, signal?: AbortSignal): Promise<Buffer[]>;
  /** Starts a pipeline with its CREATE_PIPELINE fragments. */
  createPipeline(pipelineId: string, fragments: readonly Buffer[]): Promise<void>;
  /** Asks the server to stop a running pipeline. */
  stopPipeline(pipelineId: string): Promise<void>;
  /** Releases a finished pipeline's server-side resources. */
  closePipeline(pipelineId: string): Promise<void>;
  /** Closes the pool and the connection or process. */
  close(): Promise<void>;
}
