/**
 * The command language, as a table: each phrasing with the spec and arguments it must give,
 * or the error class and the words its message must contain. Uses the real command specs.
 */
import { commands } from '../../commands/index.js';
import { CommandError, InvalidArgumentError, UnknownCommandError, UsageError } from '../../src/core/errors.js';
import { createParser, type ParsedCommand } from '../../src/core/parser.js';

const parser = createParser(commands);
const CLUSTERS = ['demo', 'prod'];

type Good = { spec: string; args?: Record<string, unknown>; cluster?: string; whatIf?: boolean };
type Bad = { error: abstract new (...a: never[]) => CommandError; code: CommandError['code']; words: string[] };
type Row = [text: string, expected: Good | Bad];

const live = (vm: string, node: string) => ({ vm, node, type: 'live' });
const quick = (vm: string, node: string) => ({ vm, node, type: 'quick' });
const longName = 'x'.repeat(101);

const good: Row[] = [
  // verbs and synonyms, any case
  ['migrate vm42 to node2', { spec: 'migrate', args: live('vm42', 'node2'), whatIf: false }],
  ['MIGRATE vm42 TO node2', { spec: 'migrate', args: live('vm42', 'node2') }],
  ['Migrate vm42 To node2', { spec: 'migrate', args: live('vm42', 'node2') }],
  ['move vm42 to node2', { spec: 'migrate', args: live('vm42', 'node2') }],
  ['Move VM42 to Node2', { spec: 'migrate', args: live('VM42', 'Node2') }],
  ['live migrate vm42 to node2', { spec: 'migrate', args: live('vm42', 'node2') }],
  ['LIVE MIGRATE vm42 to node3', { spec: 'migrate', args: live('vm42', 'node3') }],
  ['quick migrate vm42 to node2', { spec: 'migrate', args: quick('vm42', 'node2') }],
  ['Quick Migrate app01 to node3', { spec: 'migrate', args: quick('app01', 'node3') }],
  ['  migrate   vm42    to   node2  ', { spec: 'migrate', args: live('vm42', 'node2') }],
  // quoted names with spaces: single, double, curly
  ['migrate "SQL Server 01" to node2', { spec: 'migrate', args: live('SQL Server 01', 'node2') }],
  ["migrate 'SQL Server 01' to node2", { spec: 'migrate', args: live('SQL Server 01', 'node2') }],
  ['migrate \u201CSQL Server 01\u201D to node2', { spec: 'migrate', args: live('SQL Server 01', 'node2') }],
  ['migrate \u2018SQL Server 01\u2019 to node2', { spec: 'migrate', args: live('SQL Server 01', 'node2') }],
  ['migrate \u201ESQL Server 01\u201D to node2', { spec: 'migrate', args: live('SQL Server 01', 'node2') }],
  ['quick migrate "SQL Server 01" to node3', { spec: 'migrate', args: quick('SQL Server 01', 'node3') }],
  ['migrate "it\'s mine" to node2', { spec: 'migrate', args: live("it's mine", 'node2') }],
  ['migrate "to" to node2', { spec: 'migrate', args: live('to', 'node2') }],
  ['vm "SQL Server 01"', { spec: 'vm', args: { vm: 'SQL Server 01' } }],
  ['show vm vm42', { spec: 'vm', args: { vm: 'vm42' } }],
  ['show vm42', { spec: 'vm', args: { vm: 'vm42' } }],
  // ids
  ['approve 7', { spec: 'approve', args: { id: 7 } }],
  ['approve #7', { spec: 'approve', args: { id: 7 } }],
  ['APPROVE #12', { spec: 'approve', args: { id: 12 } }],
  ['deny #3', { spec: 'deny', args: { id: 3 } }],
  ['deny 3 not during business hours', { spec: 'deny', args: { id: 3, reason: 'not during business hours' } }],
  ['deny #3 "too risky"', { spec: 'deny', args: { id: 3, reason: 'too risky' } }],
  ['cancel #4', { spec: 'cancel', args: { id: 4 } }],
  ['job #3', { spec: 'job', args: { id: 3 } }],
  ['request 4', { spec: 'job', args: { id: 4 } }],
  // options
  ['migrate vm42 to node2 --what-if', { spec: 'migrate', args: live('vm42', 'node2'), whatIf: true }],
  ['migrate vm42 to node2 --WHAT-IF', { spec: 'migrate', whatIf: true }],
  ['migrate vm42 --what-if to node2', { spec: 'migrate', args: live('vm42', 'node2'), whatIf: true }],
  ['drain node3 --whatif', { spec: 'drain', args: { node: 'node3' }, whatIf: true }],
  ['migrate vm42 to node2 --cluster prod', { spec: 'migrate', args: live('vm42', 'node2'), cluster: 'prod' }],
  ['migrate vm42 to node2 --cluster=prod', { spec: 'migrate', cluster: 'prod' }],
  ['--cluster prod vms', { spec: 'vms', args: {}, cluster: 'prod' }],
  ['migrate vm42 to node2 --cluster prod --what-if', { spec: 'migrate', cluster: 'prod', whatIf: true }],
  // trailing `on NAME`: a configured cluster, otherwise part of the command
  ['migrate vm42 to node2 on prod', { spec: 'migrate', args: live('vm42', 'node2'), cluster: 'prod' }],
  ['migrate vm42 to node2 on PROD', { spec: 'migrate', cluster: 'prod' }],
  ['vms on prod', { spec: 'vms', args: {}, cluster: 'prod' }],
  ['vms on node1', { spec: 'vms', args: { node: 'node1' }, cluster: undefined }],
  ['vms on node1 on prod', { spec: 'vms', args: { node: 'node1' }, cluster: 'prod' }],
  ['list vms on node2', { spec: 'vms', args: { node: 'node2' } }],
  ['VMS', { spec: 'vms', args: {} }],
  // narrowing and pages: optional parts, in any order
  ['vms running', { spec: 'vms', args: { state: 'running' } }],
  ['vms OFF', { spec: 'vms', args: { state: 'off' } }],
  ['vms on node07', { spec: 'vms', args: { node: 'node07' } }],
  ['vms matching sql*', { spec: 'vms', args: { match: 'sql*' } }],
  ['vms page 3', { spec: 'vms', args: { page: 3 } }],
  ['vms off on node07', { spec: 'vms', args: { node: 'node07', state: 'off' } }],
  ['vms on node07 off', { spec: 'vms', args: { node: 'node07', state: 'off' } }],
  ['vms running matching "SQL Server*" on node2 page 2', { spec: 'vms', args: { node: 'node2', state: 'running', match: 'SQL Server*', page: 2 } }],
  ['list vms saved page 2', { spec: 'vms', args: { state: 'saved', page: 2 } }],
  ['vms migrating on node1 on prod', { spec: 'vms', args: { node: 'node1', state: 'migrating' }, cluster: 'prod' }],
  ['nodes page 2', { spec: 'nodes', args: { page: 2 } }],
  ['events page 2', { spec: 'events', args: { page: 2, since: 3_600_000 } }],
  ['events node2 page 3', { spec: 'events', args: { about: 'node2', page: 3, since: 3_600_000 } }],
  ['jobs page 2', { spec: 'jobs', args: { page: 2 } }],
  ['audit page 4', { spec: 'audit', args: { page: 4 } }],
  ['audit bob page 2 --since 2h', { spec: 'audit', args: { about: 'bob', page: 2, since: '2h' } }],
  // the rest of the catalogue
  ['drain node1', { spec: 'drain', args: { node: 'node1' } }],
  ['drain node node1', { spec: 'drain', args: { node: 'node1' } }],
  ['resume node1', { spec: 'resume', args: { node: 'node1', failback: false } }],
  ['resume node1 with failback', { spec: 'resume', args: { node: 'node1', failback: true } }],
  ['help', { spec: 'help', args: {} }],
  ['?', { spec: 'help', args: {} }],
  ['help migrate', { spec: 'help', args: { command: 'migrate' } }],
  ['nodes', { spec: 'nodes', args: {} }],
  ['list nodes', { spec: 'nodes', args: {} }],
  ['volumes', { spec: 'volumes', args: {} }],
  ['csv', { spec: 'volumes', args: {} }],
  ['jobs', { spec: 'jobs', args: {} }],
  ['requests', { spec: 'jobs', args: {} }],
];

