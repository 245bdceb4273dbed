/** @module test helper: reads pypsrp's recorded WinRS exchanges (the subset of YAML they use). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const fixturesDir = fileURLToPath(new URL('../../../fixtures/winrm', import.meta.url));

export interface RecordedMessage {
  readonly request: string;
  readonly response: string;
  /** 500 where the recording says the server answered with a transport error. */
  readonly status: number;
  readonly overrides: ReadonlyArray<{ path: string; attributes: Record<string, string> }>;
}

function scalar(raw: string): string {
  const value = raw.trim();
  return value.startsWith("'") && value.endsWith("'") ? value.slice(1, -1).replace(/''/g, "'") : value;
}

export function readRecording(name: string): RecordedMessage[] {
  const lines = readFileSync(join(fixturesDir, 'pypsrp', name), 'utf8').split('\n');
  const messages: Array<{ request: string; response: string; status: number; overrides: RecordedMessage['overrides'] }> = [];
  let mode = '';
  let last: 'request' | 'response' | undefined;
  for (const line of lines) {
    const current = messages[messages.length - 1];
    let m: RegExpExecArray | null;
    if (current && last && /^ {4}\S/.test(line) && current[last].startsWith('<')) {
      current[last] += ` ${line.trim()}`; // a plain scalar folded over several lines
      continue;
    }
    last = undefined;
    if ((m = /^- request: (.*)$/.exec(line))) {
      messages.push({ request: scalar(m[1] ?? ''), response: '', status: 200, overrides: [] });
      last = 'request';
    } else if (!current) continue;
    else if ((m = /^ {2}response: (.*)$/.exec(line))) {
      current.response = scalar(m[1] ?? '');
      last = 'response';
    } else if ((m = /^ {2}(\w+):\s*$/.exec(line))) mode = m[1] ?? '';
    else if ((m = /^ {4}code: (\d+)$/.exec(line)) && mode === 'transport_error') current.status = Number(m[1]);
    else if ((m = /^ {2}- path: (.*)$/.exec(line))) (current.overrides as unknown[]).push({ path: scalar(m[1] ?? ''), attributes: {} });
    else if ((m = /^ {6}(\w+): (.*)$/.exec(line)) && mode === 'overrides') {
      const override = current.overrides[current.overrides.length - 1];
      if (override && m[1]) override.attributes[m[1]] = scalar(m[2] ?? '');
    }
  }
  return messages;
}

export function readWinrb(name: string): string {
  return readFileSync(join(fixturesDir, 'winrb', name), 'utf8');
}

export function messageIdOf(xml: string): string | undefined {
  return /MessageID>\s*(uuid:[0-9A-Fa-f-]+)\s*</.exec(xml)?.[1];
}
