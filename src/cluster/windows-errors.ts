/**
 * @module cluster/windows-errors: the Windows errors people really hit when they move VMs, as a
 * table: how Windows identifies each (an HRESULT, or an event id), what it means in plain words,
 * and the fix. RemoteCluster recognises them in what the cluster reports; the simulator produces
 * them. Sources: research/hyperv-cluster-ops.md §3.1 (Learn troubleshoot-live-migration-issues,
 * system-error-codes 5000-5999, set-up-hosts-for-live-migration, processor-compatibility-mode).
 */
import type { ClusterErrorCode } from './errors.js';

export type KnownWindowsError =
  | 'processor-compatibility'
  | 'out-of-memory'
  | 'no-system-resources'
  | 'not-possible-owner'
  | 'no-migration-network'
  | 'kerberos-delegation'
  | 'credssp'
  | 'node-paused'
  | 'group-not-found';

export interface WindowsErrorExplanation {
  readonly name: KnownWindowsError;
  /** How Windows reports it: `0x80071398`, `event 21502`. */
  readonly reference: string;
  /** The ClusterError code it means. */
  readonly code: ClusterErrorCode;
  readonly words: string;
  readonly fix: string;
}

interface Entry {
  /** [MS-ERREF] 2.1 HRESULT; Win32 codes as 0x8007xxxx (FACILITY_WIN32). */
  readonly hresult?: number;
  readonly eventId?: number;
  /** How it appears in Windows' own text, when that differs from the HRESULT (`0x000013AB`). */
  readonly shown?: string;
  readonly code: ClusterErrorCode;
  readonly words: string;
  readonly fix: string;
}

export const windowsErrors: Readonly<Record<KnownWindowsError, Entry>> = {
  'processor-compatibility': {
    eventId: 21502, code: 'migration-failed',
    words: 'the live migration failed on a host (event 21502); most often the VM uses processor features the destination does not have',
    fix: 'If the event names processor-specific features: shut the VM down, turn on processor compatibility (Set-VMProcessor -CompatibilityForMigrationEnabled $true), start it and migrate again; moves between Intel and AMD hosts are not possible. Otherwise the event text names the cause.',
  },
  'out-of-memory': {
    hresult: 0x8007000e, code: 'not-enough-memory',
    words: 'the destination ran out of memory while starting the VM (E_OUTOFMEMORY)',
    fix: 'Pick a node with more free memory (`migrate <vm> to best` ranks them), or free memory on the destination first.',
  },
  'no-system-resources': {
    hresult: 0x800705aa, code: 'not-enough-memory',
    words: 'the destination could not create the VM\'s partition: insufficient system resources, usually memory (ERROR_NO_SYSTEM_RESOURCES)',
    fix: 'Pick a node with more free memory (`migrate <vm> to best`), or lower the VM\'s startup memory.',
  },
  'not-possible-owner': {
    hresult: 0x80071398, code: 'not-possible-owner',
    words: 'the destination is not a possible owner of the VM\'s cluster resource (ERROR_HOST_NODE_NOT_GROUP_OWNER, 5016)',
    fix: 'Pick one of its possible owners, or add the node to the possible owners of the resource "Virtual Machine <vm>" (Failover Cluster Manager: the resource, Properties, Advanced Policies; or Set-ClusterOwnerNode).',
  },
  'no-migration-network': {
    hresult: 0x800713ab, shown: '0x000013AB', code: 'migration-failed',
    words: 'no cluster network is available for live migration to the destination (5035)',
    fix: 'Check the live migration networks (Failover Cluster Manager: Networks, Live Migration Settings) and that a network with the Cluster role reaches the destination; a quick migration does not need one.',
  },
  'kerberos-delegation': {
    hresult: 0x8009030e, code: 'migration-failed',
    words: 'no credentials were available to the Virtual Machine Management Service: Kerberos constrained delegation is not set up (SEC_E_NO_CREDENTIALS)',
    fix: 'On both computer accounts allow delegation to the "cifs" and "Microsoft Virtual System Migration Service" services of the other host (Kerberos, any authentication protocol), set the hosts to Kerberos authentication, then wait up to 15 minutes or run klist purge -li 0x3e7 on the hosts.',
  },
  credssp: {
    hresult: 0x8009030d, code: 'migration-failed',
    words: 'the credentials were not recognised: CredSSP works only when the move is started on the source host itself (SEC_E_UNKNOWN_CREDENTIALS)',
    fix: 'Switch live migration authentication to Kerberos with constrained delegation on every host (Set-VMHost -VirtualMachineMigrationAuthenticationType Kerberos); on Windows Server 2025 Credential Guard blocks CredSSP.',
  },
  'node-paused': {
    hresult: 0x800713ce, code: 'node-not-up',
    words: 'the node is paused, so the cluster places nothing on it (ERROR_CLUSTER_NODE_PAUSED, 5070)',
    fix: 'Resume it (`resume <node>`) or pick another node.',
  },
  'group-not-found': {
    hresult: 0x80071395, code: 'vm-not-found',
    words: 'the cluster has no role (group) by that name (ERROR_GROUP_NOT_FOUND, 5013)',
    fix: 'Check the name with `vms`; a VM that is not a cluster role has to be made one first (Add-ClusterVirtualMachineRole).',
  },
};

const formatHex = (value: number) => `0x${(value >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;

function explanationOf(name: KnownWindowsError): WindowsErrorExplanation {
  const entry = windowsErrors[name];
  const reference = entry.eventId !== undefined ? `event ${entry.eventId}` : entry.shown ?? formatHex(entry.hresult ?? 0);
  return { name, reference, code: entry.code, words: entry.words, fix: entry.fix };
}

export function explainWindowsError(name: KnownWindowsError): WindowsErrorExplanation {
  return explanationOf(name);
}

/** A bare Win32 code (`0x000013AB`, as some messages print it) as its HRESULT, 0x8007xxxx. */
export function asHResult(value: number): number {
  const unsigned = value >>> 0;
  return unsigned > 0 && unsigned <= 0xffff ? (0x80070000 | unsigned) >>> 0 : unsigned;
}

/** The explanation of the first of `hresults` the table knows. */
export function explainHResults(hresults: readonly number[]): WindowsErrorExplanation | undefined {
  for (const value of hresults) {
    const hresult = asHResult(value);
    const name = (Object.keys(windowsErrors) as KnownWindowsError[]).find((n) => windowsErrors[n].hresult === hresult);
    if (name) return explanationOf(name);
  }
  return undefined;
}

export function explainEvent(eventId: number | undefined): WindowsErrorExplanation | undefined {
  if (eventId === undefined) return undefined;
  const name = (Object.keys(windowsErrors) as KnownWindowsError[]).find((n) => windowsErrors[n].eventId === eventId);
  return name && explanationOf(name);
}

/** How Windows prints the error's code in its own messages: `(0x80071398)`. */
export function windowsErrorText(name: KnownWindowsError): string {
  const entry = windowsErrors[name];
  return entry.shown ?? formatHex(entry.hresult ?? 0);
}

/** The message, then why in plain words, then the fix: what an operator reads. */
export function describeWithFix(message: string, explanation: WindowsErrorExplanation | undefined): string {
  if (!explanation || message.includes('\nWhy: ')) return message;
  return `${message}\nWhy: ${explanation.words}.\nFix: ${explanation.fix}`;
}
