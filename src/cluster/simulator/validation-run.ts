/**
 * @module simulator/validation-run: Test-Cluster on the simulated cluster. The tests of each
 * category (names from the validation wizard), findings derived from the cluster's state (a node
 * that is down fails Validate Network Communication; a volume without persistent reservations
 * fails the SCSI-3 test) plus those the inventory lists, the time it takes, the volumes offline
 * while Storage runs, and the checks the wizard misses (NetBIOS names, untested volumes).
 */
import {
  defaultValidationCategories, NETBIOS_NAME_LIMIT, type ValidateOptions, type ValidationCategory,
  type ValidationCheck, type ValidationProblem, type ValidationReport,
} from '../validation.js';
import { ClusterError } from '../errors.js';
import type { ClusterModel, ModelAccess } from './cluster-model.js';

/** The wizard's tests per category (Windows Server 2016 and later). */
export const validationTests: Readonly<Record<ValidationCategory, readonly string[]>> = {
  Inventory: ['List BIOS Information', 'List Fibre Channel Host Bus Adapters', 'List iSCSI Host Bus Adapters', 'List Memory Information',
    'List Operating System Information', 'List Plug and Play Devices', 'List Running Processes', 'List Services Information',
    'List Software Updates', 'List System Drivers', 'List System Information', 'List Unsigned Drivers'],
  Network: ['List Network Binding Order', 'Validate Cluster Network Configuration', 'Validate IP Configuration',
    'Validate Network Communication', 'Validate Windows Firewall Configuration'],
  'System Configuration': ['Validate Active Directory Configuration', 'Validate All Drivers Signed', 'Validate Memory Dump Settings',
    'Validate Operating System Installation Option', 'Validate Required Services', 'Validate Same Processor Architecture',
    'Validate Software Update Levels'],
  'Hyper-V Configuration': ['List Hyper-V Virtual Machine Information', 'Validate Compatibility of Virtual Fibre Channel SANs for Hyper-V',
    'Validate Firewall Rules for Hyper-V Replica Are Enabled', 'Validate Hyper-V Integration Services Version',
    'Validate Hyper-V Memory Resource Pool Compatibility', 'Validate Hyper-V Network Resource Pool And Virtual Switch Compatibility',
    'Validate Hyper-V Processor Resource Pool Compatibility', 'Validate Hyper-V Role Installed', 'Validate Hyper-V Settings Compatibility',
    'Validate Hyper-V Storage Resource Pool Compatibility', 'Validate Matching Processor Manufacturers'],
  'Cluster Configuration': ['List Cluster Core Groups', 'List Cluster Network Information', 'List Cluster Resources', 'List Cluster Volumes',
    'List Clustered Roles', 'Validate Quorum Configuration', 'Validate Resource Status', 'Validate Service Principal Name',
    'Validate Volume Consistency'],
  Storage: ['List Disks', 'List Potential Cluster Disks', 'Validate CSV Settings', 'Validate Disk Access Latency', 'Validate Disk Arbitration',
    'Validate Disk Failover', 'Validate File System', 'Validate Microsoft MPIO-based disks', 'Validate Multiple Arbitration',
    'Validate SCSI device Vital Product Data (VPD)', 'Validate SCSI-3 Persistent Reservation', 'Validate Simultaneous Failover'],
};

/** Simulated time per test; the Storage tests take longer. */
export const validationTiming = { testMs: 3000, storageTestMs: 20_000 } as const;

const PR_TEST = 'Validate SCSI-3 Persistent Reservation';

function findings(model: ClusterModel, categories: readonly ValidationCategory[]): ValidationProblem[] {
  const problems: ValidationProblem[] = model.validationFindings
    .filter((f) => (categories as readonly string[]).includes(f.category))
    .map((f) => ({ category: f.category, test: f.test, outcome: f.outcome, message: f.message }));
  const down = model.nodes.filter((n) => n.state === 'Down').map((n) => n.name);
  if (down.length) {
    problems.push({ category: 'Network', test: 'Validate Network Communication', outcome: 'failed',
      message: `${down.join(', ')} could not be reached from the other nodes.` });
  }
  const noPr = model.volumes.filter((v) => !v.persistentReservations);
  if (categories.includes('Storage') && noPr.length) {
    problems.push({ category: 'Storage', test: PR_TEST, outcome: 'failed',
      message: noPr.map((v) => `${v.name} does not support Persistent Reservation.`).join(' ') });
  }
  return problems;
}

