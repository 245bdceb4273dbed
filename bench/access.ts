/**
 * @module bench/access: role resolution per event. Warm: the cached groups of a person, the
 * grants and the rules, as every event pays them (aim p99 under 0.1 ms). Cold: the first event
 * of a person, which asks the directory, against a local slapd holding 50,000 people and 2,000
 * groups (nested three deep) generated for the run.
 */
import { performance } from 'node:perf_hooks';
import type { Client } from 'ldapts';
import { createSystemClock } from '../src/cluster/clock.js';
import { createAccess } from '../src/core/access.js';
import type { Actor } from '../src/core/chat.js';
import { createGroupCache } from '../src/core/group-cache.js';
import { silentLogger } from '../src/core/logger.js';
import { createLdapGroupSource } from '../src/directory/ldap-source.js';
import { SERVICE_DN, SERVICE_PASSWORD, SUFFIX, startSlapd } from '../test/support/slapd.js';
import { GROUPS, PEOPLE } from '../test/support/directory-tree.js';
import { percentile, type Bench } from './table.js';

const PEOPLE_COUNT = 50_000;
const GROUP_COUNT = 2_000;

async function inParallel<T>(items: readonly T[], lanes: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: lanes }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

async function generate(admins: Client[]) {
  const [first] = admins;
  await first!.add(SUFFIX, { objectClass: ['dcObject', 'organization'], dc: 'corp', o: 'Corp' });
  for (const ou of ['people', 'groups', 'service']) await first!.add(`ou=${ou},${SUFFIX}`, { objectClass: 'organizationalUnit', ou });
  await first!.add(SERVICE_DN, { objectClass: ['person'], cn: 'svc-chatops', sn: 'service', userPassword: SERVICE_PASSWORD });
  const people = Array.from({ length: PEOPLE_COUNT }, (_, i) => i);
  let lane = 0;
  await inParallel(people, admins.length, (i) =>
    admins[lane++ % admins.length]!.add(`cn=user${i},${PEOPLE}`, {
      objectClass: ['inetOrgPerson', 'adLikeUser'], cn: `user${i}`, sn: `User ${i}`, mail: `user${i}@corp.example`,
      sAMAccountName: `user${i}`, userPrincipalName: `user${i}@corp.example`, userAccountControl: '512',
    }),
  );
  // Groups 0..1799 hold 25 people each; 1800..1949 hold ten of those; 1950..1999 hold three of the middle ones.
  const groups = Array.from({ length: GROUP_COUNT }, (_, g) => g);
  await inParallel(groups, admins.length, async (g) => {
    const member =
      g < 1800
        ? Array.from({ length: 25 }, (_, k) => `cn=user${(g * 25 + k) % PEOPLE_COUNT},${PEOPLE}`)
        : g < 1950
          ? Array.from({ length: 10 }, (_, k) => `cn=group${((g - 1800) * 10 + k) % 1800},${GROUPS}`)
          : Array.from({ length: 3 }, (_, k) => `cn=group${1800 + (((g - 1950) * 3 + k) % 150)},${GROUPS}`);
    await admins[g % admins.length]!.add(`cn=group${g},${GROUPS}`, { objectClass: 'groupOfNames', cn: `group${g}`, member });
  });
}

export const accessBench: Bench = {
  name: 'access',
  async run() {
    const slapd = await startSlapd();
    try {
      const admins = await Promise.all(Array.from({ length: 4 }, () => slapd.admin()));
      const t0 = performance.now();
      await generate(admins);
      const loadSeconds = (performance.now() - t0) / 1000;
      await Promise.all(admins.map((a) => a.unbind()));
      const source = createLdapGroupSource({ url: slapd.ldapsUrl, bindDn: SERVICE_DN, password: SERVICE_PASSWORD, baseDn: SUFFIX, flavor: 'ldap', caFile: slapd.caFile, timeoutMs: 5000 });
      const cache = createGroupCache({ sources: [source], clock: createSystemClock(), logger: silentLogger, ttlMs: 3_600_000, maxStaleMs: 0, lookupTimeoutMs: 5000 });
      const access = createAccess([], {
        groups: Array.from({ length: 40 }, (_, i) => ({ group: `ldap:group${1950 + i}`, roles: { '*': i % 2 ? 'approver' : 'operator' } as const })),
        rules: [{ effect: 'deny', commands: ['drain'], groups: ['ldap:group1999'] }],
        directory: cache,
      });
      const actors: Actor[] = Array.from({ length: 200 }, (_, i) => ({ platform: 'console', id: `user${(i * 211) % PEOPLE_COUNT}`, name: `user${i}` }));
      const cold: number[] = [];
      for (const actor of actors) {
        const start = performance.now();
        await access.prepare(actor);
        access.grantOf(actor, 'prod-a');
        cold.push(performance.now() - start);
      }
      const warm: number[] = [];
      for (let round = 0; round < 50; round++) {
        for (const actor of actors) {
          const start = performance.now();
          await access.prepare(actor);
          try {
            access.require(actor, 'prod-a', 'viewer', { command: 'migrate', risk: 'change' });
          } catch {
            // people in no mapped group are refused: the cost is the same
          }
          warm.push(performance.now() - start);
        }
      }
      cold.sort((a, b) => a - b);
      warm.sort((a, b) => a - b);
      const withRole = actors.filter((a) => access.roleOf(a, 'prod-a')).length;
      const p99 = percentile(warm, 99);
      return {
        title: 'Role resolution per event (npm run bench -- access)',
        rows: [
          { metric: 'directory generated', value: `${PEOPLE_COUNT.toLocaleString('en')} people, ${GROUP_COUNT.toLocaleString('en')} groups`, note: `loaded into slapd in ${loadSeconds.toFixed(1)} s; nested 3 deep` },
          { metric: 'people resolved', value: String(actors.length), note: `${withRole} hold a role through a nested group` },
          { metric: 'warm cache p50', value: `${(percentile(warm, 50) * 1000).toFixed(1)} µs` },
          { metric: 'warm cache p99', value: `${(p99 * 1000).toFixed(1)} µs`, note: `aim < 100 µs: ${p99 < 0.1 ? 'met' : 'NOT met'}` },
          { metric: 'cold (LDAPS bind + search + memberOf walk) p50', value: `${percentile(cold, 50).toFixed(1)} ms` },
          { metric: 'cold p99', value: `${percentile(cold, 99).toFixed(1)} ms` },
        ],
      };
    } finally {
      await slapd.stop();
    }
  },
};
