/**
 * @module simulator/event-log: the events the simulated nodes log when things go wrong (a failed
 * live migration, a node leaving, a CSV pausing), worded as Windows words them (research §3;
 * Learn failover-clustering/system-events), and the query `recentEvents` answers.
 */
import type { ClusterEvent, EventQuery, WatchedLog } from '../cluster-events.js';
import { recordEvent, sameName, type ClusterModel, type EventRecord, type VolumeModel } from './cluster-model.js';

const HA_ADMIN: WatchedLog = 'Microsoft-Windows-Hyper-V-High-Availability-Admin';

/** 21111 (and 21502 with Windows' words for failures that carry one) on the source node. */
export function logMigrationFailure(model: ClusterModel, at: number, m: { vm: string; source: string; target: string }, detail?: { eventId: number; text: string }): void {
  const about = [m.vm, m.source, m.target];
  if (detail) {
    recordEvent(model, {
      at, id: detail.eventId, level: 'Error', node: m.source, log: HA_ADMIN, about,
      message: `Live migration of 'Virtual Machine ${m.vm}' failed. Virtual machine migration operation for '${m.vm}' failed at migration source '${m.source}'. ${detail.text}`,
    });
  }
  recordEvent(model, { at, id: 21111, level: 'Error', node: m.source, log: HA_ADMIN, about, message: `Live migration of 'Virtual Machine ${m.vm}' failed.` });
}

/** 1135, logged by a node that is still up. */
export function logNodeRemoved(model: ClusterModel, at: number, node: string): void {
  const witness = model.nodes.find((n) => n.state !== 'Down' && !sameName(n.name, node));
  if (!witness) return;
  recordEvent(model, {
    at, id: 1135, level: 'Critical', node: witness.name, log: 'System', about: [node],
    message: `Cluster node '${node}' was removed from the active failover cluster membership. The Cluster service on this node may have stopped. This could also be due to the node having lost communication with other active nodes in the failover cluster.`,
  });
}

/** 5120 on the node that takes the volume over. */
export function logVolumePaused(model: ClusterModel, at: number, volume: VolumeModel, node: string, status: string): void {
  const mount = volume.path.split('\\').pop() ?? volume.name;
  recordEvent(model, {
    at, id: 5120, level: 'Error', node, log: 'System', about: [volume.name, node],
    message: `Cluster Shared Volume '${mount}' ('${volume.name}') has entered a paused state because of '${status}'. All I/O will temporarily be queued until a path to the volume is reestablished.`,
  });
}

/** Events since `now - sinceMs`, newest first; with `about`, those that concern it or that its node logged. */
export function queryEvents(model: ClusterModel, query: EventQuery, now: number): ClusterEvent[] {
  const since = now - Math.max(0, query.sinceMs);
  const concerns = (e: EventRecord) =>
    query.about === undefined || sameName(e.node, query.about) || e.about.some((name) => sameName(name, query.about ?? ''));
  return model.events
    .filter((e) => e.at >= since && concerns(e))
    .reverse()
    .map(({ about: _about, ...event }) => event);
}
