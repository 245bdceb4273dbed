/**
 * @module remoting/powershell/clixml-encode: stderr as Windows PowerShell 5.1 writes it when its
 * streams are redirected, for the simulator's server to send: `#< CLIXML`, then one `<Objs>`
 * with progress records, warnings and the error view of each error record.
 */
import { encodeClixmlString } from './clixml-escape.js';
import { formatErrorView } from './error-view.js';
import type { PowerShellErrorRecord } from './errors.js';

const OBJS_OPEN = '<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">';

export interface ClixmlStreams {
  readonly errors?: readonly PowerShellErrorRecord[];
  readonly warnings?: readonly string[];
  readonly verbose?: readonly string[];
  /** Activities of completed progress records, like "Preparing modules for first use.". */
  readonly progress?: readonly string[];
}

function line(stream: string, text: string): string {
  return `<S S="${stream}">${encodeClixmlString(`${text}\r\n`)}</S>`;
}

function progress(activity: string, refId: number): string {
  const type =
    refId === 0
      ? '<TN RefId="0"><T>System.Management.Automation.PSCustomObject</T><T>System.Object</T></TN>'
      : '<TNRef RefId="0" />';
  return (
    `<Obj S="progress" RefId="${refId}">${type}<MS><I64 N="SourceId">1</I64><PR N="Record">` +
    `<AV>${encodeClixmlString(activity)}</AV><AI>0</AI><Nil /><PI>-1</PI><PC>-1</PC><T>Completed</T><SR>-1</SR><SD> </SD>` +
    '</PR></MS></Obj>'
  );
}

/** A complete CLIXML stderr document (header, CRLF, one `<Objs>`). */
export function encodeClixml(streams: ClixmlStreams): string {
  const parts = [
    ...(streams.progress ?? []).map(progress),
    ...(streams.warnings ?? []).map((text) => line('warning', text)),
    ...(streams.verbose ?? []).map((text) => line('verbose', text)),
    ...(streams.errors ?? []).flatMap((record) => formatErrorView(record).map((text) => line('Error', text))),
  ];
  return `#< CLIXML\r\n${OBJS_OPEN}${parts.join('')}</Objs>`;
}

/** The stderr of a script that failed with these error records. */
export function encodeClixmlError(records: PowerShellErrorRecord | readonly PowerShellErrorRecord[]): string {
  return encodeClixml({ errors: Array.isArray(records) ? records : [records as PowerShellErrorRecord] });
}
