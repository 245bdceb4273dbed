/**
 * @module console/limits: what fits a terminal. No standard says how tall a terminal is; 40
 * lines is a common window (a VT100's 24 is too few for a table), so a message stays within a
 * screenful and commands page what is longer (src/core/pages.ts).
 */
export const CONSOLE_LIMITS = {
  /** Lines of one message before the last-resort guard cuts it. */
  screenLines: 40,
  /** Characters of one line (a pasted page in one section must not fill the scrollback). */
  lineChars: 500,
} as const;
