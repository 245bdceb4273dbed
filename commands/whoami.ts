/** @module whoami: your roles on each cluster, and the config entry or directory group that granted each. */
import { z } from 'zod';
import { describeGrant } from '../src/core/access.js';
import type { AccessExplanation } from '../src/core/access-explain.js';
import type { ReadCommandSpec } from '../src/core/command-spec.js';
import { NotFoundError } from '../src/core/errors.js';
import { message } from '../src/core/messages.js';
import { formatGroupRef } from '../src/core/groups.js';
import type { ChatMessage } from '../src/core/chat.js';

export function explanationMessage(x: AccessExplanation, self: boolean): ChatMessage {
  const who = self ? 'You' : x.person.name;
  const rows = x.clusters.map(({ cluster, grants }) => [
    cluster,
    grants[0]?.role ?? 'none',
    grants.length ? grants.map(describeGrant).join('; ') : 'no entry or group grants a role',
  ]);
  const groups = x.groups.length ? x.groups.map(formatGroupRef).join(', ') : 'none found';
  return message([
    { type: 'header', text: `${who}: roles by cluster` },
    { type: 'table', columns: ['Cluster', 'Role', 'Granted by'], rows },
    { type: 'context', text: `Config entry: ${x.entry ?? 'none'} · Directory groups: ${groups} · The highest role wins; rules may still restrict a command.` },
  ]);
}

export const whoami: ReadCommandSpec<Record<string, never>> = {
  name: 'whoami',
  summary: 'Your roles on each cluster, and which entry or group granted each.',
  patterns: [{ pattern: 'whoami' }, { pattern: 'who am i' }],
  args: z.object({}),
  risk: 'read',
  access: 'anyone',
  examples: ['whoami'],
  async answer(_args, ctx) {
    const x = await ctx.people.explain();
    if (!x) throw new NotFoundError('person', ctx.actor.name, undefined);
    return explanationMessage(x, true);
  },
};

const whoisArgs = z.object({ person: z.string().min(1).max(120) });

export const whois: ReadCommandSpec<z.infer<typeof whoisArgs>> = {
  name: 'whois',
  summary: "Someone's roles on each cluster, and which entry or group granted each.",
  patterns: [{ pattern: 'whois {person...}' }],
  args: whoisArgs,
  risk: 'read',
  examples: ['whois @bob'],
  async answer({ person }, ctx) {
    const x = await ctx.people.explain(person);
    if (!x) throw new NotFoundError('person', person, undefined);
    return explanationMessage(x, false);
  },
};
