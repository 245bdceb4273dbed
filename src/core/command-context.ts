/** @module command-context: what a command sees: its cluster, live lookups with "did you mean", requests. */
import type { Cluster } from '../cluster/cluster.js';
import type { Clock } from '../cluster/clock.js';
import type { Actor } from './chat.js';
import type { Catalog, CommandContext } from './command-spec.js';
import { NotFoundError } from './errors.js';
import { nearestNames } from './nearest.js';
import type { Store } from './store.js';
import type { AuditLog } from './audit.js';
import { noPeople, type PeopleView } from './access-explain.js';
import type { Visibility } from './visibility.js';

export interface CommandContextOptions {
  cluster: Cluster;
  actor: Actor;
  clock: Clock;
  store: Store;
  catalog: Catalog;
  audit: Pick<AuditLog, 'recent'>;
  people?: PeopleView;
  /** What the person may read here: requests and audit entries of other clusters read as absent. */
  visibility: Visibility;
}

export function createCommandContext(o: CommandContextOptions): CommandContext {
  const { cluster } = o;
  return {
    cluster,
    clusterName: cluster.name,
    actor: o.actor,
    clock: o.clock,
    requests: {
      get: async (id) => {
        const r = await o.store.get(id);
        return r && o.visibility.canSee(r.cluster) ? r : undefined;
      },
      list: async () => o.visibility.requests(await o.store.list()),
    },
    catalog: o.catalog,
    audit: { recent: (query) => o.audit.recent({ ...query, visible: o.visibility.entry }) },
    people: o.people ?? noPeople,
    async findVm(name) {
      const vm = await cluster.getVm(name);
      if (vm) return vm;
      const names = (await cluster.listVms()).map((v) => v.name);
      throw new NotFoundError('VM', name, cluster.name, nearestNames(name, names));
    },
    async findNode(name) {
      const nodes = await cluster.listNodes();
      const node = nodes.find((n) => n.name.toLowerCase() === name.toLowerCase());
      if (node) return node;
      throw new NotFoundError('node', name, cluster.name, nearestNames(name, nodes.map((n) => n.name)));
    },
  };
}
