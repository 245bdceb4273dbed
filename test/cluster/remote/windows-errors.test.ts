/**
 * The Windows errors people hit, recognised in what a cluster node reports (the HRESULT a script
 * rethrows, a code inside a cmdlet's message, a bare Win32 code, event 21502 of a failed job) and
 * explained in plain words with the fix; anything else stays unexplained.
 */
import {
  asHResult, describeWithFix, explainEvent, explainHResults, explainWindowsError, windowsErrors, type KnownWindowsError,
} from '../../../src/cluster/windows-errors.js';
import type { ClusterErrorCode } from '../../../src/cluster/errors.js';
import { errorRecord, recordedCluster } from './recorded-cluster.js';
import { refusal } from '../contract.js';

const migrate = { vm: 'vm42', node: 'HV02', type: 'live' } as const;

describe('cmdlet failures are recognised by their code and explained', () => {
  test.each([
    ['0x8007000E', 'not-enough-memory', 'out-of-memory'],
    ['0x800705AA', 'not-enough-memory', 'no-system-resources'],
    ['0x80071398', 'not-possible-owner', 'not-possible-owner'],
    ['0x800713AB', 'migration-failed', 'no-migration-network'],
    ['0x8009030E', 'migration-failed', 'kerberos-delegation'],
    ['0x8009030D', 'migration-failed', 'credssp'],
    ['0x800713CE', 'node-not-up', 'node-paused'],
    ['0x80071395', 'vm-not-found', 'group-not-found'],
  ] as [string, ClusterErrorCode, KnownWindowsError][])('CmdletFailed with %s as its target: %s, explained as %s', async (hresult, code, name) => {
    const record = errorRecord(`Move-ClusterVirtualMachineRole failed: something (${hresult})`, 'HyperVChatOps.CmdletFailed', hresult);
    const error = await refusal(recordedCluster({ 'migrate-vm': [record] }).cluster.migrateVm(migrate), code);
    expect(error.explanation).toEqual(explainWindowsError(name));
    expect(error.message).toBe(record.message);
    expect(error.details).toMatchObject({ hresult });
  });

  test('a bare Win32 code in a cmdlet\'s own message (0x000013AB) is known as its HRESULT', async () => {
    const record = errorRecord('Failed to get the network address for the destination node "HV02": A cluster network isn\'t available for this operation. (0x000013AB)',
      'Move-ClusterVirtualMachineRole,Microsoft.FailoverClusters.PowerShell.MoveClusterVirtualMachineRoleCommand');
    const error = await refusal(recordedCluster({ 'migrate-vm': [record] }).cluster.migrateVm(migrate), 'migration-failed');
    expect(error.explanation?.name).toBe('no-migration-network');
    expect(error.explanation?.reference).toBe('0x000013AB');
  });

  test('the scripts\' own refusal keeps its code, and a Windows code in its words still explains it', async () => {
    const record = errorRecord('HV02: The cluster node is paused. (0x800713CE)', 'HyperVChatOps.NodeNotUp', 'HV02');
    const error = await refusal(recordedCluster({ 'migrate-vm': [record] }).cluster.migrateVm(migrate), 'node-not-up');
    expect(error.explanation?.name).toBe('node-paused');
  });

  test('the script\'s own not-possible-owner refusal maps by its id', async () => {
    const record = errorRecord('HV02 is not a possible owner of vm42 (its possible owners: HV01, HV03)', 'HyperVChatOps.NotPossibleOwner', 'HV02');
    const error = await refusal(recordedCluster({ 'migrate-vm': [record] }).cluster.migrateVm(migrate), 'not-possible-owner');
    expect(error.explanation).toBeUndefined();
  });

  test('a code nobody listed is not explained', async () => {
    const record = errorRecord('The RPC server is unavailable. (0x800706BA)', 'HyperVChatOps.CmdletFailed', '0x800706BA');
    const error = await refusal(recordedCluster({ 'set-vm-power': [record] }).cluster.startVm('vm42'), 'operation-failed');
    expect(error.explanation).toBeUndefined();
  });
});

describe('a failed live migration is explained from the job', () => {
  const snapshot = (failureReason: number, description: string, eventId: number | null) =>
    '{"vm":{"name":"vm42","id":"x","ownerNode":"HV01","groupState":0,"resourceState":2,"vmState":2},"target":"HV02","jobs":[],' +
    `"lastJob":{"host":"HV01","destinationHost":"HV02","jobState":10,"percentComplete":3,"startTime":null,"elapsedMs":900,"errorCode":32768,` +
    `"errorDescription":${JSON.stringify(description)},"blackoutMs":null,"failureEventId":${eventId}},` +
    `"resource":{"migrationState":5,"migrationProgress":0,"migrationFailureReason":${failureReason}}}`;
  const watch = (stdout: string) => recordedCluster({ 'watch-migration': stdout }).cluster.watchMigration(migrate).next();

  test('event 21502 with no code Windows explains: processor compatibility, in the hedged words of the table', async () => {
    const error = await refusal(watch(snapshot(0x80004005 | 0, 'The virtual machine vm42 is using processor-specific features not supported on physical computer HV02.', 21502)), 'migration-failed');
    expect(error.explanation?.name).toBe('processor-compatibility');
    expect(error.explanation?.reference).toBe('event 21502');
  });

  test('a code wins over the generic event: Kerberos delegation, not processors', async () => {
    const error = await refusal(watch(snapshot(-2146893042, 'No credentials are available in the security package (0x8009030E)', 21502)), 'migration-failed');
    expect(error.explanation?.name).toBe('kerberos-delegation');
    expect(error.details).toMatchObject({ hresult: '0x8009030E' });
  });

  test('an older script without failureEventId: no explanation unless a code says one', async () => {
    const stdout = snapshot(0x80004005 | 0, 'failed', null).replace(',"failureEventId":null', '');
    expect((await refusal(watch(stdout), 'migration-failed')).explanation).toBeUndefined();
  });
});

describe('the table', () => {
  test('each entry has a reference, plain words and a fix', () => {
    for (const name of Object.keys(windowsErrors) as KnownWindowsError[]) {
      const e = explainWindowsError(name);
      expect(e.reference).toMatch(/^(0x[0-9A-F]{8}|event \d+)$/);
      expect(e.words.length).toBeGreaterThan(20);
      expect(e.fix.length).toBeGreaterThan(20);
    }
  });

  test('lookups: by HRESULT (signed or not, bare Win32 too), by event; unknown ones are none', () => {
    expect(asHResult(0x13ab)).toBe(0x800713ab);
    expect(asHResult(-2147024882)).toBe(0x8007000e);
    expect(explainHResults([0x80004005, -2147024882])?.name).toBe('out-of-memory');
    expect(explainHResults([0x800706ba])).toBeUndefined();
    expect(explainEvent(21502)?.name).toBe('processor-compatibility');
    expect(explainEvent(1135)).toBeUndefined();
  });

  test('describeWithFix: the message, why and the fix, once', () => {
    const text = describeWithFix('Move failed (0x800713CE)', explainWindowsError('node-paused'));
    expect(text).toBe('Move failed (0x800713CE)\nWhy: the node is paused, so the cluster places nothing on it (ERROR_CLUSTER_NODE_PAUSED, 5070).\nFix: Resume it (`resume <node>`) or pick another node.');
    expect(describeWithFix(text, explainWindowsError('node-paused'))).toBe(text);
    expect(describeWithFix('plain', undefined)).toBe('plain');
  });
});
