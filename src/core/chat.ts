/**
 * @module chat: the chat-neutral contracts. Adapters turn their platform's events into
 * ChatEvents and render ChatMessages; the core never sees a platform shape.
 */
import type { GroupSource, ProfileLookup } from './groups.js';

export interface Actor {
  platform: string;
  /** The platform's stable user id (Slack U…, Teams AAD object id, console user name). */
  id: string;
  /** Display name, for messages only: never used for identity checks. */
  name: string;
}

export interface Where {
  platform: string;
  conversation: string;
  thread?: string;
}

export type ChatAction = 'approve' | 'deny' | 'cancel';

export type ChatEvent =
  | { kind: 'command'; actor: Actor; where: Where; text: string; deliveryId?: string }
  | { kind: 'action'; actor: Actor; where: Where; action: ChatAction; requestId: number; reason?: string; deliveryId?: string };

export interface Fact {
  label: string;
  value: string;
  /** true: a passed check; false: a failed check; absent: plain information. */
  ok?: boolean;
}

export interface MentionPart {
  prefix: string;
  actors: Actor[];
}

export interface Button {
  action: ChatAction;
  label: string;
  style?: 'primary' | 'danger';
  requestId: number;
  confirm?: { title: string; text: string; confirm: string; deny: string };
}

export type Block =
  | { type: 'header'; text: string }
  | { type: 'section'; text: string }
  | { type: 'fields'; fields: Fact[] }
  | { type: 'table'; columns: string[]; rows: string[][] }
  | { type: 'progress'; percent: number; phase: string }
  | { type: 'buttons'; buttons: Button[] }
  /** "Requested by @alice, approved by @bob": `then` adds more roles to the same line. */
  | { type: 'mentions'; prefix: string; actors: Actor[]; then?: MentionPart[] }
  | { type: 'context'; text: string };

export interface ChatMessage {
  /** The whole message as plain text: notifications, screen readers, terminals. */
  text: string;
  blocks: Block[];
  /**
   * How to ask for less when the answer is long ("`vms on <node>`, `vms off`, `vms page 2`"):
   * an adapter that must cut a message to its platform's limits says so with this.
   */
  narrow?: string;
}

/** Where a posted message lives, so it can be updated or replied to; serialisable. */
export interface MessageRef {
  platform: string;
  conversation: string;
  messageId: string;
  /** The thread the message is in, or the thread it starts. */
  thread?: string;
}

export interface PostOptions {
  /** Shown only to this person where the platform can (Slack ephemeral messages). */
  visibleTo?: Actor;
}

export interface ReplyOptions {
  /** Also show the thread reply in the channel (Slack reply_broadcast). */
  broadcast?: boolean;
}

export type ChatEventHandler = (event: ChatEvent) => Promise<unknown>;

export interface ChatAdapter {
  readonly platform: string;
  start(onEvent: ChatEventHandler): Promise<void>;
  stop(): Promise<void>;
  post(where: Where, message: ChatMessage, options?: PostOptions): Promise<MessageRef>;
  reply(parent: MessageRef, message: ChatMessage, options?: ReplyOptions): Promise<MessageRef>;
  update(ref: MessageRef, message: ChatMessage): Promise<void>;
  /** What the platform knows about people, for directory-based roles (Slack: e-mail, user groups). */
  readonly people?: { profiles?: ProfileLookup; groups?: GroupSource };
}

export function sameActor(a: Actor, b: Actor): boolean {
  return a.platform === b.platform && a.id === b.id;
}
