/**
 * @module cluster/remote/migration-ledger: what this RemoteCluster remembers about migrations,
 * in memory: the ones it started (so that a migration the cluster has accepted but not yet shown
 * is "starting", not "none"), and the outcomes of those it saw finish without a job record to
 * read them from again (quick migrations have no Msvm_MigrationJob).
 */
import type { MigrationOutcome, MigrationType } from '../cluster.js';

export interface StartedMigration {
  readonly vmId: string;
  readonly source: string;
  readonly target: string;
  readonly type: MigrationType;
  /** Clock time at which the cluster accepted it. */
  readonly at: number;
}

export interface MigrationLedger {
  start(migration: StartedMigration): void;
  /** The migration of this VM to this target that this process started and has not seen end. */
  started(vmId: string, target: string): StartedMigration | undefined;
  /** Forgets the started migration; keeps the outcome, if any, for later watches. */
  settle(vmId: string, target: string, outcome?: MigrationOutcome): void;
  finished(vmId: string, target: string): MigrationOutcome | undefined;
}

const key = (vmId: string, target: string) => `${vmId.toLowerCase()}|${target.toLowerCase()}`;

export function createMigrationLedger(): MigrationLedger {
  const started = new Map<string, StartedMigration>();
  const finished = new Map<string, MigrationOutcome>();
  return {
    start(migration) {
      const vm = migration.vmId.toLowerCase();
      for (const k of [...finished.keys()]) if (k.startsWith(`${vm}|`)) finished.delete(k);
      started.set(vm, migration);
    },
    started(vmId, target) {
      const entry = started.get(vmId.toLowerCase());
      return entry && entry.target.toLowerCase() === target.toLowerCase() ? entry : undefined;
    },
    settle(vmId, target, outcome) {
      const entry = started.get(vmId.toLowerCase());
      if (entry && entry.target.toLowerCase() === target.toLowerCase()) started.delete(vmId.toLowerCase());
      if (outcome) finished.set(key(vmId, target), outcome);
    },
    finished: (vmId, target) => finished.get(key(vmId, target)),
  };
}