const bad: Row[] = [
  // unknown verbs suggest the nearest
  ['migrat vm42 to node2', { error: UnknownCommandError, code: 'unknown-command', words: ['migrat', 'migrate'] }],
  ['mgirate vm42 to node2', { error: UnknownCommandError, code: 'unknown-command', words: ['mgirate', 'migrate'] }],
  ['hepl', { error: UnknownCommandError, code: 'unknown-command', words: ['hepl', 'help'] }],
  ['volumse', { error: UnknownCommandError, code: 'unknown-command', words: ['volumes'] }],
  ['dran node1', { error: UnknownCommandError, code: 'unknown-command', words: ['drain'] }],
  ['vm42', { error: UnknownCommandError, code: 'unknown-command', words: ['vm42', 'help'] }],
  ['reboot node1', { error: UnknownCommandError, code: 'unknown-command', words: ['reboot', '`help`'] }],
  // missing arguments: usage and an example
  ['migrate', { error: UsageError, code: 'usage', words: ['Missing the vm', 'migrate <vm> to <node>', 'Example: `migrate vm42 to node2`'] }],
  ['migrate vm42', { error: UsageError, code: 'usage', words: ['Missing `to`', 'migrate <vm> to <node>', 'Example'] }],
  ['migrate vm42 to', { error: UsageError, code: 'usage', words: ['Missing the node', 'migrate <vm> to <node>'] }],
  ['quick migrate vm42', { error: UsageError, code: 'usage', words: ['Missing `to`', 'quick migrate <vm> to <node>'] }],
  ['drain', { error: UsageError, code: 'usage', words: ['Missing the node', 'drain <node>', 'Example: `drain node1`'] }],
  ['approve', { error: UsageError, code: 'usage', words: ['Missing the id', 'approve <id>', 'approve 3'] }],
  ['vm', { error: UsageError, code: 'usage', words: ['Missing the vm', 'vm <vm>'] }],
  ['vms on', { error: UsageError, code: 'usage', words: ['Missing the node', 'vms [on <node>]'] }],
  ['vms matching', { error: UsageError, code: 'usage', words: ['Missing the match'] }],
  ['vms page', { error: UsageError, code: 'usage', words: ['Missing the page'] }],
  ['vms page two', { error: InvalidArgumentError, code: 'invalid-argument', words: ['page'] }],
  ['vms page 0', { error: InvalidArgumentError, code: 'invalid-argument', words: ['pages start at 1'] }],
  ['vms off off', { error: UsageError, code: 'usage', words: ['`off`'] }],
  ['vms broken', { error: UsageError, code: 'usage', words: ['`broken`', 'running|off|saved'] }],
  ['nodes page', { error: UsageError, code: 'usage', words: ['Missing the page', 'nodes [page <page>]'] }],
  // extra or misplaced words
  ['migrate vm42 to node2 now', { error: UsageError, code: 'usage', words: ['`now`', 'migrate <vm> to <node>'] }],
  ['migrate vm42 into node2', { error: UsageError, code: 'usage', words: ['Expected `to`', '`into`'] }],
  ['migrate vm42 to node2 on node3', { error: UsageError, code: 'usage', words: ['`on`'] }],
  ['cancel 3 please', { error: UsageError, code: 'usage', words: ['`please`', 'cancel <id>'] }],
  ['nodes please', { error: UsageError, code: 'usage', words: ['`please`', 'nodes'] }],
  ['resume node1 with fallback', { error: UsageError, code: 'usage', words: ['`fallback`', 'resume <node> with failback'] }],
  // quotes and options
  ['migrate "SQL Server 01 to node2', { error: CommandError, code: 'usage', words: ['never closed', '"SQL Server 01'] }],
  ["migrate 'vm42 to node2", { error: CommandError, code: 'usage', words: ['never closed'] }],
  ['migrate vm42 to node2 --force', { error: CommandError, code: 'usage', words: ['--force', '--what-if', '--cluster'] }],
  ['vms --cluster', { error: CommandError, code: 'usage', words: ['--cluster needs a value'] }],
  // invalid names and ids
  ['vm "a\u0007b"', { error: InvalidArgumentError, code: 'invalid-argument', words: ['vm', 'control character'] }],
  ['migrate "vm\u000042" to node2', { error: InvalidArgumentError, code: 'invalid-argument', words: ['control character'] }],
  [`vm ${longName}`, { error: InvalidArgumentError, code: 'invalid-argument', words: ['longer than 100'] }],
  ['vm ""', { error: InvalidArgumentError, code: 'invalid-argument', words: ['empty'] }],
  ['migrate vm42 to node_2', { error: InvalidArgumentError, code: 'invalid-argument', words: ['node', 'node_2', 'host name'] }],
  ['migrate vm42 to "node 2"', { error: InvalidArgumentError, code: 'invalid-argument', words: ['host name'] }],
  ['drain "node1;rm"', { error: InvalidArgumentError, code: 'invalid-argument', words: ['host name'] }],
  ['approve x', { error: InvalidArgumentError, code: 'invalid-argument', words: ['request id', 'like 7 or #7'] }],
  ['approve #-1', { error: InvalidArgumentError, code: 'invalid-argument', words: ['request id'] }],
  ['approve 1234567890', { error: InvalidArgumentError, code: 'invalid-argument', words: ['request id'] }],
  // nothing at all
  ['', { error: CommandError, code: 'usage', words: ['Type a command', '`help`'] }],
  ['   \t ', { error: CommandError, code: 'usage', words: ['Type a command'] }],
];

