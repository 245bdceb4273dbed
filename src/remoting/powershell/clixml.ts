/**
 * @module remoting/powershell/clixml: stderr of `powershell.exe` read fully. With redirected
 * streams PowerShell writes `#< CLIXML` and then `<Objs>` documents (several may follow each
 * other, headers repeated or not, with plain text between): `<S S="Error">` lines of the error
 * view, `<S S="warning|verbose|debug|information">` messages, `<Obj S="progress">` records. Error
 * lines become error records; the other streams are kept apart; plain text passes through.
 * Bounded: depth and element counts are checked before parsing, and records are parsed one at a
 * time (decodeStderrAsync lets the event loop run between them).
 */
import { DOMParser, onErrorStopParsing, type Element } from '@xmldom/xmldom';
import { decodeClixmlString } from './clixml-escape.js';
import { parseErrorView, readCategoryInfo } from './error-view.js';
import { ResponseLimits } from '../wsman/constants.js';
import { checkXmlBounds, rootChildren } from '../wsman/xml-scan.js';
import type { PowerShellErrorRecord } from './errors.js';

export const CLIXML_HEADER = '#< CLIXML';
/** Namespace of serialized PowerShell objects ([MS-PSRP] 2.2.5). */
export const CLIXML_NAMESPACE = 'http://schemas.microsoft.com/powershell/2004/04';

export interface ProgressRecord {
  readonly activity: string;
  readonly activityId: number;
  readonly statusDescription: string;
  readonly currentOperation?: string;
  readonly parentActivityId: number;
  readonly percentComplete: number;
  readonly secondsRemaining: number;
  /** `Processing` or `Completed`. */
  readonly recordType: string;
}

export interface DecodedStderr {
  readonly errorRecords: readonly PowerShellErrorRecord[];
  readonly warnings: readonly string[];
  readonly verbose: readonly string[];
  readonly debug: readonly string[];
  readonly information: readonly string[];
  readonly progress: readonly ProgressRecord[];
  /** Whatever was not CLIXML (a native command's stderr, cmd.exe messages), as it came. */
  readonly text: string;
}

interface Sink {
  errorText: string;
  errorObjects: PowerShellErrorRecord[];
  warnings: string[];
  verbose: string[];
  debug: string[];
  information: string[];
  progress: ProgressRecord[];
  text: string[];
}

function elements(parent: Element): Element[] {
  return Array.from(parent.childNodes).filter((node): node is Element => node.nodeType === 1);
}

function child(parent: Element, localName: string): Element | undefined {
  return elements(parent).find((element) => element.localName === localName);
}

function textOf(element: Element | undefined): string {
  return decodeClixmlString(element?.textContent ?? '');
}

function numberOf(element: Element | undefined, fallback: number): number {
  const value = Number.parseInt(element?.textContent ?? '', 10);
  return Number.isNaN(value) ? fallback : value;
}

function withoutLineEnd(text: string): string {
  return text.replace(/\r?\n$/, '');
}

/** `<PR>`: AV activity, AI id, then current operation (S or Nil), PI, PC, T, SR, SD. */
function readProgress(obj: Element): ProgressRecord | undefined {
  const record = obj.getElementsByTagNameNS('*', 'PR')[0];
  if (!record) return undefined;
  const operation = elements(record)[2];
  return {
    activity: textOf(child(record, 'AV')),
    activityId: numberOf(child(record, 'AI'), 0),
    statusDescription: textOf(child(record, 'SD')).trim(),
    ...(operation?.localName === 'S' ? { currentOperation: textOf(operation) } : {}),
    parentActivityId: numberOf(child(record, 'PI'), -1),
    percentComplete: numberOf(child(record, 'PC'), -1),
    secondsRemaining: numberOf(child(record, 'SR'), -1),
    recordType: textOf(child(record, 'T')),
  };
}

/** A serialized ErrorRecord object ([MS-PSRP] 2.2.3.15), as `-OutputFormat xml` would write it. */
function readErrorObject(obj: Element): PowerShellErrorRecord {
  const props = new Map<string, string>();
  for (const set of elements(obj).filter((element) => element.localName === 'MS')) {
    for (const prop of elements(set)) props.set(prop.getAttribute('N') ?? '', textOf(prop));
  }
  const info = readCategoryInfo(props.get('ErrorCategory_Message') ?? '');
  const targetName = props.get('ErrorCategory_TargetName') || undefined;
  const reason = props.get('ErrorCategory_Reason') || undefined;
  return {
    message: withoutLineEnd(textOf(child(obj, 'ToString')) || props.get('ErrorDetails_Message') || ''),
    ...(info.category ? { category: info.category } : {}),
    ...(props.get('FullyQualifiedErrorId') ? { fullyQualifiedErrorId: props.get('FullyQualifiedErrorId') } : {}),
    ...(targetName ? { targetName } : {}),
    ...(reason ? { reason } : {}),
  };
}

