/**
 * Checks a rendered message against each platform's documented limits, independently of the
 * renderers' own guards: Slack's Block Kit and chat.postMessage limits, Teams' activity size,
 * a console screenful. Returns what is over, so a failing test names the limit.
 */
import type { types as slack } from '@slack/bolt';
import { renderText } from '../../../adapters/console/render-text.js';
import { CONSOLE_LIMITS } from '../../../adapters/console/limits.js';
import { renderMessage } from '../../../adapters/slack/block-kit.js';
import { BLOCK_KIT_LIMITS as L, MESSAGE_TEXT_LIMIT } from '../../../adapters/slack/limits.js';
import { cardActivity, renderCard, type CardElement } from '../../../adapters/teams/adaptive-card.js';
import { CARD_ELEMENT_LIMITS, TEAMS_MESSAGE_LIMITS } from '../../../adapters/teams/limits.js';
import type { ChatMessage } from '../../../src/core/chat.js';

export function slackProblems(message: ChatMessage): string[] {
  const out = renderMessage(message);
  const problems: string[] = [];
  if (out.blocks.length > L.blocksPerMessage) problems.push(`${out.blocks.length} blocks > ${L.blocksPerMessage}`);
  if (out.text.length > MESSAGE_TEXT_LIMIT) problems.push(`text ${out.text.length} > ${MESSAGE_TEXT_LIMIT}`);
  for (const b of out.blocks as slack.KnownBlock[]) {
    if (b.type === 'header' && b.text.text.length > L.headerText) problems.push(`header ${b.text.text.length} > ${L.headerText}`);
    if (b.type === 'section') {
      if (b.text && b.text.text.length > L.sectionText) problems.push(`section ${b.text.text.length} > ${L.sectionText}`);
      if (b.fields && b.fields.length > L.sectionFields) problems.push(`${b.fields.length} fields > ${L.sectionFields}`);
      for (const f of b.fields ?? []) if (f.text.length > L.fieldText) problems.push(`field ${f.text.length} > ${L.fieldText}`);
    }
    if (b.type === 'context') {
      if (b.elements.length > L.contextElements) problems.push(`${b.elements.length} context elements`);
      for (const e of b.elements) if ('text' in e && e.text.length > L.contextText) problems.push(`context ${e.text.length} > ${L.contextText}`);
    }
    if (b.type === 'actions' && b.elements.length > L.actionsElements) problems.push(`${b.elements.length} actions > ${L.actionsElements}`);
  }
  return problems;
}

function tableRows(elements: readonly CardElement[]): number[] {
  return elements.flatMap((e) => (e.type === 'Table' && Array.isArray(e.rows) ? [e.rows.length - 1] : []));
}

export function teamsProblems(message: ChatMessage): string[] {
  const problems: string[] = [];
  for (const actions of [false, true]) {
    const card = renderCard(message, { actions, refresh: { requestId: 1, userIds: Array.from({ length: 60 }, (_, i) => `29:user-${i}`) } });
    const size = Buffer.byteLength(JSON.stringify(cardActivity(card)), 'utf8');
    if (size > TEAMS_MESSAGE_LIMITS.activityBudgetBytes) problems.push(`activity ${size} bytes > ${TEAMS_MESSAGE_LIMITS.activityBudgetBytes}`);
    if (card.body.length > CARD_ELEMENT_LIMITS.bodyElements) problems.push(`${card.body.length} body elements`);
    for (const rows of tableRows(card.body)) if (rows > CARD_ELEMENT_LIMITS.tableRows) problems.push(`table of ${rows} rows`);
  }
  return problems;
}

export function consoleProblems(message: ChatMessage): string[] {
  const lines = renderText(message);
  const problems = lines.length > CONSOLE_LIMITS.screenLines ? [`${lines.length} lines > ${CONSOLE_LIMITS.screenLines}`] : [];
  const wide = lines.filter((l) => l.length > CONSOLE_LIMITS.lineChars).length;
  return wide ? [...problems, `${wide} lines wider than ${CONSOLE_LIMITS.lineChars}`] : problems;
}

export function allProblems(message: ChatMessage): string[] {
  return [...slackProblems(message).map((p) => `Slack: ${p}`), ...teamsProblems(message).map((p) => `Teams: ${p}`), ...consoleProblems(message).map((p) => `console: ${p}`)];
}
