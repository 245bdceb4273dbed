/**
 * @module simulator/inventory: what a simulated cluster contains (nodes, VMs, volumes), as a zod
 * schema with defaults, plus the checks zod cannot make (unknown nodes, duplicate names).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { InventoryError, type InventoryIssue } from '../errors.js';

const name = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');
const mb = z.number().int('must be a whole number of MB').positive('must be more than 0');

export const inventoryNodeSchema = z.object({
  name,
  memoryMB: mb,
  /** Memory the host keeps for itself. */
  reserveMB: z.number().int().nonnegative().default(8192),
  /** The host's MaximumVirtualMachineMigrations (Hyper-V's default is 2). */
  liveMigrationLimit: z.number().int().positive().default(2),
  state: z.enum(['Up', 'Paused', 'Down']).default('Up'),
  /** VirtualMachineMigrationPerformanceOption; Compression is Hyper-V's default. */
  migrationPerformance: z.enum(['TCPIP', 'Compression', 'SMB']).default('Compression'),
});

export const inventoryVmSchema = z.object({
  name,
  /** The VM's GUID; derived from the name when absent, so it is stable across runs. */
  id: z.guid('must be a GUID').optional(),
  node: name,
  memoryMB: mb,
  /** How fast the guest dirties memory while running, in MB/s. */
  dirtyMBps: z.number().nonnegative().default(50),
  state: z.enum(['Running', 'Off', 'Saved', 'Paused']).default('Running'),
  clustered: z.boolean().default(true),
  /** The nodes that may own the VM's resource (Get-ClusterOwnerNode); absent: every node. */
  possibleOwners: z.array(name).min(1, 'list at least one node, or leave possibleOwners out').optional(),
});

export const inventoryVolumeSchema = z.object({
  name,
  node: name,
  /** Default `C:\ClusterStorage\VolumeN`, N being the position in the list. */
  path: z.string().min(1).optional(),
  sizeGB: z.number().positive(),
  freeGB: z.number().nonnegative(),
  state: z.enum(['Online', 'Offline', 'Failed', 'Pending']).default('Online'),
  /** Whether the storage target supports SCSI-3 persistent reservations (what Storage validation tests). */
  persistentReservations: z.boolean().default(true),
  /** Nodes whose I/O to the volume is redirected (Get-ClusterSharedVolumeState), with Windows' reason. */
  redirected: z.array(z.object({
    node: name,
    access: z.enum(['FileSystemRedirected', 'BlockRedirected']).default('FileSystemRedirected'),
    reason: z.string().min(1).default('UserRequest'),
  })).default([]),
});

/** A finding the simulated Test-Cluster reports besides those it derives from the cluster's state. */
export const validationFindingSchema = z.object({
  category: z.string().min(1),
  test: z.string().min(1),
  outcome: z.enum(['warning', 'failed']),
  message: z.string().min(1),
});

export const clusterInventorySchema = z.object({
  name,
  nodes: z.array(inventoryNodeSchema).min(1, 'a cluster needs at least one node'),
  vms: z.array(inventoryVmSchema).default([]),
  volumes: z.array(inventoryVolumeSchema).default([]),
  /** The cluster's MaximumParallelMigrations: when set, it overrides every host's liveMigrationLimit. */
  maximumParallelMigrations: z.number().int().positive().optional(),
  validationFindings: z.array(validationFindingSchema).default([]),
});

/** An inventory as people write it (defaults may be left out). */
export type ClusterInventory = z.input<typeof clusterInventorySchema>;

export type ValidationFinding = z.output<typeof validationFindingSchema>;
export type ResolvedNode = z.output<typeof inventoryNodeSchema>;
export type ResolvedVm = z.output<typeof inventoryVmSchema> & { id: string };
export type ResolvedVolume = z.output<typeof inventoryVolumeSchema> & { path: string };

/** An inventory with every default filled in and every reference checked. */
export interface ResolvedInventory {
  name: string;
  nodes: ResolvedNode[];
  vms: ResolvedVm[];
  volumes: ResolvedVolume[];
  maximumParallelMigrations?: number;
  validationFindings: ValidationFinding[];
}

