/**
 * @module cluster/scripts: the PowerShell scripts the bot runs on a cluster node, one readable
 * `.ps1` per operation in this folder, read once and found by name, or by exact body (the
 * simulator's script host recognises a script only by its exact text); and prelude.ps1, the
 * helper functions they share, sent before each of them.
 */
import { readFileSync } from 'node:fs';
import { helpersFor, preludeFunctions } from './prelude.js';

export { scriptErrorIds, scriptErrorIdFor, clusterErrorCodeForId, type ScriptErrorName } from './error-ids.js';
export type * from './shapes.js';

export const clusterScriptNames = [
  'list-nodes',
  'get-node-host',
  'list-vms',
  'get-vm',
  'list-volumes',
  'find-vm-host',
  'migrate-vm',
  'watch-migration',
  'get-migration-jobs',
  'cancel-migration',
  'pause-node',
  'resume-node',
  'move-volume',
  'validate-cluster',
  'set-vm-power',
  'checkpoint-vm',
  'list-checkpoints',
  'list-events',
] as const;

export type ClusterScriptName = (typeof clusterScriptNames)[number];

export type ClusterScripts = Readonly<Record<ClusterScriptName, string>>;

let loaded: ClusterScripts | undefined;
let prelude: string | undefined;
let helpers: ReadonlyMap<ClusterScriptName, string> | undefined;
let byBody: ReadonlyMap<string, ClusterScriptName> | undefined;

/** The file's text as it is on disk (a UTF-8 byte order mark left by an editor is dropped). */
function readScript(name: ClusterScriptName | 'prelude'): string {
  return readFileSync(new URL(`./${name}.ps1`, import.meta.url), 'utf8').replace(/^\uFEFF/, '');
}

/** prelude.ps1 as it is on disk: the functions the scripts share (New-ChatOpsError, Get-HResult, …). Read once. */
export function clusterScriptPrelude(): string {
  prelude ??= readScript('prelude');
  return prelude;
}

/**
 * The prelude's functions that this script calls (directly or through another helper), in the
 * prelude's order, as they are in the file: what goes before the script in the same invocation.
 * '' for a script that calls none.
 */
export function clusterScriptHelpers(name: ClusterScriptName): string {
  if (!helpers) {
    const functions = preludeFunctions(clusterScriptPrelude());
    const scripts = loadClusterScripts();
    helpers = new Map(clusterScriptNames.map((n) => [n, helpersFor(scripts[n], functions)]));
  }
  return helpers.get(name) ?? '';
}

/** Every script, read from disk on the first call and kept. */
export function loadClusterScripts(): ClusterScripts {
  if (!loaded) {
    const entries = clusterScriptNames.map((name) => [name, readScript(name)] as const);
    loaded = Object.freeze(Object.fromEntries(entries) as Record<ClusterScriptName, string>);
    byBody = new Map(entries.map(([name, body]) => [body, name]));
  }
  return loaded;
}

export function clusterScript(name: ClusterScriptName): string {
  return loadClusterScripts()[name];
}

/** The name of the script whose text is exactly `body`, or undefined. */
export function identifyClusterScript(body: string): ClusterScriptName | undefined {
  loadClusterScripts();
  return byBody?.get(body);
}
