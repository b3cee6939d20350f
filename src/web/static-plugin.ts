import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { FONTS_DIR, loadAssets } from './static-assets.ts';

export async function staticAssetsPlugin(app: FastifyInstance): Promise<void> {
  const assets = loadAssets();
  app.get<{ Params: { hash: string; name: string } }>('/static/:hash/:name', async (request, reply) => {
    const asset = assets.get(request.params.name);
    if (!asset) return reply.callNotFound();
    // An old hash still gets the current file, but only the current hash may be cached for a year.
    reply.header('cache-control', asset.hash === request.params.hash ? 'public, max-age=31536000, immutable' : 'no-cache');
    return reply.type(asset.contentType).send(asset.body);
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
