/**
 * @module simulator/vm-power: Start-VM, Stop-VM (guest shutdown, or -TurnOff), Save-VM and
 * Restart-VM on the simulated cluster. The VM shows the transitional state (Starting, Stopping,
 * Saving) for the operation's length and is busy meanwhile; starting needs the owner's memory.
 */
import type { ClusterVm, VmState } from '../cluster.js';
import { ClusterError } from '../errors.js';
import { explainWindowsError } from '../windows-errors.js';
import { requireIdle, requireVm } from './admission.js';
import { findNode, memoryFreeMB, type ModelAccess, type VmModel } from './cluster-model.js';
import type { MigrationTiming } from './migration-plan.js';
import { vmView } from './views.js';
import { formatMemory } from './wording.js';

export type PowerAction = 'start' | 'shutdown' | 'turn-off' | 'save' | 'restart';

interface PowerRule {
  from: readonly VmState[];
  during: VmState;
  to: VmState;
  verb: string;
}

const rules: Readonly<Record<PowerAction, PowerRule>> = {
  start: { from: ['Off', 'Saved'], during: 'Starting', to: 'Running', verb: 'started' },
  shutdown: { from: ['Running'], during: 'Stopping', to: 'Off', verb: 'shut down' },
  'turn-off': { from: ['Running', 'Paused', 'Saved'], during: 'Stopping', to: 'Off', verb: 'turned off' },
  save: { from: ['Running', 'Paused'], during: 'Saving', to: 'Saved', verb: 'saved' },
  restart: { from: ['Running'], during: 'Starting', to: 'Running', verb: 'restarted' },
};

/** Guest shutdown, boot and reset times; save and restore follow the memory and the timing's rates. */
export const powerTiming = { startMs: 1500, shutdownMs: 8000, turnOffMs: 300, restartMs: 2500 } as const;

function durationOf(action: PowerAction, vm: VmModel, timing: MigrationTiming): number {
  switch (action) {
    case 'start': return vm.state === 'Saved' ? Math.ceil((vm.memoryMB / timing.restoreMBps) * 1000) : powerTiming.startMs;
    case 'shutdown': return powerTiming.shutdownMs;
    case 'turn-off': return powerTiming.turnOffMs;
    case 'save': return Math.ceil((vm.memoryMB / timing.saveMBps) * 1000);
    case 'restart': return powerTiming.restartMs;
  }
}

function refuseState(vm: VmModel, action: PowerAction): never {
  const already = (action === 'start' && vm.state === 'Running') || ((action === 'shutdown' || action === 'turn-off') && vm.state === 'Off');
  const advice = action === 'shutdown' && vm.state === 'Saved' ? '; start it first, or turn it off (`stop --force`) to discard the saved state' : '';
  const text = already
    ? `${vm.name} is already ${vm.state === 'Off' ? 'off' : 'running'}`
    : `${vm.name} is ${vm.state}; only a VM that is ${rules[action].from.join(' or ')} can be ${rules[action].verb}${advice}`;
  throw new ClusterError('wrong-state', text, { vm: vm.name, state: vm.state, action });
}

export async function changeSimulatedPower(access: ModelAccess, timing: MigrationTiming, name: string, action: PowerAction): Promise<ClusterVm> {
  const model = access.sync();
  const vm = requireVm(model, name);
  requireIdle(model, vm);
  const owner = findNode(model, vm.ownerNode);
  if (owner?.state === 'Down') {
    throw new ClusterError('node-not-up', `${vm.name} is on ${owner.name}, which is down`, { vm: vm.name, node: owner.name, state: owner.state });
  }
  const rule = rules[action];
  if (!rule.from.includes(vm.state)) refuseState(vm, action);
  if (action === 'start' && owner && vm.state === 'Off' && memoryFreeMB(model, owner) < vm.memoryMB) {
    throw new ClusterError('not-enough-memory',
      `'${vm.name}' could not initialize memory: Ran out of memory (0x8007000E); ${owner.name} has ${formatMemory(Math.max(0, memoryFreeMB(model, owner)))} free, it needs ${formatMemory(vm.memoryMB)}`,
      { vm: vm.name, node: owner.name, hresult: '0x8007000E' }, explainWindowsError('out-of-memory'));
  }
  const ms = durationOf(action, vm, timing);
  vm.powerChange = { action, until: access.clock.now() + ms };
  vm.state = rule.during;
  try {
    await access.clock.sleep(ms);
  } finally {
    delete vm.powerChange;
    vm.state = rule.to;
  }
  return vmView(access.sync(), vm, access.clock.now());
}