function readStreamEntry(entry: Element, sink: Sink): void {
  const stream = (entry.getAttribute('S') ?? '').toLowerCase();
  const isObject = entry.localName === 'Obj';
  const text = isObject ? textOf(child(entry, 'ToString')) : textOf(entry);
  if (stream === 'error') {
    if (isObject) sink.errorObjects.push(readErrorObject(entry));
    else sink.errorText += text;
  } else if (stream === 'progress') {
    const record = isObject ? readProgress(entry) : undefined;
    if (record) sink.progress.push(record);
  } else if (stream === 'warning') {
    sink.warnings.push(withoutLineEnd(text));
  } else if (stream === 'verbose' || stream === 'debug' || stream === 'information') {
    sink[stream].push(withoutLineEnd(text));
  } else {
    sink.text.push(text);
  }
}

/** A sink with nothing in it, and `into` with `from` appended. */
const emptySink = (): Sink => ({ errorText: '', errorObjects: [], warnings: [], verbose: [], debug: [], information: [], progress: [], text: [] });

function merge(into: Sink, from: Sink): void {
  into.errorText += from.errorText;
  for (const key of ['errorObjects', 'warnings', 'verbose', 'debug', 'information', 'progress', 'text'] as const) {
    (into[key] as unknown[]).push(...from[key]);
  }
}

const recordBounds = {
  maxDepth: ResponseLimits.maxClixmlDepth,
  maxElements: ResponseLimits.maxClixmlElementsPerRecord,
  names: { depth: 'clixml-depth', elements: 'clixml-elements' },
} as const;

/**
 * One `<Objs>` document, bounded (depth, elements: ResponseLimitError) and parsed one record at a
 * time so that no single parse holds the event loop long; yields after each record. Returns false
 * if it is not well-formed XML (the caller keeps it as text).
 */
function* readObjs(xml: string, sink: Sink): Generator<void, boolean> {
  const records = yield* rootChildren(xml, { ...recordBounds, maxElements: ResponseLimits.maxClixmlElements });
  const rootTag = /^<Objs\b[^>]*>/.exec(xml)?.[0] ?? '';
  const block = emptySink();
  for (const record of records) {
    checkXmlBounds(record, recordBounds);
    let root: Element | null;
    try {
      root = new DOMParser({ onError: onErrorStopParsing }).parseFromString(`${rootTag}${record}</Objs>`, 'text/xml').documentElement;
    } catch {
      return false;
    }
    for (const entry of root ? elements(root) : []) readStreamEntry(entry, block);
    yield;
  }
  merge(sink, block);
  return true;
}

const OBJS_START = /^\s*<Objs\b/;
const OBJS_END = '</Objs>';

/** Reads the `<Objs>` blocks at the start of `rest`; returns what follows them. */
function* readObjsRun(rest: string, sink: Sink): Generator<void, string> {
  while (OBJS_START.test(rest)) {
    const selfClosing = /^\s*<Objs\b[^>]*\/>/.exec(rest);
    const end = selfClosing ? selfClosing[0].length : rest.indexOf(OBJS_END) + OBJS_END.length;
    if (end < OBJS_END.length) break;
    const block = rest.slice(0, end);
    if (!(yield* readObjs(block.trim(), sink))) sink.text.push(block);
    rest = rest.slice(end).replace(/^\r?\n/, '');
  }
  return rest;
}

function* decodeSteps(stderr: string): Generator<void, DecodedStderr> {
  const sink = emptySink();
  let rest = stderr;
  for (let at = rest.indexOf(CLIXML_HEADER); at >= 0; at = rest.indexOf(CLIXML_HEADER)) {
    sink.text.push(rest.slice(0, at));
    rest = yield* readObjsRun(rest.slice(at + CLIXML_HEADER.length).replace(/^\r?\n/, ''), sink);
  }
  sink.text.push(rest);
  return {
    errorRecords: [...parseErrorView(sink.errorText), ...sink.errorObjects],
    warnings: sink.warnings,
    verbose: sink.verbose,
    debug: sink.debug,
    information: sink.information,
    progress: sink.progress,
    text: sink.text.join(''),
  };
}

/**
 * Decodes stderr (already text; UTF-8 with code page 65001). Plain stderr comes back as `text`.
 * Throws ResponseLimitError for CLIXML nested or sized beyond ResponseLimits.
 */
export function decodeStderr(stderr: string): DecodedStderr {
  const steps = decodeSteps(stderr);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Longest the async decoder works before letting the event loop run. */
const SLICE_MS = 2;

/** decodeStderr in slices of a few milliseconds, so a large error stream never stalls the event loop. */
export async function decodeStderrAsync(stderr: string): Promise<DecodedStderr> {
  const steps = decodeSteps(stderr);
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
}

export { encodeClixml, encodeClixmlError, type ClixmlStreams } from './clixml-encode.js';
