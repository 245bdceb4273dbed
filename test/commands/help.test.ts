/** help: generated from the specs, so every command is listed and each one explained. */
import { commands } from '../../commands/index.js';
import { createParser } from '../../src/core/parser.js';
import { createBotHarness, type BotHarness } from '../support/bot-harness.js';

const usage = createParser(commands).usage;

async function answer(h: BotHarness, who: string, text: string) {
  const result = await h.say(who, text);
  expect(result.accepted).toBe(true);
  return h.chat.messages().at(-1)!.message;
}

describe('help', () => {
  test('lists every command with its first phrasing and summary', async () => {
    const h = await createBotHarness();
    const msg = await answer(h, 'alice', 'help');
    const table = msg.blocks.find((b) => b.type === 'table');
    if (table?.type !== 'table') throw new Error('help has no table');
    expect(table.rows).toHaveLength(commands.length);
    for (const spec of commands) {
      expect(table.rows).toContainEqual([usage(spec)[0], spec.summary]);
    }
    expect(msg.text).toContain('migrate <vm> to <node>');
    expect(msg.text).toContain('drain <node>');
    expect(msg.text).toContain('--what-if');
  });

  test('spells storage validation as the README does, `validate storage` only as an alias', async () => {
    const h = await createBotHarness();
    const list = await answer(h, 'alice', 'help');
    expect(list.text).toContain('validate --include storage');
    expect(list.text).not.toMatch(/^validate storage /m);
    const one = await answer(h, 'alice', 'help validate storage');
    expect(one.text).toContain('Usage: validate --include storage  |  validate cluster --include storage  |  validate storage (also)');
    await h.say('alice', 'validate storage --what-if');
    const alias = h.chat.messages().at(-1)!.message.text;
    await h.say('alice', 'validate --include storage --what-if');
    expect(h.chat.messages().at(-1)!.message.text).toBe(alias);
    expect(alias).toContain('Storage');
  });

  test('is open to people the bot does not know', async () => {
    const h = await createBotHarness();
    expect((await answer(h, 'stranger', '?')).text).toContain('What I can do');
  });

  test.each(commands.map((s) => [s.name]))('help %s shows its usage, risk and examples', async (name) => {
    const h = await createBotHarness();
    const spec = commands.find((s) => s.name === name)!;
    const msg = await answer(h, 'dave', `help ${name}`);
    expect(msg.blocks[0]).toEqual({ type: 'header', text: name });
    expect(msg.text).toContain(spec.summary);
    expect(msg.text).toContain(`Usage: ${usage(spec).join('  |  ')}`);
    for (const example of spec.examples) expect(msg.text).toContain(example);
  });

  test('help migrate says it needs an approval; help drain says two; help vms that it is read-only', async () => {
    const h = await createBotHarness();
    expect((await answer(h, 'dave', 'help migrate')).text).toContain('Risk: changes the cluster: needs an approval from someone else');
    expect((await answer(h, 'dave', 'help drain')).text).toContain('needs approvals from two other people');
    expect((await answer(h, 'dave', 'help vms')).text).toContain('Risk: read-only');
  });

  test('help finds a command by a synonym: help move and help quick explain migrate', async () => {
    const h = await createBotHarness();
    expect((await answer(h, 'dave', 'help move')).blocks[0]).toEqual({ type: 'header', text: 'migrate' });
    expect((await answer(h, 'dave', 'help quick')).blocks[0]).toEqual({ type: 'header', text: 'migrate' });
  });

  test('help for an unknown command suggests the nearest', async () => {
    const h = await createBotHarness();
    expect((await h.say('dave', 'help migrat')).accepted).toBe(false);
    expect(h.lastAnswerTo('dave')).toBe('No command named migrat; did you mean migrate?');
  });
});
