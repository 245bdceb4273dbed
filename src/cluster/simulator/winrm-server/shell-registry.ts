/**
 * @module winrm-server/shell-registry: the WinRS shells of each user, with Windows' quotas:
 * MaxShellsPerUser on Create, MaxConcurrentOperationsPerUser on Command (a command counts until
 * it is Signalled or its shell Deleted, which is why leaked commands exhaust it), and the shell
 * IdleTimeout (a shell unused that long is gone, and its id is an invalid selector).
 */
import { randomUUID } from 'node:crypto';
import { WinrsFault } from './faults.js';
import type { HostedCommand } from './hosted-command.js';

export interface ShellSettings {
  /** WINRS_CODEPAGE as the client asked (the host writes bytes; recorded, not converted). */
  readonly codepage: number | undefined;
  /** WINRS_NOPROFILE. */
  readonly noProfile: boolean;
}

export interface HostedShell extends ShellSettings {
  readonly id: string;
  readonly owner: string;
  readonly commands: Map<string, HostedCommand>;
  lastUsed: number;
}

export interface ShellRegistryOptions {
  readonly maxShellsPerUser: number;
  readonly maxConcurrentOperationsPerUser: number;
  readonly idleTimeoutMs: number;
  readonly now: () => number;
}

export interface ShellRegistry {
  /** Opens a shell for `owner`; throws the shells quota fault past MaxShellsPerUser. */
  create(owner: string, settings: ShellSettings): HostedShell;
  /** The owner's live shell with this id; throws shellNotFound (also for another user's shell). */
  get(owner: string, shellId: string | undefined): HostedShell;
  /** Adds a command; throws the operations quota fault past MaxConcurrentOperationsPerUser. */
  addCommand(shell: HostedShell, command: HostedCommand): void;
  /** The shell's command; throws commandNotFound. */
  command(shell: HostedShell, commandId: string | undefined): HostedCommand;
  removeCommand(shell: HostedShell, commandId: string): void;
  /** Marks the shell used now (after a long poll). */
  touch(shell: HostedShell): void;
  delete(shell: HostedShell): void;
  /** Shells open now (idle ones past their timeout are gone). */
  open(): number;
  clear(): void;
}

export function createShellRegistry(options: ShellRegistryOptions): ShellRegistry {
  const byUser = new Map<string, Map<string, HostedShell>>();

  /** The user's shells, without those idle past the timeout. */
  function shellsOf(owner: string): Map<string, HostedShell> {
    let shells = byUser.get(owner);
    if (!shells) byUser.set(owner, (shells = new Map()));
    const now = options.now();
    for (const [id, shell] of shells) if (now - shell.lastUsed > options.idleTimeoutMs) shells.delete(id);
    return shells;
  }

  const operationsOf = (owner: string) => [...shellsOf(owner).values()].reduce((n, s) => n + s.commands.size, 0);

  return {
    create(owner, settings) {
      const shells = shellsOf(owner);
      if (shells.size >= options.maxShellsPerUser) throw new WinrsFault('shellsQuota', options.maxShellsPerUser);
      const shell: HostedShell = { ...settings, id: randomUUID().toUpperCase(), owner, commands: new Map(), lastUsed: options.now() };
      shells.set(shell.id, shell);
      return shell;
    },
    get(owner, shellId) {
      const shell = shellId === undefined ? undefined : shellsOf(owner).get(shellId.toUpperCase());
      if (!shell) throw new WinrsFault('shellNotFound');
      shell.lastUsed = options.now();
      return shell;
    },
    addCommand(shell, command) {
      const limit = options.maxConcurrentOperationsPerUser;
      if (operationsOf(shell.owner) >= limit) throw new WinrsFault('operationsQuota', limit);
      shell.commands.set(command.id, command);
    },
    command(shell, commandId) {
      const command = commandId === undefined ? undefined : shell.commands.get(commandId.toUpperCase());
      if (!command) throw new WinrsFault('commandNotFound');
      return command;
    },
    removeCommand(shell, commandId) {
      shell.commands.delete(commandId.toUpperCase());
    },
    touch(shell) {
      shell.lastUsed = options.now();
    },
    delete(shell) {
      byUser.get(shell.owner)?.delete(shell.id);
    },
    open() {
      return [...byUser.keys()].reduce((n, owner) => n + shellsOf(owner).size, 0);
    },
    clear() {
      byUser.clear();
    },
  };
}
