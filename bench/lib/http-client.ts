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

  send(method: string, path: string, headers: Record<string, string>, body?: object): Promise<HttpAnswer> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return this.sendOnce(method, path, headers, payload).catch(
      (error: { reusedSocket?: boolean; code?: string }) => {
        // A kept-alive socket the server closed as idle just as we reused it: the request never
        // reached the server, so it is sent again (the retry Node's documentation describes).
        if (error.reusedSocket && error.code === 'ECONNRESET')
          return this.sendOnce(method, path, headers, payload);
        throw error;
      },
    );
  }

  private sendOnce(method: string, path: string, headers: Record<string, string>, payload?: string) {
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
      outgoing.on('error', (error) => reject(Object.assign(error, { reusedSocket: outgoing.reusedSocket })));
      outgoing.end(payload);
    });
  }

  close() {
    this.agent.destroy();
  }
}
