import { ManagedIdentityCredential } from '@azure/identity';
import {
  AuthError,
  ConfidentialClientApplication,
  InteractionRequiredAuthError,
  ServerError,
  type Configuration,
} from '@azure/msal-node';
import { DirectoryConsentRequired, DirectoryUnavailable, TooManyRequests, type UserAssertion } from '@peerloop/core';
import { Unauthenticated } from '../auth/authenticator.js';
import type { GraphConfig } from './graph-config.js';
import { TokenEndpointUnreachable, TokenNetwork } from './token-network.js';

/** Reports what went wrong, never a token: `detail` is an error code, a status or an Entra trace. */
export type GraphLog = (message: string) => void;

/** Access tokens for Microsoft Graph, obtained on behalf of the signed-in person. */
export interface GraphTokenSource {
  accessToken(assertion: UserAssertion, scopes: readonly string[]): Promise<string>;
}

/** MSAL's in-memory cache holds tokens for every person who used Graph; it is emptied this often. */
const CACHE_LIFETIME_MS = 30 * 60 * 1000;
const MICROSOFT_AUTHORITY_HOSTS = /(^|\.)(microsoftonline\.(com|us)|chinacloudapi\.cn|microsoftonline\.de)$/;

/**
 * OAuth 2.0 on-behalf-of with @azure/msal-node: the tab's SSO token (already verified by the API) is
 * exchanged at the user's own tenant's token endpoint for a Graph token with just the scopes a feature needs.
 * The SSO token goes to the token endpoint and nowhere else.
 */
export class OnBehalfOfTokens implements GraphTokenSource {
  private readonly app: ConfidentialClientApplication;
  private readonly network: TokenNetwork;
  private cacheSince = Date.now();

  constructor(
    private readonly config: GraphConfig,
    private readonly log: GraphLog,
    private readonly now: () => number = Date.now,
  ) {
    this.network = new TokenNetwork(config.timeoutMs);
    const authority = new URL(config.authorityHost);
    const msal: Configuration = {
      auth: {
        clientId: config.clientId,
        authority: `${config.authorityHost}/organizations`,
        ...credentialOf(config, log),
        // Entra ID's own hosts are known to MSAL; anything else (a test stand-in) is declared, not discovered.
        ...(MICROSOFT_AUTHORITY_HOSTS.test(authority.hostname) ? {} : { knownAuthorities: [authority.host] }),
      },
      system: {
        networkClient: this.network,
        loggerOptions: { piiLoggingEnabled: false, loggerCallback: () => undefined },
      },
    };
    this.app = new ConfidentialClientApplication(msal);
  }

  async accessToken(assertion: UserAssertion, scopes: readonly string[]): Promise<string> {
    if (this.now() - this.cacheSince > CACHE_LIFETIME_MS) {
      this.app.clearCache();
      this.cacheSince = this.now();
    }
    try {
      const result = await this.app.acquireTokenOnBehalfOf({
        oboAssertion: assertion.reveal(),
        scopes: [...scopes],
        authority: `${this.config.authorityHost}/${encodeURIComponent(assertion.tenantId)}`,
      });
      if (!result?.accessToken) throw new DirectoryUnavailable('Microsoft 365 gave PeerLoop no access token');
      return result.accessToken;
    } catch (error) {
      throw this.toDomainError(error, scopes);
    }
  }

  close(): void {
    this.network.close();
  }

  private toDomainError(error: unknown, scopes: readonly string[]): Error {
    if (error instanceof DirectoryUnavailable) return error;
    const named = scopes.map((scope) => scope.replace(/^https:\/\/graph\.microsoft\.com\//, ''));
    if (isConsentError(error)) {
      this.log(`on-behalf-of needs consent to ${named.join(', ')}`);
      return new DirectoryConsentRequired(named);
    }
    if (error instanceof InteractionRequiredAuthError) {
      this.log(`on-behalf-of needs interaction: ${error.errorCode}${error.subError ? `/${error.subError}` : ''}`);
      return new DirectoryConsentRequired(
        named,
        'Microsoft 365 needs you to complete a sign-in step (such as multi-factor authentication) before PeerLoop ' +
          'can act for you: sign in to Teams again, then retry.',
      );
    }
    if (error instanceof ServerError || error instanceof AuthError) {
      const status = (error as ServerError).status;
      this.log(
        `on-behalf-of refused: ${error.errorCode}${error.subError ? `/${error.subError}` : ''}${status ? ` (HTTP ${status})` : ''}`,
      );
      if (status === 429) return new TooManyRequests('Microsoft 365 is busy: try again in a minute', 60);
      if (error.errorCode === 'invalid_grant') {
        return new Unauthenticated('Microsoft 365 did not accept your sign-in: reload the tab to sign in again');
      }
      if (error.errorCode === 'invalid_client' || error.errorCode === 'unauthorized_client') {
        return new DirectoryUnavailable(
          "Microsoft 365 refused PeerLoop's own credentials: an admin must check its client secret or federated credential",
        );
      }
      if (isUnreachable(error)) return new DirectoryUnavailable('Microsoft 365 sign-in did not answer in time', 30);
      return new DirectoryUnavailable('Microsoft 365 sign-in failed: try again shortly', 30);
    }
    if (error instanceof TokenEndpointUnreachable) {
      this.log(`token endpoint unreachable: ${error.message}`);
      return new DirectoryUnavailable('Microsoft 365 sign-in did not answer in time', 30);
    }
    return error instanceof Error ? error : new Error(String(error));
  }
}

function credentialOf(
  config: GraphConfig,
  log: GraphLog,
): Pick<Configuration['auth'], 'clientSecret' | 'clientAssertion'> {
  if (config.credential.kind === 'client-secret') return { clientSecret: config.credential.secret };
  // A user-assigned managed identity federated with the app registration: its token is the client assertion.
  const identity = new ManagedIdentityCredential({ clientId: config.credential.managedIdentityClientId });
  return {
    clientAssertion: async () => {
      try {
        return (await identity.getToken('api://AzureADTokenExchange/.default')).token;
      } catch (error) {
        log(`managed identity token for the federated credential failed: ${(error as Error).name}`);
        throw new DirectoryUnavailable(
          "PeerLoop could not get its managed identity's token (GRAPH_FEDERATED_CREDENTIAL_CLIENT_ID): an admin must check it",
        );
      }
    },
  };
}

/** AADSTS65001: nobody consented to these delegated permissions for PeerLoop. */
function isConsentError(error: unknown): boolean {
  if (!(error instanceof AuthError)) return false;
  return (
    error.subError === 'consent_required' ||
    error.errorCode === 'consent_required' ||
    /AADSTS65001/.test(error.errorMessage)
  );
}

function isUnreachable(error: AuthError): boolean {
  return (
    error.errorCode === 'network_error' || error.errorCode === 'request_timeout' || /timeout/i.test(error.errorMessage)
  );
}
