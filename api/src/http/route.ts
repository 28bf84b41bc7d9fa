import type { HttpMethod, HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import type { Principal } from '@peerloop/core';
import type { Runtime } from '../composition.js';
import { toErrorResponse } from './respond.js';

export interface RouteContext {
  readonly request: HttpRequest;
  readonly invocation: InvocationContext;
  readonly runtime: Runtime;
}

export interface AuthenticatedRouteContext extends RouteContext {
  readonly actor: Principal;
}

/** One HTTP function: registered with the Functions host in Azure and served by the local host in dev. */
export interface RouteDefinition {
  readonly name: string;
  readonly methods: readonly HttpMethod[];
  /** Functions route template below /api, e.g. "cohorts" or "cohorts/{id}". */
  readonly route: string;
  readonly handle: (request: HttpRequest, invocation: InvocationContext, runtime: Runtime) => Promise<HttpResponseInit>;
}

/** A route anyone may call (health, dev personas). */
export function publicRoute(
  name: string,
  methods: readonly HttpMethod[],
  route: string,
  handler: (context: RouteContext) => Promise<HttpResponseInit>,
): RouteDefinition {
  return {
    name,
    methods,
    route,
    handle: async (request, invocation, runtime) => {
      try {
        return await handler({ request, invocation, runtime });
      } catch (error) {
        return toErrorResponse(error, invocation);
      }
    },
  };
}

/** A route that needs a verified bearer token; the handler receives who is acting. */
export function authenticatedRoute(
  name: string,
  methods: readonly HttpMethod[],
  route: string,
  handler: (context: AuthenticatedRouteContext) => Promise<HttpResponseInit>,
): RouteDefinition {
  return publicRoute(name, methods, route, async (context) => {
    const actor = await context.runtime.authenticator.authenticate(context.request.headers.get('authorization'));
    return handler({ ...context, actor });
  });
}
