/**
 * @module test helper: the test directory's people and groups, laid out as Active Directory
 * lays them out where it matters (sAMAccountName, userPrincipalName, mail, userAccountControl
 * with bit 2 for a disabled account, groups that contain groups).
 */
import type { Client } from 'ldapts';
import { SERVICE_DN, SERVICE_PASSWORD, SUFFIX } from './slapd.js';

export const PEOPLE = `ou=people,${SUFFIX}`;
export const GROUPS = `ou=groups,${SUFFIX}`;
export const dnOf = (cn: string) => `cn=${cn},${PEOPLE}`;
export const groupDn = (cn: string) => `cn=${cn},${GROUPS}`;

interface Person {
  cn: string;
  account: string;
  mail: string;
  disabled?: boolean;
}

export const PEOPLE_IN_TREE: Person[] = [
  { cn: 'Alice Ops', account: 'alice', mail: 'alice@corp.example' },
  { cn: 'Bob Approver', account: 'bob', mail: 'bob@corp.example' },
  { cn: 'Carol Gone', account: 'carol', mail: 'carol@corp.example', disabled: true },
  { cn: 'Dave Nobody', account: 'dave', mail: 'dave@corp.example' },
  { cn: 'Zoë Ünal', account: 'zoë', mail: 'zoe@corp.example' },
];

/** group → members (people by account, groups by name). Hyper-V Administrators contains Cluster Approvers. */
export const GROUPS_IN_TREE: Record<string, { people: string[]; groups: string[] }> = {
  'Cluster Operators': { people: ['alice', 'zoë'], groups: [] },
  'Cluster Approvers': { people: ['bob', 'carol'], groups: [] },
  'Hyper-V Administrators': { people: [], groups: ['Cluster Approvers'] },
  'Zürich Team (ops)': { people: ['zoë'], groups: [] },
};

export async function seedTree(admin: Client): Promise<void> {
  await admin.add(SUFFIX, { objectClass: ['dcObject', 'organization'], dc: 'corp', o: 'Corp' });
  for (const ou of ['people', 'groups', 'service']) await admin.add(`ou=${ou},${SUFFIX}`, { objectClass: 'organizationalUnit', ou });
  await admin.add(SERVICE_DN, { objectClass: ['person'], cn: 'svc-chatops', sn: 'service', userPassword: SERVICE_PASSWORD });
  for (const p of PEOPLE_IN_TREE) {
    await admin.add(dnOf(p.cn), {
      objectClass: ['inetOrgPerson', 'adLikeUser'],
      cn: p.cn,
      sn: p.cn.split(' ')[1] ?? p.cn,
      mail: p.mail,
      sAMAccountName: p.account,
      userPrincipalName: p.mail,
      userAccountControl: String(p.disabled ? 514 : 512),
    });
  }
  const accountDn = (account: string) => dnOf(PEOPLE_IN_TREE.find((p) => p.account === account)!.cn);
  // Inner groups first, so a group that contains a group finds it there.
  for (const name of ['Cluster Operators', 'Cluster Approvers', 'Zürich Team (ops)', 'Hyper-V Administrators']) {
    const g = GROUPS_IN_TREE[name]!;
    await admin.add(groupDn(name), { objectClass: 'groupOfNames', cn: name, member: [...g.people.map(accountDn), ...g.groups.map(groupDn)] });
  }
}
