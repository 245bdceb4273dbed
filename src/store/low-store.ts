/**
 * @module low-store: the Store port over a lowdb database. The same code serves the state
 * file (validated on read; written to a temporary file, flushed, renamed) and memory
 * (lowdb's Memory adapter). Decided requests and finished jobs older than the archive age
 * leave the live state, so a write costs the same after a year of use.
 */
import { Low, Memory } from 'lowdb';
import type { Store } from '../core/store.js';
import { FINAL_STATES, type OperationRequest } from '../core/requests.js';
import { createSerial, type Serial } from '../core/serial.js';
import { StateNotSavedError } from '../core/errors.js';
import { createDurableJsonFile } from './durable-json-file.js';
import { describeWriteFailure, type FileSystem } from './file-system.js';
import { stateDocumentSchema } from './state-schema.js';

export interface StateDocument {
  version: 1;
  nextRequestId: number;
  requests: OperationRequest[];
  /** Delivery keys already handled, with their expiry (ms since the epoch). */
  deliveries: Record<string, number>;
  /** The audit log's chain head when it was last recorded: truncating the log shows against it. */
  auditHead?: { hash: string; count: number };
}

export interface StoreOptions {
  /** Decided requests and finished jobs older than this leave the live state (the audit log keeps them). */
  archiveAfterMs?: number;
  /** And beyond the newest this many, whatever their age (default 20: `jobs` shows ten; `job <id>` reads older ones from the audit log), so a busy week cannot grow it. */
  keepFinished?: number;
  now?: () => number;
  /** Where the state file is written (default: Node's file system). */
  fs?: FileSystem;
}

const emptyState = (): StateDocument => ({ version: 1, nextRequestId: 1, requests: [], deliveries: {} });

/** When a request stopped changing: its job's end, its decision, or its expiry. */
function settledAt(r: OperationRequest): number {
  return r.job?.finishedAt ?? r.denial?.at ?? r.cancellation?.at ?? r.expiresAt;
}

/** Active requests stay; finished ones stay while newer than the cutoff and among the newest `keep`. */
function archive(requests: OperationRequest[], cutoff: number, keep: number): OperationRequest[] {
  const finished = requests.filter((r) => FINAL_STATES.includes(r.state));
  if (finished.length <= keep && finished.every((r) => settledAt(r) >= cutoff)) return requests;
  const kept = new Set(finished.filter((r) => settledAt(r) >= cutoff).sort((a, b) => settledAt(b) - settledAt(a)).slice(0, keep));
  return requests.filter((r) => !FINAL_STATES.includes(r.state) || kept.has(r));
}

export function createStore(db: Low<StateDocument>, options: StoreOptions = {}): Store {
  const serial = createSerial();
  /** One process owns a state file (state-lock), so a scope is exclusive once it is in this process. */
  const scopes = new Map<string, Serial>();
  const now = options.now ?? Date.now;
  let loaded = false;
  const ready = async () => {
    if (!loaded) {
      await db.read();
      loaded = true;
    }
    return db.data;
  };
  /**
   * Applies `change` to the state and writes it. If the write fails, the state in memory goes
   * back to what it was (what is on disk), so nothing that was not stored can reach the disk
   * with a later, unrelated write; the caller gets StateNotSavedError.
   */
  const commit = async <T>(change: (data: StateDocument) => T): Promise<T> => {
    const data = await ready();
    const before = structuredClone(data);
    try {
      const result = change(data);
      if (options.archiveAfterMs !== undefined) data.requests = archive(data.requests, now() - options.archiveAfterMs, options.keepFinished ?? 20);
      await db.write();
      return result;
    } catch (error) {
      db.data = before;
      if (error instanceof StateNotSavedError) throw error;
      const { errno, reason } = describeWriteFailure(error);
      throw new StateNotSavedError(errno, reason);
    }
  };
  const find = (data: StateDocument, id: number) => data.requests.findIndex((r) => r.id === id);
  const copy = <T>(value: T): T => structuredClone(value);

  const modify = (id: number, allowed: (r: OperationRequest) => boolean, change: (r: OperationRequest) => OperationRequest) =>
    serial(async () => {
      const data = await ready();
      const index = find(data, id);
      const current = data.requests[index];
      if (!current || !allowed(current)) return undefined;
      const next = change(copy(current));
      await commit((d) => void (d.requests[index] = next));
      return copy(next);
    });

  return {
    nextRequestId: () =>
      serial(() =>
        commit((data) => {
          const id = data.nextRequestId;
          data.nextRequestId = id + 1;
          return id;
        }),
      ),
    insert: (request) =>
      serial(async () => {
        const data = await ready();
        if (find(data, request.id) >= 0) throw new Error(`request #${request.id} already stored`);
        await commit((d) => void d.requests.push(copy(request)));
      }),
    get: (id) =>
      serial(async () => {
        const data = await ready();
        const found = data.requests[find(data, id)];
        return found && copy(found);
      }),
    list: () => serial(async () => copy((await ready()).requests)),
    transition: (id, from, change) => modify(id, (r) => from.includes(r.state), change),
    update: (id, change) => modify(id, () => true, change),
    rememberDelivery: (key, expiresAt, at) =>
      serial(async () => {
        const seen = (await ready()).deliveries?.[key];
        if (seen !== undefined && seen > at) return false;
        await commit((data) => {
          data.deliveries ??= {};
          for (const [k, until] of Object.entries(data.deliveries)) if (until <= at) delete data.deliveries[k];
          data.deliveries[key] = expiresAt;
        });
        return true;
      }),
    exclusive: (scope, task) => {
      let s = scopes.get(scope);
      if (!s) scopes.set(scope, (s = createSerial()));
      return s(task);
    },
    recordAuditHead: (head) =>
      serial(() =>
        commit((data) => {
          data.auditHead = { ...head };
        }),
      ),
    auditHead: () => serial(async () => (await ready()).auditHead),
  };
}

export function createMemoryStore(options: StoreOptions = {}): Store {
  return createStore(new Low<StateDocument>(new Memory<StateDocument>(), emptyState()), options);
}

/** The state file store; the file is read (and validated) at the first use. */
export function createFileStore(path: string, options: StoreOptions = {}): Store {
  return createStore(new Low<StateDocument>(createDurableJsonFile(path, { schema: stateDocumentSchema as never, fs: options.fs }), emptyState()), options);
}

/**
 * Opens the state file at once, so a corrupt file stops the bot at start (StateFileError,
 * the file left untouched) rather than at the first command.
 */
export async function openFileStore(path: string, options: StoreOptions = {}): Promise<Store> {
  const store = createFileStore(path, options);
  await store.list();
  return store;
}
