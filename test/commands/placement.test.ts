/** Placement: the ranking `migrate <vm> to best` and `drain` share, with its reasons. */
import type { ClusterNode, ClusterVm } from '../../src/cluster/cluster.js';
import { planDrain, rankNodes, whyNone } from '../../commands/support/placement.js';

const GiB = 1024;

const node = (name: string, freeGiB: number, state: ClusterNode['state'] = 'Up'): ClusterNode => ({
  name, state, drainStatus: 'NotInitiated', memoryTotalMB: 256 * GiB, memoryFreeMB: freeGiB * GiB, liveMigrationLimit: 2,
});

const vm = (name: string, gib: number, extra: Partial<ClusterVm> = {}): ClusterVm => ({
  name, id: `id-${name}`, ownerNode: 'hv1', state: 'Running', memoryMB: gib * GiB, clustered: true, ...extra,
});

describe('rankNodes', () => {
  const nodes = [node('hv1', 200), node('hv2', 40), node('hv3', 90), node('hv4', 300, 'Paused'), node('hv5', 500, 'Down'), node('hv6', 6)];

  test('the nodes that can take the VM come first, most free memory first; the VM\'s own node is not ranked', () => {
    const ranking = rankNodes(vm('vm42', 8), nodes);
    expect(ranking.map((r) => [r.node.name, r.fits])).toEqual([
      ['hv3', true], ['hv2', true], ['hv5', false], ['hv4', false], ['hv6', false],
    ]);
    expect(ranking[0]?.reason).toBe('90 GiB free, vm42 needs 8 GiB');
  });

  test('each node that cannot take it says why: paused, down, short of memory, not a possible owner', () => {
    const reasons = Object.fromEntries(rankNodes(vm('vm42', 8, { possibleOwners: ['hv1', 'hv2', 'hv4', 'hv5', 'hv6'] }), nodes).map((r) => [r.node.name, r.reason]));
    expect(reasons).toEqual({
      hv2: '40 GiB free, vm42 needs 8 GiB',
      hv3: 'not a possible owner of vm42',
      hv4: 'paused',
      hv5: 'down',
      hv6: '6 GiB free, vm42 needs 8 GiB',
    });
  });

  test('possible owners are compared without regard to case', () => {
    expect(rankNodes(vm('vm42', 8, { possibleOwners: ['HV2'] }), nodes).filter((r) => r.fits).map((r) => r.node.name)).toEqual(['hv2']);
  });

  test('a VM that is off needs no memory to move', () => {
    const ranking = rankNodes(vm('cold', 64, { state: 'Off' }), [node('hv2', 1)]);
    expect(ranking[0]).toMatchObject({ fits: true, reason: 'cold is off and needs no memory to move' });
  });

  test('memory already promised to other VMs of the plan counts', () => {
    const ranking = rankNodes(vm('vm42', 8), [node('hv2', 40)], new Map([['hv2', 36 * GiB]]));
    expect(ranking[0]).toMatchObject({ fits: false, freeMB: 4 * GiB, reason: '4 GiB free, vm42 needs 8 GiB' });
  });

  test('whyNone lists every node with its reason, in ranking order', () => {
    expect(whyNone(rankNodes(vm('big', 100), [node('hv2', 40), node('hv3', 300, 'Paused')]))).toBe('hv3 paused and hv2 40 GiB free, big needs 100 GiB');
    expect(whyNone([])).toBe('there is no other node');
  });
});

describe('planDrain uses the same ranking', () => {
  test('largest first, each on the node with most room left, honouring possible owners', () => {
    const plan = planDrain('hv1', [vm('small', 4), vm('big', 32), vm('pinned', 16, { possibleOwners: ['hv1', 'hv2'] })], [node('hv1', 0), node('hv2', 40), node('hv3', 36)]);
    expect(plan.map((p) => [p.vm.name, p.target])).toEqual([['big', 'hv2'], ['pinned', undefined], ['small', 'hv3']]);
    expect(plan[1]?.why).toBe('hv3 not a possible owner of pinned and hv2 8 GiB free, pinned needs 16 GiB');
  });

  test('a VM that is off is placed without taking memory from the others', () => {
    const plan = planDrain('hv1', [vm('cold', 64, { state: 'Off' }), vm('warm', 8)], [node('hv1', 0), node('hv2', 10)]);
    expect(plan.map((p) => [p.vm.name, p.target])).toEqual([['cold', 'hv2'], ['warm', 'hv2']]);
  });
});
