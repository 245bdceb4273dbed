/**
 * @module wsman/xml-scan: one linear pass over XML text that finds the tags (skipping comments,
 * CDATA, processing instructions and quoted attribute values), so depth and element count can be
 * bounded before a DOM parser spends time on hostile input, and a document can be cut into its
 * root's children to be parsed piece by piece.
 */
import { ResponseLimitError, type ResponseLimit } from '../errors.js';

export type TagKind = 'open' | 'close' | 'empty';

/** Calls `onTag` for every tag in document order (`start` at `<`, `end` after `>`); stops at a tag that never closes. */
export function scanTags(xml: string, onTag: (kind: TagKind, start: number, end: number) => void): void {
  const skipTo = (from: number, marker: string) => {
    const at = xml.indexOf(marker, from);
    return at < 0 ? -1 : at + marker.length;
  };
  let i = xml.indexOf('<');
  while (i >= 0 && i < xml.length) {
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
    if (end < 0) return;
    i = xml.indexOf('<', end);
  }
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

/** Throws ResponseLimitError when `xml` nests deeper or holds more elements than `bounds` allow. */
export function checkXmlBounds(xml: string, bounds: XmlBounds): void {
  let depth = 0;
  let elements = 0;
  scanTags(xml, (kind) => {
    if (kind === 'close') {
      depth--;
      return;
    }
    if (++elements > bounds.maxElements) throw new ResponseLimitError(bounds.names.elements, bounds.maxElements);
    if (kind === 'open' && ++depth > bounds.maxDepth) throw new ResponseLimitError(bounds.names.depth, bounds.maxDepth);
  });
}

/** The source text of each child element of the root, in order (text between them is dropped). */
export function rootChildren(xml: string): string[] {
  const pieces: string[] = [];
  let depth = 0;
  let childStart = -1;
  scanTags(xml, (kind, start, end) => {
    if (kind === 'close') {
      depth--;
      if (depth === 1 && childStart >= 0) {
        pieces.push(xml.slice(childStart, end));
        childStart = -1;
      }
      return;
    }
    if (depth === 1 && kind === 'empty') pieces.push(xml.slice(start, end));
    else if (kind === 'open') {
      if (depth === 1) childStart = start;
      depth++;
    }
  });
  return pieces;
}
