/** A route: method and a path pattern with `:name` parameters, e.g. `/portal/tickets/:id`. */
export interface Route<Handler> {
  method: 'GET' | 'POST';
  pattern: string;
  handler: Handler;
}

interface CompiledRoute<Handler> extends Route<Handler> {
  regex: RegExp;
}

export interface RouteMatch<Handler> {
  handler: Handler;
  params: Record<string, string>;
}

const compile = (pattern: string) =>
  new RegExp(
    `^${pattern
      .split('/')
      .map((part) =>
        part.startsWith(':') ? `(?<${part.slice(1)}>[^/]+)` : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
      )
      .join('/')}/?$`,
  );

/** The portal's few dozen routes need no framework: a list, matched in order. */
export class Router<Handler> {
  private readonly routes: CompiledRoute<Handler>[] = [];

  add(...routes: Route<Handler>[]) {
    for (const route of routes) this.routes.push({ ...route, regex: compile(route.pattern) });
    return this;
  }

  /** The route for a request, `undefined` if none; `methodNotAllowed` if the path exists for another method. */
  match(method: string, path: string): RouteMatch<Handler> | 'methodNotAllowed' | undefined {
    let pathKnown = false;
    for (const route of this.routes) {
      const found = route.regex.exec(path);
      if (!found) continue;
      pathKnown = true;
      if (route.method === method || (method === 'HEAD' && route.method === 'GET')) {
        const params = Object.fromEntries(
          Object.entries(found.groups ?? {}).map(([name, value]) => [name, decodeURIComponent(value)]),
        );
        return { handler: route.handler, params };
      }
    }
    return pathKnown ? 'methodNotAllowed' : undefined;
  }
}