function resultLine(problems: readonly ValidationProblem[], includedStorage: boolean): string {
  const verdict = problems.some((p) => p.outcome === 'failed') ? 'ClusterNotApproved'
    : problems.length || !includedStorage ? 'ClusterConditionallyApproved' : 'ClusterApproved';
  return includedStorage ? verdict : `HadUnselectedTests, ${verdict}`;
}

/** The checks the wizard does not make: node names too long for NetBIOS, volumes never tested for persistent reservations. */
export function missedChecks(model: ClusterModel, includedStorage: boolean): ValidationCheck[] {
  const names: ValidationCheck[] = model.nodes.map((n) => ({
    check: 'netbios-name', subject: n.name, ok: n.name.length <= NETBIOS_NAME_LIMIT,
    message: n.name.length <= NETBIOS_NAME_LIMIT
      ? `${n.name} fits in a NetBIOS name`
      : `${n.name} is ${n.name.length} characters, longer than a NetBIOS name (${NETBIOS_NAME_LIMIT}): Windows knows it as ${n.name.slice(0, NETBIOS_NAME_LIMIT)} there, and nodes that differ only after ${NETBIOS_NAME_LIMIT} characters collide`,
  }));
  const volumes: ValidationCheck[] = model.volumes.map((v) => ({
    check: 'persistent-reservation', subject: v.name,
    ok: includedStorage ? v.persistentReservations : undefined,
    message: !includedStorage
      ? `${v.name} was not tested for SCSI-3 persistent reservations: the Storage tests skip volumes in use`
      : v.persistentReservations ? `${v.name} supports SCSI-3 persistent reservations`
        : `${v.name}'s storage target does not support SCSI-3 persistent reservations: the cluster cannot arbitrate it on failover`,
  }));
  return [...names, ...volumes];
}

/** `Validation Report 2026.11.25 At 09.00.00.htm` under C:\Windows\Cluster\Reports. */
export function reportPathFor(at: number): string {
  const [date, time] = new Date(at).toISOString().slice(0, 19).split('T') as [string, string];
  return `C:\\Windows\\Cluster\\Reports\\Validation Report ${date.replaceAll('-', '.')} At ${time.replaceAll(':', '.')}.htm`;
}

export async function runSimulatedValidation(access: ModelAccess, options: ValidateOptions = {}): Promise<ValidationReport> {
  const model = access.sync();
  if (model.validating) throw new ClusterError('busy', `a validation of ${model.name} is already running`, {});
  const includedStorage = options.includeStorage === true;
  const categories: ValidationCategory[] = [...defaultValidationCategories, ...(includedStorage ? ['Storage' as const] : [])];
  const startedAt = access.clock.now();
  model.validating = true;
  const online = model.volumes.filter((v) => v.state === 'Online');
  try {
    const total = categories.reduce((n, c) => n + validationTests[c].length, 0);
    let done = 0;
    for (const category of categories) {
      if (category === 'Storage') for (const v of online) v.state = 'Offline';
      for (const _test of validationTests[category]) {
        await access.clock.sleep(category === 'Storage' ? validationTiming.storageTestMs : validationTiming.testMs);
        options.onProgress?.({ category, percent: (++done / total) * 100 });
      }
    }
  } finally {
    for (const v of online) if (v.state === 'Offline') v.state = 'Online';
    model.validating = false;
  }
  const now = access.sync();
  const problems = findings(now, categories);
  return {
    result: resultLine(problems, includedStorage),
    includedStorage,
    categories: categories.map((category) => {
      const mine = problems.filter((p) => p.category === category);
      const failed = new Set(mine.filter((p) => p.outcome === 'failed').map((p) => p.test)).size;
      const warnings = new Set(mine.filter((p) => p.outcome === 'warning').map((p) => p.test)).size;
      return { category, passed: Math.max(0, validationTests[category].length - failed - warnings), warnings, failed };
    }),
    problems,
    reportPath: reportPathFor(startedAt),
    durationMs: access.clock.now() - startedAt,
    checks: missedChecks(now, includedStorage),
  };
}
