/**
 * @module teams/limits: how large a Teams bot message may be, as tables named after the page
 * that states them. The card renderer stays under the budget; nothing is ever refused (413).
 */

/**
 * Microsoft Learn, "Format your bot messages" (msteams-docs bots/how-to/format-your-bot-messages.md,
 * checked 2026-12-02): a bot message may be about 100 KB counted as UTF-16 (older and localised
 * pages say 40 KB; Power Automate's Teams connector about 28 KB); above it the service answers
 * 413 RequestEntityTooLarge, MessageSizeTooBig. We design for the smallest that applies, with margin:
 * the whole activity, as UTF-8 JSON, stays under 28 KB.
 */
export const TEAMS_MESSAGE_LIMITS = {
  /** The smallest documented size of a bot message activity, in bytes. */
  documentedActivityBytes: 40 * 1024,
  /** What this adapter allows itself for one activity (UTF-8 JSON). */
  activityBudgetBytes: 28 * 1024,
  /** Room the activity wrapper (summary, attachment envelope) takes around the card. */
  envelopeBytes: 1024,
} as const;

/**
 * Adaptive Cards in Teams: Microsoft documents no count of elements, only the size above, so these
 * are this adapter's own margins that keep a card readable on a phone and well within the size.
 */
export const CARD_ELEMENT_LIMITS = {
  /** Rows of one Table element (besides its header row). */
  tableRows: 40,
  /** Elements in the card body. */
  bodyElements: 60,
  /** Characters of the card's fallbackText (the text a client without cards shows). */
  fallbackTextChars: 4000,
} as const;
