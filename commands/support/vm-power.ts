/**
 * @module vm-power: what `start`, `stop`, `turn off`, `save` and `restart` share: the facts a
 * preflight checks (the VM's state allows it, its node is not down, memory to start it) and what
 * each says about data, then the job that asks the cluster and reports the VM's state afterwards.
 */
import type { ClusterVm, VmState } from '../../src/cluster/cluster.js';
import type { CommandContext, JobEvent, JobOutcome, Preflight, RunContext } from '../../src/core/command-spec.js';
import { streamEvents } from '../../src/core/event-channel.js';
import type { Fact } from '../../src/core/chat.js';
import { gib } from '../../src/core/format.js';
import { explained } from './explain.js';

export type PowerAction = 'start' | 'shutdown' | 'turn-off' | 'save' | 'restart';

interface PowerRule {
  from: readonly VmState[];
  /** "Start vm42 on node1". */
  what: (vm: ClusterVm) => string;
  /** Doing it: "Starting vm42". */
  doing: string;
  /** What it means for the guest, when that needs saying. */
  note?: Fact;
}

const rules: Readonly<Record<PowerAction, PowerRule>> = {
  start: { from: ['Off', 'Saved'], what: (vm) => `Start ${vm.name} on ${vm.ownerNode}`, doing: 'Starting' },
  shutdown: {
    from: ['Running'], what: (vm) => `Shut down ${vm.name} (guest shutdown)`, doing: 'Shutting down',
    note: { label: 'How', value: 'The guest is asked to shut down and gets five minutes to save its data.' },
  },
  'turn-off': {
    from: ['Running', 'Paused', 'Saved'], what: (vm) => `Turn off ${vm.name} (power off: unsaved data is lost)`, doing: 'Turning off',
    note: { label: 'Data', value: 'Turning off is pulling the plug: whatever the guest has not written to disk is lost. `stop <vm>` shuts it down cleanly.' },
  },
  save: {
    from: ['Running', 'Paused'], what: (vm) => `Save ${vm.name} (its memory to disk)`, doing: 'Saving',
    note: { label: 'How', value: 'The VM stops running with its memory saved to disk; `start` resumes it where it was.' },
  },
  restart: {
    from: ['Running'], what: (vm) => `Restart ${vm.name} (hard restart)`, doing: 'Restarting',
    note: { label: 'Data', value: 'A hard restart, like pressing reset: whatever the guest has not written to disk is lost.' },
  },
};

function stateFact(vm: ClusterVm, action: PowerAction): Fact {
  const allowed = rules[action].from.includes(vm.state);
  const already = (action === 'start' && vm.state === 'Running') || ((action === 'shutdown' || action === 'turn-off') && vm.state === 'Off');
  const value = already ? `${vm.name} is already ${vm.state === 'Off' ? 'off' : 'running'}`
    : allowed ? `${vm.name} is ${vm.state}` : `${vm.name} is ${vm.state}; this needs it ${rules[action].from.join(' or ')}`;
  return { label: 'State', value, ok: allowed };
}

export async function powerPreflight(action: PowerAction, wanted: string, ctx: CommandContext): Promise<Preflight> {
  const vm = await ctx.findVm(wanted);
  const node = (await ctx.cluster.listNodes()).find((n) => n.name.toLowerCase() === vm.ownerNode.toLowerCase());
  const facts: Fact[] = [stateFact(vm, action), { label: 'Node', value: `${vm.ownerNode} is ${node?.state ?? 'unknown'}`, ok: node?.state !== 'Down' }];
  if (action === 'start' && vm.state === 'Off' && node) {
    facts.push({ label: 'Memory', value: `${node.name} has ${gib(node.memoryFreeMB)} free; ${vm.name} needs ${gib(vm.memoryMB)}`, ok: node.memoryFreeMB >= vm.memoryMB });
  }
  const note = rules[action].note;
  return { summary: rules[action].what(vm), facts: note ? [...facts, note] : facts, holds: [`vm:${vm.name}`] };
}

const call: Readonly<Record<PowerAction, (ctx: RunContext, vm: string) => Promise<ClusterVm>>> = {
  start: (ctx, vm) => ctx.cluster.startVm(vm),
  shutdown: (ctx, vm) => ctx.cluster.stopVm(vm),
  'turn-off': (ctx, vm) => ctx.cluster.stopVm(vm, { force: true }),
  save: (ctx, vm) => ctx.cluster.saveVm(vm),
  restart: (ctx, vm) => ctx.cluster.restartVm(vm),
};

export function powerRun(action: PowerAction, wanted: string, ctx: RunContext): AsyncGenerator<JobEvent, JobOutcome> {
  return streamEvents(explained(async (emit: (event: JobEvent) => void) => {
    const vm = await ctx.findVm(wanted);
    ctx.signal.throwIfAborted();
    emit({ kind: 'step', text: `${rules[action].doing} ${vm.name} on ${vm.ownerNode}…` });
    const after = await call[action](ctx, vm.name);
    return { ok: true, summary: `${after.name} is ${after.state} on ${after.ownerNode}`, facts: [{ label: 'State', value: after.state }] };
  }));
}
