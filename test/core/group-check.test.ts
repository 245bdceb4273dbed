/** The start check reports, by config entry, each named group that is missing, empty or unreachable; groups of other sources are left alone. */
import { checkNamedGroups } from '../../src/core/group-check.js';
import type { GroupSource } from '../../src/core/groups.js';

const slack: GroupSource = {
  name: 'slack',
  groupsOf: async () => [],
  describeGroup: async (g) => (g === 'oncall' ? 'found' : g === 'quiet' ? 'empty' : 'missing'),
};

test('found passes, empty and missing are named, an unconfigured source is not asked', async () => {
  expect(
    await checkNamedGroups([slack], [
      { path: 'access.groups.0.group', group: 'slack:oncall' },
      { path: 'access.groups.1.group', group: 'slack:quiet' },
      { path: 'access.groups.2.group', group: 'slack:gone' },
      { path: 'access.groups.3.group', group: 'entra:whatever' },
    ]),
  ).toEqual([
    'access.groups.1.group: slack:quiet has no members; it grants nothing for now',
    'access.groups.2.group: slack:gone does not exist in slack; it grants nothing',
  ]);
});
