/**
 * @module teams/app/manifest-commands: the bot's command list in the Teams app manifest,
 * generated from the command specs: the commands of TEAMS_COMMAND_MENU (Teams shows at most
 * twelve; `help` lists the rest), titled by name, described by usage and summary.
 */
import { isActionCommand, type AnyCommandSpec } from '../../../src/core/command-spec.js';
import { createParser } from '../../../src/core/parser.js';

/**
 * Microsoft 365 app manifest, root.bots.commandLists.commands: at most 12 commands since
 * v1.24 (10 before); title ≤ 32 and description ≤ 128 characters (the older, stricter limits).
 */
export const MANIFEST_COMMAND_LIMITS = { commands: 12, title: 32, description: 128 } as const;

export interface ManifestCommand {
  title: string;
  description: string;
}

/** The commands the Teams compose box suggests, most used first; approve, deny and cancel are the card's buttons. */
export const TEAMS_COMMAND_MENU = ['help', 'vms', 'vm', 'nodes', 'volumes', 'migrate', 'drain', 'resume', 'validate', 'events', 'jobs', 'audit'] as const;

export class CommandListTooLongError extends Error {
  override readonly name = 'CommandListTooLongError';
  constructor(readonly names: readonly string[]) {
    super(`A Teams command list holds ${MANIFEST_COMMAND_LIMITS.commands} commands; the menu names ${names.length}: ${names.join(', ')}.`);
  }
}

export class UnknownMenuCommandError extends Error {
  override readonly name = 'UnknownMenuCommandError';
  constructor(readonly names: readonly string[]) {
    super(`The Teams command menu names commands the bot does not have: ${names.join(', ')}.`);
  }
}

export function manifestCommands(specs: readonly AnyCommandSpec[], menu: readonly string[] = TEAMS_COMMAND_MENU): ManifestCommand[] {
  const parser = createParser(specs);
  if (menu.length > MANIFEST_COMMAND_LIMITS.commands) throw new CommandListTooLongError(menu);
  const typed = specs.filter((s) => !isActionCommand(s));
  const unknown = menu.filter((name) => !typed.some((s) => s.name === name));
  if (unknown.length) throw new UnknownMenuCommandError(unknown);
  return menu.map((name) => typed.find((s) => s.name === name)!).map((spec) => {
    // Optional parts (`vms [on <node>] [page <page>]`) are for help; the menu shows the plain form.
    const usage = (parser.usage(spec)[0] ?? spec.name).replace(/ \[[^\]]*\]/g, '');
    const description = usage === spec.name ? spec.summary : `${usage}: ${spec.summary}`;
    return { title: clip(spec.name, MANIFEST_COMMAND_LIMITS.title), description: clip(description, MANIFEST_COMMAND_LIMITS.description) };
  });
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
