/**
 * @module cluster/remote/schemas: zod schemas for what each script prints (scripts/shapes.ts),
 * tolerant of Windows PowerShell 5.1, and normalised: enums to the Cluster port's names, dates
 * to epoch milliseconds, lists always arrays.
 */
import { z } from 'zod';
import type { ClusterScriptName } from '../scripts/index.js';
import type { VmState, VolumeState } from '../cluster.js';
import { checkpointSchema, eventSchema, validationSchema, volumeAccessSchema, volumeMovedSchema } from './admin-schemas.js';
import {
  ClusterGroupState, ClusterNodeDrainStatus, ClusterNodeState, ClusterResourceState, HyperVVmState,
  MsvmJobState, VmMigrationPerformance, VmResourceMigrationState, enumName,
} from './enum-tables.js';
import { nullable, psArray, psBoolean, psDate, psEnum, psNumber } from './ps-json.js';

/** Hyper-V VMState names folded onto the port's VmState (the *Critical variants onto their base). */
const vmStateByName: Readonly<Record<string, VmState>> = {
  Running: 'Running', Off: 'Off', Saved: 'Saved', FastSaved: 'Saved', Hibernated: 'Saved', Paused: 'Paused',
  Starting: 'Starting', Resuming: 'Starting', Stopping: 'Stopping', ForceShutdown: 'Stopping', Saving: 'Saving',
  FastSaving: 'Saving', Pausing: 'Saving',
};

export const vmStateSchema = psEnum(HyperVVmState, 'Other').transform(
  (name): VmState => vmStateByName[name.replace(/Critical$/, '')] ?? 'Other',
);

/** ClusterResourceState of a CSV onto the port's VolumeState; Unknown/Inherited read as Offline. */
const volumeStateByName: Readonly<Record<string, VolumeState>> = {
  Online: 'Online', Offline: 'Offline', Failed: 'Failed', Pending: 'Pending', OnlinePending: 'Pending',
  OfflinePending: 'Pending', Initializing: 'Pending',
};

export const volumeStateSchema = psEnum(ClusterResourceState, 'Unknown').transform(
  (name): VolumeState => volumeStateByName[name] ?? 'Offline',
);

const text = z.string();

export const nodeRowSchema = z.object({
  name: text,
  id: z.union([z.string(), z.number()]).transform(String).optional(),
  state: psEnum(ClusterNodeState, 'Unknown'),
  drainStatus: psEnum(ClusterNodeDrainStatus, 'NotInitiated'),
  clusterMigrationLimit: nullable(psNumber),
});

export const nodeHostSchema = z.object({
  memoryTotalMB: nullable(psNumber),
  memoryFreeMB: nullable(psNumber),
  hostMigrationLimit: nullable(psNumber),
  migrationPerformance: nullable(psEnum(VmMigrationPerformance, 'Unknown')),
});

export const vmHostSchema = z.object({
  owner: nullable(text),
  ownerState: nullable(psEnum(ClusterNodeState, 'Unknown')),
  upNodes: psArray(text),
});

export const vmRowSchema = z.object({
  name: text,
  id: text,
  ownerNode: text,
  state: vmStateSchema,
  memoryMB: psNumber,
  clustered: psBoolean,
  /** Absent from older outputs; empty means every node may own it. */
  possibleOwners: psArray(text),
});

export const volumeRowSchema = z.object({
  name: text,
  ownerNode: text,
  state: volumeStateSchema,
  path: nullable(text),
  sizeGB: nullable(psNumber),
  freeGB: nullable(psNumber),
  access: psArray(volumeAccessSchema),
});

export const migrationJobSchema = z.object({
  host: nullable(text),
  destinationHost: nullable(text),
  jobState: psEnum(MsvmJobState, 'Exception'),
  percentComplete: psNumber,
  startTime: nullable(psDate),
  elapsedMs: nullable(psNumber),
  errorCode: nullable(psNumber),
  errorDescription: nullable(text),
  blackoutMs: nullable(psNumber),
  failureEventId: nullable(psNumber),
});

export const watchSnapshotSchema = z.object({
  vm: z.object({
    name: text,
    id: text,
    ownerNode: text,
    groupState: psEnum(ClusterGroupState, 'Unknown'),
    resourceState: psEnum(ClusterResourceState, 'Unknown'),
    vmState: nullable(vmStateSchema),
  }),
  target: text,
  jobs: psArray(migrationJobSchema),
  lastJob: nullable(migrationJobSchema),
  upNodes: psArray(text),
  resource: z.preprocess((value) => value ?? {}, z.object({
    migrationState: nullable(psNumber).transform((value) =>
      value === undefined ? undefined : enumName(VmResourceMigrationState, value, 'NoMigration')),
    migrationProgress: nullable(psNumber),
    /** Unsigned, whichever way 5.1 printed the DWORD. */
    migrationFailureReason: nullable(psNumber).transform((value) => (value === undefined ? undefined : value >>> 0)),
  })),
});

export const migrationJobsSchema = z.object({
  jobs: psArray(migrationJobSchema),
  lastJob: nullable(migrationJobSchema),
});

export const migrationStartedSchema = z.object({
  vm: text,
  id: text,
  source: text,
  target: text,
  type: text,
});

export const nodeChangedSchema = z.object({
  name: text,
  state: psEnum(ClusterNodeState, 'Unknown'),
  drainStatus: psEnum(ClusterNodeDrainStatus, 'NotInitiated'),
});

export const scriptSchemas = {
  'list-nodes': psArray(nodeRowSchema),
  'get-node-host': nodeHostSchema,
  'list-vms': psArray(vmRowSchema),
  'get-vm': psArray(vmRowSchema),
  'list-volumes': psArray(volumeRowSchema),
  'find-vm-host': vmHostSchema,
  'migrate-vm': migrationStartedSchema,
  'watch-migration': watchSnapshotSchema,
  'get-migration-jobs': migrationJobsSchema,
  'cancel-migration': z.object({ vm: text, cancelled: psBoolean }),
  'pause-node': nodeChangedSchema,
  'resume-node': nodeChangedSchema,
  'move-volume': volumeMovedSchema,
  'validate-cluster': validationSchema,
  'set-vm-power': vmRowSchema,
  'checkpoint-vm': checkpointSchema,
  'list-checkpoints': psArray(checkpointSchema),
  'list-events': psArray(eventSchema),
} as const satisfies Record<ClusterScriptName, z.ZodType>;

export type ParsedOutputs = { [N in ClusterScriptName]: z.output<(typeof scriptSchemas)[N]> };
export type WatchSnapshot = ParsedOutputs['watch-migration'];
export type MigrationJob = z.output<typeof migrationJobSchema>;
