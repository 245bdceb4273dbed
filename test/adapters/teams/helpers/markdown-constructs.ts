/**
 * What a Markdown renderer of the kind Teams uses for TextBlock and Fact text would make of a
 * string, reduced to what matters here: the links, mention tags, emphasis and list items it
 * would find, whether or not it honours backslash escapes; and the text a reader would see
 * when it does (CommonMark 0.31, 2.4: a backslash before ASCII punctuation shows the character).
 */

/** Constructs found by a renderer that honours escapes (the first list) or ignores them (the second). */
export function constructs(text: string): { escaped: string[]; naive: string[] } {
  // An escaped character is shown as itself and starts nothing: a neutral placeholder stands for it.
  const unescaped = text.replace(/\\[!-/:-@[-`{-~]/g, '\u0001');
  return { escaped: find(unescaped), naive: find(text.replace(/\\/g, '\u0000')) };
}

function find(text: string): string[] {
  const found: string[] = [];
  if (/\[[^\]]*\]\(/.test(text)) found.push('link');
  if (/<at>/i.test(text)) found.push('mention');
  // A tag: a name, then a space, `/` or `>` (cards support no HTML; this is what a lax renderer might still take).
  if (/<[a-z][a-z0-9]*[\s/>]/i.test(text)) found.push('html');
  if (/\*\*[^*\s]/.test(text) || /(^|[\s(])_[^_\s][^_]*_/.test(text)) found.push('emphasis');
  if (/^\s*([-+*]|\d+[.)])\s/m.test(text)) found.push('list');
  if (/https?:\/\/|\bwww\./i.test(text)) found.push('url');
  return found;
}

/** The text a reader sees where escapes are honoured (a word joiner is invisible). */
export function shown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/<\u2060/g, '<');
}
