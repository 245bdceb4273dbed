/**
 * @module groups: the port for directory groups. A GroupSource answers which groups the person
 * behind a chat identity belongs to (Active Directory / LDAP, Entra ID, Slack user groups);
 * access rules name groups as `<source>:<group>`. A source that cannot answer throws
 * GroupSourceUnavailableError; the cache keeps its last good answer, and a person it never
 * answered for holds no group from it: a failing directory never opens a door.
 */
import type { Actor } from './chat.js';

export interface GroupSource {
  /** `ldap`, `entra` or `slack`: the prefix rules use. */
  readonly name: string;
  /** The names of the groups the actor belongs to, nested groups resolved; [] for nobody known. */
  groupsOf(actor: Actor): Promise<readonly string[]>;
  /** For the check at start: does the group exist, and has it members? Throws when the source cannot answer. */
  describeGroup?(group: string): Promise<'found' | 'empty' | 'missing'>;
}

/** A person's e-mail as their chat platform reports it (Slack users.info), to find them in a directory. */
export interface ProfileLookup {
  emailOf(actor: Actor): Promise<string | undefined>;
}

export interface GroupRef {
  source: string;
  group: string;
}

/** `ldap:Hyper-V Administrators` → { source: 'ldap', group: 'Hyper-V Administrators' }. */
export function parseGroupRef(text: string): GroupRef | undefined {
  const colon = text.indexOf(':');
  if (colon <= 0 || colon === text.length - 1) return undefined;
  return { source: text.slice(0, colon), group: text.slice(colon + 1) };
}

export function groupKey(ref: GroupRef): string {
  return `${ref.source}:${ref.group.toLowerCase()}`;
}

export function formatGroupRef(ref: GroupRef): string {
  return `${ref.source}:${ref.group}`;
}
