/**
 * @module command-spec: a chat command as data. Parsing, help, access, approvals and
 * progress all follow from the spec; a command file exports one of these.
 */
import type { z } from 'zod';
import type { Cluster, ClusterNode, ClusterVm } from '../cluster/cluster.js';
import type { Actor, Block, ChatAction, ChatMessage, Fact } from './chat.js';
import type { Clock } from '../cluster/clock.js';
import type { OperationRequest } from './requests.js';
import type { AuditLog } from './audit.js';
import type { PeopleView } from './access-explain.js';
import type { ReadProgress } from './slow-reads.js';

export type Risk = 'read' | 'change' | 'disruptive';

/** A phrasing: literal words and `{arg}` placeholders; `{arg...}` takes the rest. `set` fixes args. */
export interface CommandPattern {
  pattern: string;
  set?: Record<string, unknown>;
  /** How help spells this phrasing when it needs an option (`validate --include storage`). */
  shownAs?: string;
  /** Another spelling that is understood but not taught: help lists it last, as "also". */
  alias?: boolean;
}

export interface Preflight {
  /** One line: what will happen ("Live migration of vm42 (node1 → node2), 8 GiB"). */
  summary: string;
  facts: Fact[];
  /** What the operation holds while pending or running: a VM or node is busy until it ends. */
  holds: string[];
  /** Shown with the approval card, e.g. the drain plan. */
  details?: ChatMessage['blocks'];
  /** The arguments the request records and run() gets, when the preflight settled a choice (`to best`: the node it picked). */
  args?: Record<string, unknown>;
}

/** Something a running job tells its thread. */
export type JobEvent =
  | { kind: 'progress'; percent: number; phase: string }
  | { kind: 'step'; text: string }
  | { kind: 'queued'; text: string }
  /** A table kept in the progress message (a drain's VMs), edited in place with the progress, never a reply. */
  | { kind: 'board'; blocks: Block[] };

export interface JobOutcome {
  summary: string;
  facts?: Fact[];
  /** false when the job finished but did not do all it should (a drain with failures). */
  ok: boolean;
}

export interface CommandContext {
  cluster: Cluster;
  clusterName: string;
  actor: Actor;
  clock: Clock;
  /** Live inventory helpers that raise NotFoundError with suggestions. */
  findVm(name: string): Promise<ClusterVm>;
  findNode(name: string): Promise<ClusterNode>;
  /** Requests of this bot, for jobs/approve/… */
  requests: RequestView;
  /** The command catalogue, for help. */
  catalog: Catalog;
  /** The audit log, read-only. */
  audit: Pick<AuditLog, 'recent'>;
  /** Who holds which role and why: for whoami and whois. */
  people: PeopleView;
}

export interface Catalog {
  specs(): readonly AnyCommandSpec[];
  usage(spec: AnyCommandSpec): string[];
}

export interface RequestView {
  get(id: number): Promise<OperationRequest | undefined>;
  list(): Promise<OperationRequest[]>;
}

export interface RunContext extends CommandContext {
  request: OperationRequest;
  signal: AbortSignal;
  /** Waits for live-migration slots on every node named, then returns a release function. */
  acquireMigrationSlots(nodes: string[], onQueued: (why: string) => void): Promise<() => void>;
  /** Progress poll interval for watching the cluster. */
  pollMs: number;
  /**
   * True when the job is picked up again after the bot restarted: the spec reads the
   * cluster's real state first (what the checkpoint says was started) and never repeats a
   * step blindly.
   */
  recovering: boolean;
  /** What the job last saved with saveCheckpoint, or undefined. */
  checkpoint: unknown;
  /** Persists the job's own progress (which moves were started) before a step changes the cluster. */
  saveCheckpoint(data: unknown): Promise<void>;
}

export interface ReadCommandSpec<A> {
  name: string;
  summary: string;
  patterns: CommandPattern[];
  /** Options of its own, e.g. `since` for `--since 1h`; they arrive as arguments. */
  options?: string[];
  args: z.ZodType<A>;
  risk: 'read';
  examples: string[];
  /** Actions on requests (approve/deny/cancel) handle their own access checks. */
  access?: 'anyone' | 'viewer';
  /** Needs no cluster (help, approvals). */
  clusterless?: boolean;
  /** Takes more than a few seconds: acknowledged at once, progress and the answer in a thread (slow-reads). */
  slow?: { title(args: A, ctx: CommandContext): string };
  answer(args: A, ctx: CommandContext, report?: ReadProgress): Promise<ChatMessage>;
}

export interface ChangeCommandSpec<A> {
  name: string;
  summary: string;
  patterns: CommandPattern[];
  /** Options of its own, e.g. `since` for `--since 1h`; they arrive as arguments. */
  options?: string[];
  args: z.ZodType<A>;
  risk: 'change' | 'disruptive';
  examples: string[];
  preflight(args: A, ctx: CommandContext): Promise<Preflight>;
  run(args: A, ctx: RunContext): AsyncGenerator<JobEvent, JobOutcome>;
}

/** approve/deny/cancel typed as text: they become the same ChatEvent a button sends. */
export interface ActionCommandSpec<A> {
  name: string;
  summary: string;
  patterns: CommandPattern[];
  /** Options of its own, e.g. `since` for `--since 1h`; they arrive as arguments. */
  options?: string[];
  args: z.ZodType<A>;
  risk: 'read';
  examples: string[];
  action: ChatAction;
  toAction(args: A): { requestId: number; reason?: string };
}

export type CommandSpec<A = never> = ReadCommandSpec<A> | ChangeCommandSpec<A> | ActionCommandSpec<A>;
/* eslint-disable @typescript-eslint/no-explicit-any */
export type AnyCommandSpec = ReadCommandSpec<any> | ChangeCommandSpec<any> | ActionCommandSpec<any>;
/* eslint-enable @typescript-eslint/no-explicit-any */

/* eslint-disable @typescript-eslint/no-explicit-any */
export function isActionCommand(spec: AnyCommandSpec): spec is ActionCommandSpec<any> {
  return 'action' in spec;
}

export function isChangeCommand(spec: AnyCommandSpec): spec is ChangeCommandSpec<any> {
  return 'run' in spec;
}
/* eslint-enable @typescript-eslint/no-explicit-any */
