/**
 * @module remoting/powershell/clixml-escape: the `_xHHHH_` escapes of PowerShell's CLIXML
 * strings ([MS-PSRP] 2.2.5.3.2, encoding of String): control characters, surrogate halves (so a
 * non-BMP character is two escapes), and `_x005F_` for an underscore that would otherwise start
 * an escape.
 */

const ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

/** Undoes `_xHHHH_` escapes; adjacent surrogate escapes join into one character. */
export function decodeClixmlString(text: string): string {
  return text.replace(ESCAPE, (_match, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

function needsEscape(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || (code >= 0xd800 && code <= 0xdfff) || code >= 0xfffe;
}

function escapeUnit(code: number): string {
  return `_x${code.toString(16).toUpperCase().padStart(4, '0')}_`;
}

/** Text as PowerShell writes it inside `<S>`: `_xHHHH_` escapes, then XML escaping of & < >. */
export function encodeClixmlString(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const char = text[i] ?? '';
    if (needsEscape(code)) out += escapeUnit(code);
    else if (char === '_' && (text[i + 1] === 'x' || text[i + 1] === 'X')) out += escapeUnit(code);
    else if (char === '&') out += '&amp;';
    else if (char === '<') out += '&lt;';
    else if (char === '>') out += '&gt;';
    else out += char;
  }
  return out;
}