/** Validates `raw` and fills defaults; throws InventoryError naming `source` and each bad field. */
export function resolveInventory(raw: unknown, source = 'inventory'): ResolvedInventory {
  const parsed = clusterInventorySchema.safeParse(raw);
  if (!parsed.success) {
    throw new InventoryError(source, parsed.error.issues.map((i) => ({ field: fieldPath(i.path), problem: i.message })));
  }
  const inv = parsed.data;
  const resolved: ResolvedInventory = {
    name: inv.name,
    nodes: inv.nodes,
    vms: inv.vms.map((vm) => ({ ...vm, id: vm.id ?? vmIdFor(vm.name) })),
    volumes: inv.volumes.map((v, i) => ({ ...v, path: v.path ?? `C:\\ClusterStorage\\Volume${i + 1}` })),
    ...(inv.maximumParallelMigrations === undefined ? {} : { maximumParallelMigrations: inv.maximumParallelMigrations }),
    validationFindings: inv.validationFindings,
  };
  const issues = referenceIssues(resolved);
  if (issues.length > 0) throw new InventoryError(source, issues);
  return resolved;
}

/** A stable GUID for a VM name (SHA-1 based, shaped like an RFC 4122 version 5 UUID). */
export function vmIdFor(vmName: string): string {
  const hex = createHash('sha1').update(`hyperv-chatops:vm:${vmName.toLowerCase()}`).digest('hex');
  const variant = ((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `${out ? '.' : ''}${String(part)}`;
  return out || '(root)';
}

function referenceIssues(inv: ResolvedInventory): InventoryIssue[] {
  const issues = [
    ...duplicates('nodes', inv.nodes.map((n) => n.name)),
    ...duplicates('vms', inv.vms.map((v) => v.name)),
    ...duplicates('vms', inv.vms.map((v) => v.id), 'id', 'GUID'),
    ...duplicates('volumes', inv.volumes.map((v) => v.name)),
  ];
  const nodes = new Set(inv.nodes.map((n) => n.name.toLowerCase()));
  const unknown = (field: string, node: string) =>
    nodes.has(node.toLowerCase()) ? [] : [{ field, problem: `no node named "${node}" (nodes: ${inv.nodes.map((n) => n.name).join(', ')})` }];
  inv.vms.forEach((vm, i) => {
    issues.push(...unknown(`vms[${i}].node`, vm.node));
    vm.possibleOwners?.forEach((owner, j) => issues.push(...unknown(`vms[${i}].possibleOwners[${j}]`, owner)));
  });
  inv.volumes.forEach((v, i) => {
    issues.push(...unknown(`volumes[${i}].node`, v.node));
    v.redirected.forEach((r, j) => issues.push(...unknown(`volumes[${i}].redirected[${j}].node`, r.node)));
    if (v.freeGB > v.sizeGB) issues.push({ field: `volumes[${i}].freeGB`, problem: `${v.freeGB} GB free is more than the size (${v.sizeGB} GB)` });
  });
  inv.nodes.forEach((n, i) => {
    const used = inv.vms.filter((vm) => vm.state !== 'Off' && vm.node.toLowerCase() === n.name.toLowerCase())
      .reduce((sum, vm) => sum + vm.memoryMB, 0);
    if (used > n.memoryMB - n.reserveMB) {
      issues.push({ field: `nodes[${i}].memoryMB`, problem: `${n.name} hosts ${used} MB of VMs but has only ${n.memoryMB - n.reserveMB} MB for VMs (memoryMB − reserveMB)` });
    }
  });
  return issues;
}

function duplicates(list: string, values: string[], field = 'name', what = 'name'): InventoryIssue[] {
  const seen = new Map<string, number>();
  const issues: InventoryIssue[] = [];
  values.forEach((value, i) => {
    const first = seen.get(value.toLowerCase());
    if (first === undefined) seen.set(value.toLowerCase(), i);
    else issues.push({ field: `${list}[${i}].${field}`, problem: `duplicate ${what} "${value}" (same as ${list}[${first}], ignoring case)` });
  });
  return issues;
}
