/**
 * @module cluster/remote/admin-operations: the Cluster port's volume, validation, VM power,
 * checkpoint and event operations over PowerShell: each checks the names it passes, runs its
 * script with them as arguments only, and reads the one JSON document the script prints. A VM's
 * operations run on the node that holds it, a volume's move on its coordinator, and events are
 * read on each node that is up: each through the bot's own session to that node. Validation
 * runs on the entry node.
 */
import type { Cluster } from '../cluster.js';
import { checkName, sameNodeName } from './names.js';
import type { NodeReads } from './node-reads.js';
import { upNodes } from './node-reads.js';
import { toCheckpoint, toEvent, toValidation, toVm } from './row-mapping.js';
import type { ScriptCall } from './script-call.js';
import { validationProgressOf } from './validation-progress.js';

export type AdminOperations = Pick<
  Cluster,
  'moveVolume' | 'validate' | 'startVm' | 'stopVm' | 'saveVm' | 'restartVm' | 'checkpointVm' | 'listCheckpoints' | 'recentEvents'
>;

/** set-vm-power.ps1's ValidateSet. */
type PowerAction = 'Start' | 'Shutdown' | 'TurnOff' | 'Save' | 'Restart';

/** Test-Cluster runs for minutes (research §1.5: 10 to 30, longer with Storage). */
export const DEFAULT_VALIDATION_TIMEOUT_MS = 2 * 3_600_000;

export function createAdminOperations(run: ScriptCall, reads: NodeReads, validationTimeoutMs = DEFAULT_VALIDATION_TIMEOUT_MS): AdminOperations {
  /** The node holding the VM; undefined runs on the entry, where the script refuses (not found, its node down). */
  const host = async (vm: string) => (await reads.locateVm(vm)).host;
  const power = async (vm: string, action: PowerAction) => {
    checkName('vm', vm);
    const on = await host(vm);
    const row = await run('set-vm-power', { Vm: vm, Action: action }, { on, details: { vm } });
    return toVm(on === undefined ? row : { ...row, ownerNode: on });
  };
  return {
    async moveVolume(volume, node) {
      checkName('volume', volume);
      checkName('node', node);
      // Its coordinator moves it; a volume the cluster lacks is refused by the script on the entry.
      const coordinator = (await run('list-volumes', {})).find((v) => sameNodeName(v.name, volume))?.ownerNode;
      return run('move-volume', { Volume: volume, Node: node }, { on: coordinator, details: { volume, node } });
    },
    async validate(options) {
      const { onProgress } = options ?? {};
      const row = await run('validate-cluster', { IncludeStorage: options?.includeStorage === true }, {
        timeoutMs: validationTimeoutMs,
        ...(onProgress ? {
          onProgress: (record) => {
            const progress = validationProgressOf(record);
            if (progress) onProgress(progress);
          },
        } : {}),
      });
      return toValidation(row);
    },
    startVm: (vm) => power(vm, 'Start'),
    stopVm: (vm, options) => power(vm, options?.force ? 'TurnOff' : 'Shutdown'),
    saveVm: (vm) => power(vm, 'Save'),
    restartVm: (vm) => power(vm, 'Restart'),
    async checkpointVm(vm, name) {
      checkName('vm', vm);
      if (name) checkName('checkpoint', name);
      const on = await host(vm);
      return toCheckpoint(await run('checkpoint-vm', { Vm: vm, ...(name ? { Name: name } : {}) }, { on, details: { vm } }));
    },
    async listCheckpoints(vm) {
      checkName('vm', vm);
      const on = await host(vm);
      return (await run('list-checkpoints', { Vm: vm }, { on, details: { vm } })).map(toCheckpoint);
    },
    async recentEvents(query) {
      const { about } = query;
      if (about !== undefined) checkName('vm', about);
      const sinceMinutes = Math.max(1, Math.ceil(query.sinceMs / 60_000));
      const args = { SinceMinutes: sinceMinutes, ...(about ? { About: about } : {}) };
      const logs = await reads.onEach(upNodes(await reads.members()), (node) => run('list-events', args, { on: node }));
      // Each node names itself by its computer name; the cluster's name for it is the one people use.
      return logs.flatMap(({ node, value }) => value.map((row) => toEvent({ ...row, node }))).sort((a, b) => b.at - a.at);
    },
  };
}
