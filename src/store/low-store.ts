/**
 * @module low-store: the Store port over a lowdb database. The same code serves the JSON
 * file (lowdb's atomic write-and-rename) and memory (lowdb's Memory adapter, for tests).
 */
import { Low, Memory } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { Store } from '../core/store.js';
import type { OperationRequest } from '../core/requests.js';
import { createSerial } from '../core/serial.js';

export interface StateDocument {
  version: 1;
  nextRequestId: number;
  requests: OperationRequest[];
  /** Delivery keys already handled, with their expiry (ms since the epoch). */
  deliveries: Record<string, number>;
}

const emptyState = (): StateDocument => ({ version: 1, nextRequestId: 1, requests: [], deliveries: {} });

export function createStore(db: Low<StateDocument>): Store {
  const serial = createSerial();
  let loaded = false;
  const ready = async () => {
    if (!loaded) {
      await db.read();
      loaded = true;
    }
    return db.data;
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
      data.requests[index] = next;
      await db.write();
      return copy(next);
    });

  return {
    nextRequestId: () =>
      serial(async () => {
        const data = await ready();
        const id = data.nextRequestId;
        data.nextRequestId = id + 1;
        await db.write();
        return id;
      }),
    insert: (request) =>
      serial(async () => {
        const data = await ready();
        if (find(data, request.id) >= 0) throw new Error(`request #${request.id} already stored`);
        data.requests.push(copy(request));
        await db.write();
      }),
    get: (id) => serial(async () => {
      const data = await ready();
      const found = data.requests[find(data, id)];
      return found && copy(found);
    }),
    list: () => serial(async () => copy((await ready()).requests)),
    transition: (id, from, change) => modify(id, (r) => from.includes(r.state), change),
    update: (id, change) => modify(id, () => true, change),
    rememberDelivery: (key, expiresAt, now) =>
      serial(async () => {
        const data = await ready();
        data.deliveries ??= {};
        const seen = data.deliveries[key];
        if (seen !== undefined && seen > now) return false;
        for (const [k, until] of Object.entries(data.deliveries)) if (until <= now) delete data.deliveries[k];
        data.deliveries[key] = expiresAt;
        await db.write();
        return true;
      }),
  };
}

export function createMemoryStore(): Store {
  return createStore(new Low<StateDocument>(new Memory<StateDocument>(), emptyState()));
}

export function createFileStore(path: string): Store {
  return createStore(new Low<StateDocument>(new JSONFile<StateDocument>(path), emptyState()));
}
