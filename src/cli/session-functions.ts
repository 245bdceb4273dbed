/**
 * @module cli/session-functions: what `check` says of a PSRP endpoint: the functions its session
 * exposes (Get-Command, which RestrictedRemoteServer keeps visible) and any the bot needs but lacks.
 */
import { jeaFunctions } from '../cluster/jea/function-names.js';
import { PsObject, toPlain, type PsrpClient } from '../remoting/psrp/index.js';

export interface SessionFunctions {
  /** The bot's functions the session has, sorted. */
  readonly present: readonly string[];
  /** The bot's functions it lacks (the role or the module is out of date). */
  readonly missing: readonly string[];
  /** Every command the session shows. */
  readonly commands: number;
}

export async function readSessionFunctions(client: Pick<PsrpClient, 'invoke'>): Promise<SessionFunctions> {
  const result = await client.invoke({ name: 'Get-Command' });
  const names = new Set(result.output.map((c) => String(toPlain(c instanceof PsObject ? c.get('Name') : c))));
  return {
    present: jeaFunctions.filter((f) => names.has(f)),
    missing: jeaFunctions.filter((f) => !names.has(f)),
    commands: names.size,
  };
}
