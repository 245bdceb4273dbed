/**
 * @module access-rules: per-command and per-conversation rules on top of roles (what PoshBot
 * calls permissions and channel rules). Roles always apply; a rule can only take away.
 *
 * For one use (cluster, command, risk, conversation), in order:
 * 1. a matching `deny` rule refuses, whatever else matches (deny wins);
 * 2. if any `allow` rule covers the command on that cluster, the person must match one of them
 *    wholly (who and, when the rule lists them, the conversation), or is refused;
 * 3. otherwise the role decides.
 */
import type { Where } from './chat.js';
import type { Risk } from './command-spec.js';
import { groupKey, parseGroupRef, type GroupRef } from './groups.js';

export interface AccessRule {
  effect: 'allow' | 'deny';
  /** Cluster names, or '*'; absent: every cluster. */
  clusters?: readonly string[];
  /** Command names (`drain`, `approve`, …); with `risks` absent and this absent: every command. */
  commands?: readonly string[];
  risks?: readonly Risk[];
  /** `source:group` references; with `users` absent and this absent: everyone. */
  groups?: readonly string[];
  /** Names of configured users. */
  users?: readonly string[];
  conversations?: readonly Omit<Where, 'thread'>[];
}

export interface RuleUse {
  cluster: string;
  command: string;
  risk?: Risk;
  where?: Where;
}

export interface RulePerson {
  userName?: string;
  groups: readonly GroupRef[];
}

export type RuleVerdict = { allowed: true } | { allowed: false; rule: number; reason: string };

const lower = (s: string) => s.toLowerCase();

function covers(rule: AccessRule, use: RuleUse): boolean {
  if (rule.clusters && !rule.clusters.some((c) => c === '*' || lower(c) === lower(use.cluster))) return false;
  if (!rule.commands && !rule.risks) return true;
  const byCommand = rule.commands?.some((c) => lower(c) === lower(use.command)) ?? false;
  const byRisk = use.risk !== undefined && (rule.risks?.includes(use.risk) ?? false);
  return byCommand || byRisk;
}

function isPerson(rule: AccessRule, person: RulePerson): boolean {
  if (!rule.groups && !rule.users) return true;
  const held = new Set(person.groups.map(groupKey));
  const inGroup = (rule.groups ?? []).some((text) => {
    const ref = parseGroupRef(text);
    return ref !== undefined && held.has(groupKey(ref));
  });
  const named = person.userName !== undefined && (rule.users ?? []).some((u) => lower(u) === lower(person.userName!));
  return inGroup || named;
}

function inConversation(rule: AccessRule, where: Where | undefined): boolean {
  if (!rule.conversations) return true;
  if (!where) return false;
  return rule.conversations.some((c) => c.platform === where.platform && c.conversation === where.conversation);
}

export function evaluateRules(rules: readonly AccessRule[], use: RuleUse, person: RulePerson): RuleVerdict {
  const applying = rules.map((rule, index) => ({ rule, index })).filter(({ rule }) => covers(rule, use));
  for (const { rule, index } of applying) {
    if (rule.effect === 'deny' && isPerson(rule, person) && inConversation(rule, use.where)) {
      return { allowed: false, rule: index, reason: `a rule denies \`${use.command}\` on ${use.cluster} to you${rule.conversations ? ' here' : ''}` };
    }
  }
  const allows = applying.filter(({ rule }) => rule.effect === 'allow');
  if (allows.length === 0 || allows.some(({ rule }) => isPerson(rule, person) && inConversation(rule, use.where))) return { allowed: true };
  const onlyElsewhere = allows.some(({ rule }) => isPerson(rule, person));
  return {
    allowed: false,
    rule: allows[0]!.index,
    reason: onlyElsewhere
      ? `\`${use.command}\` on ${use.cluster} is allowed only in the conversations its rule lists`
      : `\`${use.command}\` on ${use.cluster} is allowed only to the groups or people its rule lists`,
  };
}
