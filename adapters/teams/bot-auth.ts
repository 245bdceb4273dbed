/**
 * @module teams/bot-auth: the CloudAdapter and how it authenticates. With credentials,
 * every request to /api/messages must carry a Bot Framework JWT for this app id, signed by
 * a published key, for the activity's service URL; anything else is refused before the
 * turn runs (401, or 503 when the signing keys cannot be fetched). Without credentials,
 * botbuilder accepts unsigned requests: for local tools only, on loopback.
 */
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import { BOT_FRAMEWORK_PUBLIC_CLOUD } from './constants.js';
import { TeamsError } from './errors.js';

export const APP_TYPES = ['SingleTenant', 'MultiTenant', 'UserAssignedMSI'] as const;
export type AppType = (typeof APP_TYPES)[number];

/** The Azure Bot's app registration. The password is a secret: never logged. */
export interface TeamsCredentials {
  appId: string;
  appType: AppType;
  /** Client secret; absent for a user-assigned managed identity. */
  appPassword?: string;
  /** Required for SingleTenant and UserAssignedMSI. */
  tenantId?: string;
}

/** Where inbound tokens' signing keys come from (a sovereign or private cloud, or a test). */
export interface AuthEndpoints {
  openIdMetadataUrl: string;
}

/** A request that did not prove it comes from the Bot Connector. */
export class UnauthenticatedRequestError extends TeamsError {
  constructor(
    readonly status: 401 | 503,
    cause: unknown,
  ) {
    super('unauthenticated', status === 401 ? 'The request has no valid Bot Framework token.' : 'The Bot Framework signing keys could not be fetched.', cause);
  }
}

/** CloudAdapter whose authentication failures all come out as UnauthenticatedRequestError. */
export class TeamsCloudAdapter extends CloudAdapter {
  /**
   * Authenticates, then lets `admit` refuse the activity (it throws) before the turn runs:
   * what an activity claims is looked at only once the Bot Connector is known to have sent it.
   */
  async handle(
    authHeader: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
    admit: (activity: Activity) => void = () => {},
  ): Promise<InvokeResponse | undefined> {
    let authenticated;
    try {
      authenticated = await this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
    } catch (error) {
      // botbuilder throws AuthenticationError (with a status) or jsonwebtoken's errors (without).
      const status = (error as { statusCode?: unknown }).statusCode;
      throw new UnauthenticatedRequestError(typeof status === 'number' && status >= 500 ? 503 : 401, error);
    }
    admit(activity);
    return this.processActivity(authenticated, activity, logic);
  }
}

export function createCloudAdapter(credentials: TeamsCredentials | undefined, endpoints?: AuthEndpoints): TeamsCloudAdapter {
  const options: ConfigurationBotFrameworkAuthenticationOptions = credentials
    ? {
        MicrosoftAppId: credentials.appId,
        MicrosoftAppType: credentials.appType,
        ...(credentials.appPassword ? { MicrosoftAppPassword: credentials.appPassword } : {}),
        ...(credentials.tenantId ? { MicrosoftAppTenantId: credentials.tenantId } : {}),
      }
    : {};
  if (endpoints) Object.assign(options, { ...BOT_FRAMEWORK_PUBLIC_CLOUD, ToBotFromChannelOpenIdMetadataUrl: endpoints.openIdMetadataUrl });
  return new TeamsCloudAdapter(new ConfigurationBotFrameworkAuthentication(options));
}
