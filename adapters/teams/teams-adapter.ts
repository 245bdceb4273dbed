/**
 * @module teams/teams-adapter: the bot in Microsoft Teams, behind the ChatAdapter port.
 * Inbound: POST /api/messages through botbuilder's CloudAdapter (http-endpoint, teams-turns).
 * Outbound: Adaptive Cards sent proactively through the throttled outbox (teams-outbound).
 * botbuilder is imported only in this folder.
 */
import type { Server } from 'node:http';
import type { ChatAdapter, ChatEventHandler } from '../../src/core/chat.js';
import type { Logger } from '../../src/core/logger.js';
import { createCloudAdapter, type AuthEndpoints, type TeamsCredentials } from './bot-auth.js';
import { createCardViews } from './card-views.js';
import { createConnector } from './connector.js';
import { TEAMS_APP_LIMITS, TEAMS_CONVERSATION_LIMITS, TEAMS_PLATFORM, TEAMS_RETRYABLE_STATUS } from './constants.js';
import { MissingTenantsError, TeamsSendError, UnsafeBindingError } from './errors.js';
import { admitActivity, tenantKey } from './activity-admission.js';
import { TEAMS_ENDPOINT_LIMITS, type EndpointLimits } from './endpoint-limits.js';
import type { TeamsIdentities } from './tenant-identity.js';
import { createMessagesServer, listen, MESSAGES_PATH } from './http-endpoint.js';
import { createOutbox, type OutboxClock, type RetryPolicy } from './outbox.js';
import type { TeamsDirectory } from './teams-directory.js';
import { createTeamsOutbound } from './teams-outbound.js';
import { TeamsTurnHandler } from './teams-turns.js';

export interface TeamsAdapterOptions {
  /** 0 picks a free port (tests). */
  port: number;
  /** Default 127.0.0.1: the TLS reverse proxy in front forwards to it. Without credentials, loopback only. */
  host?: string;
  /** Absent: unsigned requests are accepted; for local tools (Agents Playground) only. */
  credentials?: TeamsCredentials;
  /** Entra tenant ids whose activities are taken (teams.tenants); required with credentials. */
  tenants?: readonly string[];
  /** Who the configured people are, per tenant, and which tenant the group directory answers for. */
  identities: TeamsIdentities;
  /** Bounds of the HTTP endpoint before authentication; default TEAMS_ENDPOINT_LIMITS. */
  limits?: Partial<EndpointLimits>;
  authEndpoints?: AuthEndpoints;
  directory: TeamsDirectory;
  /** AAD object ids of everyone who may approve: their cards refresh to show the buttons. */
  approvers(): readonly string[];
  clock: OutboxClock;
  logger: Logger;
  retry?: RetryPolicy;
  random?: () => number;
  invokeDeadlineMs?: number;
  /** Told of each wait before a retried send (429, 412, 502, 504), for metrics. */
  onRetryWait?: (waitMs: number) => void;
}

export interface TeamsAdapter extends ChatAdapter {
  /** The port listened on, once started. */
  port(): number | undefined;
  /** Resolves when the work started by inbound activities, and every send, is done. */
  settled(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export function createTeamsAdapter(o: TeamsAdapterOptions): TeamsAdapter {
  const host = o.host ?? '127.0.0.1';
  if (!o.credentials && !LOOPBACK.has(host)) throw new UnsafeBindingError(host);
  if (o.credentials && !o.tenants?.length) throw new MissingTenantsError();
  const tenants = o.tenants?.length ? new Set(o.tenants.map(tenantKey)) : undefined;
  const limits: EndpointLimits = { ...TEAMS_ENDPOINT_LIMITS, ...o.limits };
  const log = o.logger.child({ adapter: TEAMS_PLATFORM });
  const cloud = createCloudAdapter(o.credentials, o.authEndpoints);
  const connector = createConnector({ adapter: cloud, appId: o.credentials?.appId ?? '' });
  const views = createCardViews({ directory: o.directory, approvers: o.approvers });
  const outbox = createOutbox({
    clock: o.clock,
    conversationLimits: TEAMS_CONVERSATION_LIMITS,
    appLimits: TEAMS_APP_LIMITS,
    retry: o.retry,
    random: o.random,
    logger: log,
    onRetryWait: o.onRetryWait,
    retryable: (error) =>
      error instanceof TeamsSendError && error.status !== undefined && (TEAMS_RETRYABLE_STATUS as readonly number[]).includes(error.status)
        ? { afterMs: error.retryAfterMs ?? 0 }
        : undefined,
  });
  const inFlight = new Set<Promise<unknown>>();
  let onEvent: ChatEventHandler | undefined;
  let server: Server | undefined;
  let port: number | undefined;

  const background = (work: Promise<unknown>) => {
    const tracked = work.catch((error: unknown) => log.error({ err: error }, 'Teams event handling failed')).finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  };
  const handler = new TeamsTurnHandler({
    directory: o.directory,
    tenants,
    identities: o.identities,
    views,
    logger: log,
    background,
    invokeDeadlineMs: o.invokeDeadlineMs ?? 10_000,
    deliver: (event) => (onEvent ? onEvent(event) : Promise.reject(new Error('the Teams adapter is not started'))),
  });

  const outbound = createTeamsOutbound({ directory: o.directory, outbox, connector, views, clock: o.clock });

  const settled = async () => {
    do {
      await Promise.all([...inFlight]);
      await outbox.idle();
    } while (inFlight.size > 0);
  };

  return {
    platform: TEAMS_PLATFORM,
    async start(handle) {
      onEvent = handle;
      server = createMessagesServer({
        adapter: cloud,
        logic: (context) => handler.run(context),
        admit: (activity) => void admitActivity(activity, tenants),
        limits,
        logger: log,
      });
      port = await listen(server, o.port, host);
      log.info(
        { host, port, path: MESSAGES_PATH, authentication: o.credentials ? o.credentials.appType : 'none (local tools only)', tenants: tenants ? [...tenants] : 'any (no credentials)' },
        'Teams endpoint listening',
      );
    },
    async stop() {
      const closing = server;
      server = undefined;
      if (closing) {
        await new Promise<void>((resolve) => {
          closing.close(() => resolve());
          closing.closeIdleConnections();
        });
      }
      await settled();
      onEvent = undefined;
    },
    port: () => port,
    settled,
    post: (where, message, options) => outbound.post(where, message, options?.visibleTo),
    reply: (parent, message) => outbound.reply(parent, message),
    update: (ref, message) => outbound.update(ref, message),
  };
}

