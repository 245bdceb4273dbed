/**
 * @module cluster/remote/admin-operations: the Cluster port's volume, validation, VM power,
 * checkpoint and event operations over PowerShell: each checks the names it passes, runs its
 * script with them as arguments only, and reads the one JSON document the script prints.
 */
import type { Cluster } from '../cluster.js';
import { checkName } from './names.js';
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

export function createAdminOperations(run: ScriptCall, validationTimeoutMs = DEFAULT_VALIDATION_TIMEOUT_MS): AdminOperations {
  const power = async (vm: string, action: PowerAction) => {
    checkName('vm', vm);
    return toVm(await run('set-vm-power', { Vm: vm, Action: action }, { details: { vm } }));
  };
  return {
    async moveVolume(volume, node) {
      checkName('volume', volume);
      checkName('node', node);
      return run('move-volume', { Volume: volume, Node: node }, { details: { volume, node } });
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
      return toCheckpoint(await run('checkpoint-vm', { Vm: vm, ...(name ? { Name: name } : {}) }, { details: { vm } }));
    },
    async listCheckpoints(vm) {
      checkName('vm', vm);
      return (await run('list-checkpoints', { Vm: vm }, { details: { vm } })).map(toCheckpoint);
    },
    async recentEvents(query) {
      const { about } = query;
      if (about !== undefined) checkName('vm', about);
      const sinceMinutes = Math.max(1, Math.ceil(query.sinceMs / 60_000));
      return (await run('list-events', { SinceMinutes: sinceMinutes, ...(about ? { About: about } : {}) })).map(toEvent);
    },
  };
}
