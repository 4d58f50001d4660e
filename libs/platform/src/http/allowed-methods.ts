import type { FastifyInstance } from 'fastify';
import Router from 'find-my-way';

/**
 * The methods the routes at a path answer: a method none of them answers is 405 with this list as
 * Allow (RFC 9110 15.5.6), not the 404 of a path that does not exist. Fastify's router matches one
 * method at a time, so every route is also recorded in a router of our own, asked for each method.
 */
export class RouteMethods {
  private readonly router = Router({ ignoreTrailingSlash: true });
  private readonly methods = new Set<Router.HTTPMethod>();

  /** Records every route registered on this instance from now on (call before the app starts). */
  static of(fastify: FastifyInstance): RouteMethods {
    const table = new RouteMethods();
    fastify.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) table.add(method as Router.HTTPMethod, route.url);
    });
    return table;
  }

  add(method: Router.HTTPMethod, url: string) {
    this.methods.add(method);
    this.router.on(method, url, () => undefined);
  }

  /** The methods answered at this path (no query string), sorted: empty for a path with no route. */
  at(path: string): string[] {
    const found = new Set([...this.methods].filter((method) => this.router.find(method, path) !== null));
    if (found.has('GET')) found.add('HEAD');
    return [...found].sort();
  }
}
