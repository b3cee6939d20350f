// Every route an app answers, read from the running app itself. Fastify offers no route list, only
// `printRoutes()`: a radix tree drawn as text. Its default form is exact (the `commonPrefix: false`
// form drops the prefix of wildcard routes), so the parser reads that form, concatenates the node
// prefixes along each branch, and refuses any line it does not understand rather than skip a route.
import type { FastifyInstance } from 'fastify';

/** "GET /meldinger/:id" — method and path template, as the matrices are keyed. */
export type RouteKey = `${string} ${string}`;

export interface Route {
  method: string;
  path: string;
  key: RouteKey;
}

const LINE = /^((?:[│ ] {3})*)[├└]── (\S+)(?: \(([A-Z]+(?:, [A-Z]+)*)\))?$/;

export function parseRouteTree(tree: string): Route[] {
  const stack: string[] = [];
  const found = new Map<RouteKey, Route>();
  for (const line of tree.split('\n')) {
    if (line.trim() === '') continue;
    const match = LINE.exec(line);
    if (!match) throw new Error(`route tree line not understood: ${JSON.stringify(line)}`);
    const depth = match[1]!.length / 4;
    const segment = match[2]!;
    if (depth > stack.length) throw new Error(`route tree skips a level at ${JSON.stringify(line)}`);
    // A node shared by parameters of different names prints them joined by "|"; the path would
    // then be ambiguous, and a matrix keyed on it could cover the wrong route.
    if (segment.includes('|')) throw new Error(`route tree has alternative parameter names at ${JSON.stringify(line)}`);
    stack.length = depth;
    stack.push(segment);
    const path = stack.join('');
    for (const method of match[3]?.split(', ') ?? []) found.set(`${method} ${path}`, { method, path, key: `${method} ${path}` });
  }
  return [...found.values()];
}

/**
 * The app's routes, with the HEAD twin Fastify adds to every GET left out: it runs the GET handler,
 * so calling the GET covers it. A HEAD route without a GET stays in.
 */
export function enumerateRoutes(app: FastifyInstance): Route[] {
  const all = parseRouteTree(app.printRoutes());
  for (const route of all) {
    // The parser's reading, checked against the router itself.
    if (!app.hasRoute({ method: route.method as 'GET', url: route.path })) throw new Error(`parsed a route the app does not have: ${route.key}`);
  }
  const gets = new Set(all.filter((r) => r.method === 'GET').map((r) => r.path));
  return all.filter((r) => !(r.method === 'HEAD' && gets.has(r.path))).sort((a, b) => a.key.localeCompare(b.key));
}

export const STATE_CHANGING_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Keys present on one side only: what the app has that the table lacks, and the reverse. */
export function compareKeys(routes: readonly Route[], table: Record<string, unknown>): { uncovered: string[]; stale: string[] } {
  const actual = new Set<string>(routes.map((r) => r.key));
  return {
    uncovered: [...actual].filter((k) => !(k in table)).sort(),
    stale: Object.keys(table).filter((k) => !actual.has(k)).sort(),
  };
}