function parse(text: string): ParsedCommand {
  return parser.parse(text, CLUSTERS);
}

function failure(text: string): unknown {
  try {
    parse(text);
  } catch (error) {
    return error;
  }
  return undefined;
}

test('the table has at least 60 phrasings, good and bad', () => {
  expect(good.length + bad.length).toBeGreaterThanOrEqual(60);
  expect(bad.length).toBeGreaterThanOrEqual(25);
});

describe.each(good)('%j parses', (text, expected) => {
  test('to the expected spec and arguments', () => {
    const e = expected as Good;
    const parsed = parse(text);
    expect(parsed.spec.name).toBe(e.spec);
    if (e.args) expect(parsed.args).toEqual(e.args);
    if ('cluster' in e) expect(parsed.cluster).toBe(e.cluster);
    if (e.whatIf !== undefined) expect(parsed.whatIf).toBe(e.whatIf);
  });
});

describe.each(bad)('%j is refused', (text, expected) => {
  test('with the expected error, naming the wrong part', () => {
    const e = expected as Bad;
    const error = failure(text);
    expect(error).toBeInstanceOf(e.error);
    expect((error as CommandError).code).toBe(e.code);
    for (const word of e.words) expect((error as Error).message).toContain(word);
  });
});

describe('error details are fields, not only text', () => {
  test('an unknown verb carries the verb and its suggestions', () => {
    const error = failure('migrat vm42 to node2') as UnknownCommandError;
    expect(error.verb).toBe('migrat');
    expect(error.suggestions).toContain('migrate');
  });

  test('a usage error names the command, every phrasing and an example', () => {
    const error = failure('migrate vm42') as UsageError;
    expect(error.command).toBe('migrate');
    expect(error.usage).toEqual(['migrate <vm> to <node>', 'move <vm> to <node>', 'live migrate <vm> to <node>', 'quick migrate <vm> to <node>']);
    expect(error.example).toBe('migrate vm42 to node2');
  });

  test('a quoted word is a name, never a keyword: "to" quoted does not end the VM name', () => {
    expect(failure('migrate vm42 "to" node2')).toBeInstanceOf(UsageError);
  });

  test('a cluster named after a word of the command is only taken when it is configured', () => {
    expect(parser.parse('vms on node1', ['demo', 'node1']).cluster).toBe('node1');
    expect(parser.parse('vms on node1', ['demo']).args).toEqual({ node: 'node1' });
  });

  test.each([
    [`${'z'.repeat(1500)} vm42`, UnknownCommandError],
    [`migrate vm42 to node2 ${'z'.repeat(1500)}`, UsageError],
    [`migrate vm42 ${'z'.repeat(1500)} node2`, UsageError],
    [`vms --${'z'.repeat(1500)}`, CommandError],
  ])('a pasted page is quoted back short, not whole (%#)', (text, kind) => {
    const error = failure(text) as Error;
    expect(error).toBeInstanceOf(kind);
    expect(error.message).toContain('zzz');
    expect(error.message.length).toBeLessThan(400);
  });
});
