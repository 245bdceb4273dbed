/**
 * @module cluster/cluster-events: the events of a cluster worth showing in chat (failed moves,
 * nodes leaving, CSVs pausing), and which ones they are: ids from the Failover Clustering system
 * log and the Hyper-V high-availability and VMMS admin logs (research §3; Learn system-events).
 */

export type EventLevel = 'Critical' | 'Error' | 'Warning' | 'Information';

export interface ClusterEvent {
  /** Epoch milliseconds. */
  at: number;
  id: number;
  level: EventLevel;
  /** The node whose log holds the event. */
  node: string;
  /** The event log, e.g. `System` or `Microsoft-Windows-Hyper-V-High-Availability-Admin`. */
  log: string;
  message: string;
}

export interface EventQuery {
  /** Only events about this VM or node (its name in the event, or the node that logged it). */
  about?: string;
  /** How far back, in milliseconds. */
  sinceMs: number;
}

/** The logs read and the event ids kept from each; the scripts and the simulator use the same. */
export const watchedEvents = {
  // Learn: failover-clustering/system-events
  System: {
    1069: 'a cluster resource failed',
    1135: 'a node was removed from the active membership',
    1137: 'a role could not be moved for a drain',
    1205: 'a clustered role could not be brought online or offline completely',
    5120: 'a Cluster Shared Volume entered a paused state',
    5142: 'a Cluster Shared Volume is no longer accessible from a node',
  },
  // research §3.1 (troubleshoot-live-migration-issues, event catalog)
  'Microsoft-Windows-Hyper-V-High-Availability-Admin': {
    21111: 'a live migration failed',
    21501: 'the live migration limit was reached',
    21502: 'a live migration failed; the text names why (often processor features)',
  },
  // research §2.5
  'Microsoft-Windows-Hyper-V-VMMS-Admin': {
    20417: 'a live migration had an unexpectedly long blackout',
  },
} as const satisfies Record<string, Record<number, string>>;

export type WatchedLog = keyof typeof watchedEvents;
