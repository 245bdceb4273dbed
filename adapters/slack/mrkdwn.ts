/**
 * @module slack/mrkdwn: text for Slack. Everything from the core or from users is escaped
 * (so a VM called `<!channel>` pings nobody); only mentions we build ourselves are markup.
 */
import type { Actor } from '../../src/core/chat.js';

export const SLACK_PLATFORM = 'slack';

/** Slack's message formatting: the three characters that must be escaped (docs.slack.dev/messaging/formatting-message-text). */
const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;' } as const;

export function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (c) => ESCAPES[c as keyof typeof ESCAPES]);
}

/** `<@U…>` for people on Slack (they get notified); `@name` for anyone else. */
export function mention(actor: Actor): string {
  return actor.platform === SLACK_PLATFORM && /^[UW][A-Z0-9]+$/.test(actor.id) ? `<@${actor.id}>` : `@${escapeText(actor.name)}`;
}

/** Cuts to `max` characters, ending with an ellipsis when something was cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1))}…`;
}

/** Splits text into pieces of at most `max` characters, at line breaks where it can. */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    const candidate = current ? `${current}\n${line}` : line;
    if (candidate.length <= max) {
      current = candidate;
      continue;
    }
    if (current) pieces.push(current);
    current = line;
    while (current.length > max) {
      pieces.push(current.slice(0, max));
      current = current.slice(max);
    }
  }
  if (current || pieces.length === 0) pieces.push(current);
  return pieces;
}

/**
 * What a person typed, from Slack's encoded message text: `<http://x|x>` links and
 * `<#C1|ops>` channels back to their labels, `&amp; &lt; &gt;` back to characters.
 */
export function typedText(encoded: string): string {
  return encoded
    .replace(/<([^<>|]*)\|([^<>]*)>/g, (_, target: string, label: string) => (target.startsWith('#') ? `#${label}` : label))
    .replace(/<((?:https?|mailto):[^<>]*)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
