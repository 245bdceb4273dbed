/**
 * @module store: the persistence port. The core keeps requests, jobs and sequence numbers
 * only here; lowdb and in-memory implementations live in src/store.
 */
import type { OperationRequest } from './requests.js';

/** The audit log's chain head: the hash of its last line and how many lines it has. */
export interface AuditHead {
  hash: string;
  count: number;
}

/**
 * Every method that writes either stores its change or throws StateNotSavedError (core/errors)
 * having changed nothing: a later write never carries a change that failed to store.
 */
export interface Store {
  /** The next request id: 1, 2, 3, … never reused. */
  nextRequestId(): Promise<number>;
  insert(request: OperationRequest): Promise<void>;
  get(id: number): Promise<OperationRequest | undefined>;
  list(): Promise<OperationRequest[]>;
  /**
   * Compare and set: applies `change` only if the stored request is in one of `from`.
   * Returns the stored result, or undefined when the state did not match (someone else won).
   * This is what makes a double click or a retried delivery run nothing twice.
   */
  transition(
    id: number,
    from: readonly OperationRequest['state'][],
    change: (request: OperationRequest) => OperationRequest,
  ): Promise<OperationRequest | undefined>;
  /** Updates a request whatever its state (progress bookkeeping). */
  update(id: number, change: (request: OperationRequest) => OperationRequest): Promise<OperationRequest | undefined>;
  /**
   * Remembers a delivery key (a Slack event_id, a Teams activity id) until `expiresAt`.
   * Returns true the first time, false for a repeat: the caller then does nothing.
   */
  rememberDelivery(key: string, expiresAt: number, now: number): Promise<boolean>;
  /**
   * Runs `task` while no other task of the same `scope` runs, in this process or in any other
   * replica sharing the store: the dispatcher checks a cluster's holds and inserts a request
   * this way, so two people asking for vm42 at once on two replicas cannot both get it.
   */
  exclusive<T>(scope: string, task: () => Promise<T>): Promise<T>;
  /** Keeps the audit log's chain head beside the state, so a log cut short shows against it. */
  recordAuditHead(head: AuditHead): Promise<void>;
  auditHead(): Promise<AuditHead | undefined>;
}
