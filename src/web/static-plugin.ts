import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { FAVICON, FONTS_DIR, loadAssets } from './static-assets.ts';

/** br, then gzip, unless the browser refuses them (q=0); anything else gets the plain bytes. */
export function preferredEncoding(header: string | undefined): 'br' | 'gzip' | 'identity' {
  const accepted = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return 'identity';
}

/**
 * The rate-limit bucket of a request to our stylesheet and fonts: one of its own per address. Served
 * from memory, they cost little; counted with the pages, an address whose page budget is spent gets
 * its 429 page unstyled, and the bare browser defaults fail WCAG's target size (2.5.8).
 */
export function staticAssetBucket(request: { url: string; ip: string }): string | undefined {
  return request.url.startsWith('/static/') || request.url === '/favicon.ico' ? `static:${request.ip}` : undefined;
}

/** Requests a minute an address may make for static assets: a first page loads four or five. */
export const STATIC_ASSETS_PER_MINUTE = 3000;

export async function staticAssetsPlugin(app: FastifyInstance): Promise<void> {
  const assets = loadAssets();
  app.get<{ Params: { hash: string; name: string } }>('/static/:hash/:name', async (request, reply) => {
    const asset = assets.get(request.params.name);
    if (!asset) return reply.callNotFound();
    // An old hash still gets the current file, but only the current hash may be cached for a year.
    reply.header('cache-control', asset.hash === request.params.hash ? 'public, max-age=31536000, immutable' : 'no-cache');
    reply.header('vary', 'accept-encoding');
    const encoding = asset.compressed ? preferredEncoding(request.headers['accept-encoding']) : 'identity';
    if (encoding !== 'identity') reply.header('content-encoding', encoding);
    return reply.type(asset.contentType).send(encoding === 'identity' ? asset.body : asset.compressed![encoding]);
  });
  // Every page links the icon by its hashed name, but a browser still asks for /favicon.ico where it
  // has no page to read (a PDF shown in the browser, a bookmark), and some tools always do. It gets
  // the same SVG, cached for a day, since this address cannot change when the icon does.
  app.get('/favicon.ico', async (_request, reply) => {
    const icon = assets.get(FAVICON)!;
    reply.header('cache-control', 'public, max-age=86400');
    return reply.type(icon.contentType).send(icon.body);
  });
  await app.register(fastifyStatic, {
    root: FONTS_DIR,
    prefix: '/static/fonts/',
    decorateReply: false,
    allowedPath: (path) => /^\/?inter-latin(-ext)?-(400|500|600)-normal\.woff2$/.test(path),
    maxAge: '365d',
    immutable: true,
  });
}
