/**
 * @module wsman/xml-scan: one linear pass over XML text that finds the tags (skipping comments,
 * CDATA, processing instructions and quoted attribute values), so depth and element count can be
 * bounded before a DOM parser spends time on hostile input, and a document can be cut into its
 * root's children to be parsed piece by piece.
 */
import { ResponseLimitError, type ResponseLimit } from '../errors.js';

export type TagKind = 'open' | 'close' | 'empty';

/**
 * Calls `onTag` for every tag in document order (`start` at `<`, `end` after `>`), from `from`,
 * stopping at a tag that never closes. With `budget`, stops after that many tags and returns
 * where to go on (resume with it as `from`); returns -1 when the text is done.
 */
export function scanTags(xml: string, onTag: (kind: TagKind, start: number, end: number) => void, from = 0, budget = Infinity): number {
  const skipTo = (at: number, marker: string) => {
    const found = xml.indexOf(marker, at);
    return found < 0 ? -1 : found + marker.length;
  };
  let i = xml.indexOf('<', from);
  for (let tags = 0; i >= 0 && i < xml.length; tags++) {
    if (tags >= budget) return i;
    const next = xml[i + 1];
    let end: number;
    if (xml.startsWith('<!--', i)) end = skipTo(i + 4, '-->');
    else if (xml.startsWith('<![CDATA[', i)) end = skipTo(i + 9, ']]>');
    else if (next === '?') end = skipTo(i + 2, '?>');
    else if (next === '!') end = skipTo(i + 2, '>');
    else if (next === '/') {
      end = skipTo(i + 2, '>');
      if (end > 0) onTag('close', i, end);
    } else {
      end = startTagEnd(xml, i + 1);
      if (end > 0) onTag(xml.charCodeAt(end - 2) === 0x2f ? 'empty' : 'open', i, end);
    }
    if (end < 0) return -1;
    i = xml.indexOf('<', end);
  }
  return -1;
}

/** The index after the `>` closing a start tag, `>` inside quoted attribute values skipped; -1 if none. */
function startTagEnd(xml: string, from: number): number {
  let quote = 0;
  for (let j = from; j < xml.length; j++) {
    const c = xml.charCodeAt(j);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) quote = c;
    else if (c === 0x3e) return j + 1;
  }
  return -1;
}

export interface XmlBounds {
  readonly maxDepth: number;
  readonly maxElements: number;
  /** Which ResponseLimit to report for each bound. */
  readonly names: { readonly depth: ResponseLimit; readonly elements: ResponseLimit };
}

/** Depth and element count, checked tag by tag against `bounds` (ResponseLimitError beyond). */
function boundsCounter(bounds: XmlBounds) {
  let depth = 0;
  let elements = 0;
  return (kind: TagKind): number => {
    if (kind === 'close') return --depth;
    if (++elements > bounds.maxElements) throw new ResponseLimitError(bounds.names.elements, bounds.maxElements);
    if (kind === 'open' && ++depth > bounds.maxDepth) throw new ResponseLimitError(bounds.names.depth, bounds.maxDepth);
    return kind === 'open' ? depth : depth + 1;
  };
}

/** Throws ResponseLimitError when `xml` nests deeper or holds more elements than `bounds` allow. */
export function checkXmlBounds(xml: string, bounds: XmlBounds): void {
  scanTags(xml, boundsCounter(bounds));
}

/**
 * The source text of each child element of the root, in order (text between them is dropped),
 * checking `bounds` on the way. A generator: it yields after every `tagsPerStep` tags, so a caller
 * can let the event loop run while a large document is cut up.
 */
export function* rootChildren(xml: string, bounds: XmlBounds, tagsPerStep = 500): Generator<void, string[]> {
  const pieces: string[] = [];
  const count = boundsCounter(bounds);
  let childStart = -1;
  const onTag = (kind: TagKind, start: number, end: number) => {
    const depth = count(kind); // after a close: the depth left; else: the element's own depth
    if (kind === 'close' && depth === 1 && childStart >= 0) {
      pieces.push(xml.slice(childStart, end));
      childStart = -1;
    } else if (kind === 'empty' && depth === 2) pieces.push(xml.slice(start, end));
    else if (kind === 'open' && depth === 2) childStart = start;
  };
  for (let at = scanTags(xml, onTag, 0, tagsPerStep); at >= 0; at = scanTags(xml, onTag, at, tagsPerStep)) yield;
  return pieces;
}
