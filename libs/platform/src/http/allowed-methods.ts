import type { Request } from 'express';

interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean> };
  match(path: string): unknown;
}

/**
 * The methods the routes at this path answer: a method none of them answers is 405 with this
 * list as Allow (RFC 9110 15.5.6), not the 404 of a path that does not exist.
 */
export const allowedMethods = (request: Request): string[] => {
  const stack = (request.app as unknown as { router?: { stack?: RouteLayer[] } }).router?.stack ?? [];
  const methods = new Set<string>();
  for (const layer of stack) {
    if (!layer.route || !layer.match(request.path)) continue;
    // Middleware for every path (metrics) is mounted on a wildcard for every method: no endpoint.
    if (layer.route.path.includes('*')) continue;
    for (const method of Object.keys(layer.route.methods)) methods.add(method.toUpperCase());
  }
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
};
