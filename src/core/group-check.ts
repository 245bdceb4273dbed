/**
 * @module group-check: at start, every group the access config names is looked up in its
 * source, and each one that does not exist, has no members, or could not be checked is
 * reported by its config entry. Warnings, not errors: a directory that is down at start must
 * not keep the bot from serving the people listed by hand (and its groups grant nothing).
 */
import type { GroupSource } from './groups.js';
import { parseGroupRef } from './groups.js';

export interface NamedGroup {
  /** Where the config names it: `access.groups.0.group`. */
  path: string;
  group: string;
}

export async function checkNamedGroups(sources: readonly GroupSource[], named: readonly NamedGroup[]): Promise<string[]> {
  const warnings: string[] = [];
  const unreachable = new Map<string, string>();
  for (const { path, group } of named) {
    const ref = parseGroupRef(group);
    const source = ref && sources.find((s) => s.name === ref.source);
    if (!ref || !source?.describeGroup) continue;
    if (unreachable.has(source.name)) {
      warnings.push(`${path}: ${group} could not be checked: ${unreachable.get(source.name)}`);
      continue;
    }
    try {
      const found = await source.describeGroup(ref.group);
      if (found === 'missing') warnings.push(`${path}: ${group} does not exist in ${source.name}; it grants nothing`);
      if (found === 'empty') warnings.push(`${path}: ${group} has no members; it grants nothing for now`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      unreachable.set(source.name, reason);
      warnings.push(`${path}: ${group} could not be checked: ${reason}`);
    }
  }
  return warnings;
}
