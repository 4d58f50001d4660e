import { Agent, type IncomingHttpHeaders, request } from 'node:http';

export interface HttpAnswer {
  status: number;
  body: string;
  headers: IncomingHttpHeaders;
}

/**
 * A load generator must cost little next to what it measures: on this machine global `fetch`
 * (undici) tops out near 1,400 requests/s against a server that does nothing, node:http with
 * kept-alive sockets near 12,000. The benchmarks share two cores with the services they
 * measure, so they send with this.
 */
export class BenchHttpClient {
  private readonly agent: Agent;

  constructor(
    private readonly base: string,
    maxSockets = 64,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  send(method: string, path: string, headers: Record<string, string>, body?: object) {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise<HttpAnswer>((resolve, reject) => {
      const outgoing = request(
        `${this.base}${path}`,
        {
          method,
          agent: this.agent,
          headers: payload === undefined ? headers : { ...headers, 'content-type': 'application/json' },
        },
        (incoming) => {
          let text = '';
          incoming.setEncoding('utf8');
          incoming.on('data', (chunk: string) => (text += chunk));
          incoming.on('end', () =>
            resolve({ status: incoming.statusCode ?? 0, body: text, headers: incoming.headers }),
          );
          incoming.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(payload);
    });
  }

  close() {
    this.agent.destroy();
  }
}
