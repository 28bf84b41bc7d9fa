import http from 'node:http';
import https from 'node:https';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { isLoopbackHost } from './graph-config.js';

/** Thrown when the token endpoint does not answer in time or cannot be reached. */
export class TokenEndpointUnreachable extends Error {}

/**
 * MSAL's HTTP for the token endpoint and its metadata: keep-alive, a timeout on every request (MSAL's own
 * client has none on POST), and, for a loopback stand-in only, acceptance of its self-signed certificate.
 */
export class TokenNetwork implements INetworkModule {
  private readonly httpsAgent: https.Agent;
  private readonly loopbackAgent: https.Agent;
  private readonly httpAgent = new http.Agent({ keepAlive: true });

  constructor(private readonly timeoutMs: number) {
    this.httpsAgent = new https.Agent({ keepAlive: true });
    // A test stand-in for Entra ID on this machine; nothing else is ever trusted unverified.
    this.loopbackAgent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });
  }

  sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    return this.send<T>('GET', url, options, timeout);
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>('POST', url, options);
  }

  close(): void {
    this.httpsAgent.destroy();
    this.loopbackAgent.destroy();
    this.httpAgent.destroy();
  }

  private send<T>(
    method: 'GET' | 'POST',
    url: string,
    options: NetworkRequestOptions = {},
    timeout = this.timeoutMs,
  ): Promise<NetworkResponse<T>> {
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    const agent = secure ? (isLoopbackHost(target.hostname) ? this.loopbackAgent : this.httpsAgent) : this.httpAgent;
    const transport = secure ? https : http;
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined) headers['content-length'] = String(Buffer.byteLength(options.body));
    return new Promise((resolve, reject) => {
      // A deadline for the whole exchange, not just an idle socket.
      const deadline = setTimeout(
        () => request.destroy(new TokenEndpointUnreachable(`no answer within ${timeout} ms`)),
        timeout,
      );
      const fail = (error: Error) => {
        clearTimeout(deadline);
        reject(error instanceof TokenEndpointUnreachable ? error : new TokenEndpointUnreachable(error.message));
      };
      const request = transport.request(target, { method, headers, agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', fail);
        response.on('end', () => {
          clearTimeout(deadline);
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown;
          try {
            body = text ? JSON.parse(text) : {};
          } catch {
            body = { error: 'invalid_response', error_description: `not JSON (HTTP ${response.statusCode})` };
          }
          const responseHeaders: Record<string, string> = {};
          for (const [name, value] of Object.entries(response.headers)) {
            if (value !== undefined)
              responseHeaders[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
          }
          resolve({ status: response.statusCode ?? 0, headers: responseHeaders, body: body as T });
        });
      });
      request.on('error', fail);
      request.end(options.body);
    });
  }
}
