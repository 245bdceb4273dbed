/**
 * @module teams/card-text: text as Teams shows it literally. Teams reads a Markdown subset in
 * an Adaptive Card's TextBlock and in Fact.Title / Fact.Value (bold `**`, italic `_`, lists,
 * `[title](url)` links), turns `<at>name</at>` into a mention when msteams.entities names it,
 * and supports no HTML in cards (msteams-docs task-modules-and-cards/cards/cards-format.md).
 * Every text the core hands over (VM, checkpoint and node names, reasons, display names,
 * command text) goes through `literal`, so none of it can become a link, a mention, a list or
 * emphasis: CommonMark backslash escapes (spec 0.31, 2.4) for the characters that start such
 * constructs, placed so that a renderer that ignores escapes still finds no link or tag.
 * What a reader sees is what was typed; only a `<` before a letter carries an invisible
 * word joiner.
 */

/** Characters escaped wherever they are: emphasis, code, links, tags and entities, escapes. */
const ANYWHERE = /[\\`*_~[\]<>&|]/g;

export function literal(text: string): string {
  return (
    text
      .replace(ANYWHERE, (c) => `\\${c}`)
      // A tag needs a name right after `<`: a word joiner (U+2060, invisible) keeps it apart
      // for a renderer that ignores the escape; cards support no HTML, this is a second fence.
      .replace(/\\<(?=[A-Za-z/!?])/g, '\\<\u2060')
      // A link needs `](` with nothing between: the bracket is escaped above, so is the parenthesis.
      .replace(/\\\]\(/g, '\\]\\(')
      // Bare URLs that a renderer might link: break the scheme and the www. prefix.
      .replace(/:\/\//g, '\\://')
      .replace(/www\./gi, (w) => `${w.slice(0, 3)}\\.`)
      // A line that starts like a list item stays a line of text.
      .replace(/^(\s*)([-+]|\d{1,9}[.)])(?=\s|$)/gm, (_, space: string, marker: string) => `${space}${marker.replace(/[-+.)]$/, (m) => `\\${m}`)}`)
      // ... and one that starts like a heading stays plain.
      .replace(/^(\s*)(#{1,6})(?=\s|$)/gm, '$1\\$2')
  );
}
