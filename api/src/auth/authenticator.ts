import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import type { Principal } from '@peerloop/core';

/** The request carries no acceptable identity: answered 401, never 403. */
export class Unauthenticated extends Error {
  readonly code = 'unauthenticated';
}

export interface AuthSettings {
  readonly audiences: readonly string[];
  readonly allowedTenantIds: readonly string[];
  readonly jwksUrl: string;
  readonly requiredScope: string;
}

export interface DevIdentity {
  readonly tenantId: string;
}

const DEV_TOKEN_PREFIX = 'dev:';

/**
 * Turns a bearer token into a Principal.
 * Teams SSO tokens: RS256 only, signature against the issuer's JWKS (cached by jose, refetched only for an
 * unknown kid, with a cool-down), audience, expiry/nbf, issuer matching the token's own tenant, tenant
 * allow-list, and the API scope. Dev tokens ("dev:<userId>") only when a DevIdentity is given, which the
 * composition root does only in dev mode on loopback.
 */
export class Authenticator {
  private readonly jwks: ReturnType<typeof createRemoteJWKSet> | null;

  constructor(
    private readonly settings: AuthSettings,
    private readonly dev: DevIdentity | null,
  ) {
    this.jwks =
      settings.audiences.length > 0
        ? createRemoteJWKSet(new URL(settings.jwksUrl), { cacheMaxAge: 6 * 60 * 60 * 1000, cooldownDuration: 30_000 })
        : null;
  }

  async authenticate(authorization: string | null): Promise<Principal> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match?.[1]) throw new Unauthenticated('a bearer token is required in the Authorization header');
    const token = match[1];
    if (token.startsWith(DEV_TOKEN_PREFIX)) return this.devPrincipal(token.slice(DEV_TOKEN_PREFIX.length));
    return this.ssoPrincipal(token);
  }

  private devPrincipal(userId: string): Principal {
    if (!this.dev) throw new Unauthenticated('dev identities are accepted only in dev mode');
    if (!/^[\w.-]{1,100}$/.test(userId)) throw new Unauthenticated('the dev identity is not a valid user id');
    return { tenantId: this.dev.tenantId, userId };
  }

  private async ssoPrincipal(token: string): Promise<Principal> {
    if (!this.jwks) throw new Unauthenticated('Teams SSO is not configured (AAD_APP_CLIENT_ID)');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.jwks, {
        algorithms: ['RS256'],
        audience: [...this.settings.audiences],
        clockTolerance: 60,
        requiredClaims: ['exp', 'tid', 'oid', 'iss'],
      }));
    } catch (error) {
      throw new Unauthenticated(describeJoseError(error));
    }
    const tenantId = String(payload.tid);
    const issuers = [`https://login.microsoftonline.com/${tenantId}/v2.0`, `https://sts.windows.net/${tenantId}/`];
    if (!issuers.includes(String(payload.iss))) throw new Unauthenticated('the token issuer does not match its tenant');
    if (!this.settings.allowedTenantIds.includes(tenantId)) {
      throw new Unauthenticated('PeerLoop is not enabled for this tenant');
    }
    const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
    if (!scopes.includes(this.settings.requiredScope)) {
      throw new Unauthenticated(`the token lacks the "${this.settings.requiredScope}" scope`);
    }
    const name = typeof payload.name === 'string' ? payload.name : undefined;
    return { tenantId, userId: String(payload.oid), ...(name ? { displayName: name } : {}) };
  }
}

function describeJoseError(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'the token has expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `the token's "${error.claim}" claim is not accepted`;
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'the token must be signed with RS256';
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'the token was signed with an unknown key';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'the token signature is not valid';
  return 'the token is not valid';
}
