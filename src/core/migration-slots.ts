/**
 * @module migration-slots: at most N simultaneous live migrations per node (the node's own
 * limit), counting a node whether it sends or receives. Later migrations queue in order;
 * a waiter runs as soon as every node it needs has a free slot.
 */

export type LimitOf = (node: string) => number;

export interface MigrationSlots {
  /** Resolves with a release function once every node has a slot; calls onQueued if it must wait. */
  acquire(nodes: readonly string[], limitOf: LimitOf, onQueued?: (busy: string[]) => void): Promise<() => void>;
  /** Migrations running per node now. */
  active(): Record<string, number>;
}

interface Waiter {
  nodes: string[];
  limitOf: LimitOf;
  grant: (release: () => void) => void;
}

export function createMigrationSlots(): MigrationSlots {
  const running = new Map<string, number>();
  const queue: Waiter[] = [];
  const key = (node: string) => node.toLowerCase();
  const busyNodes = (nodes: string[], limitOf: LimitOf) =>
    nodes.filter((n) => (running.get(key(n)) ?? 0) >= Math.max(1, limitOf(n)));

  const take = (nodes: string[]) => {
    for (const n of nodes) running.set(key(n), (running.get(key(n)) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const n of nodes) running.set(key(n), (running.get(key(n)) ?? 1) - 1);
      pump();
    };
  };

  const pump = () => {
    for (let i = 0; i < queue.length; ) {
      const w = queue[i]!;
      if (busyNodes(w.nodes, w.limitOf).length === 0) {
        queue.splice(i, 1);
        w.grant(take(w.nodes));
      } else i++;
    }
  };

  return {
    acquire(nodes, limitOf, onQueued) {
      const unique = [...new Map(nodes.map((n) => [key(n), n])).values()];
      const busy = busyNodes(unique, limitOf);
      if (busy.length === 0 && queue.length === 0) return Promise.resolve(take(unique));
      return new Promise((grant) => {
        queue.push({ nodes: unique, limitOf, grant });
        pump();
        if (queue.some((w) => w.grant === grant)) onQueued?.(busy.length ? busy : unique);
      });
    },
    active: () => Object.fromEntries(running),
  };
}
