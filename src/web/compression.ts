// Responses compressed for a reporter on a slow phone connection: pages, the stylesheet, scripts and
// JSON, brotli where the browser takes it, else gzip. Static assets arrive already compressed
// (static-assets.ts, once at start, at the highest level) and are passed through. Request bodies
// are not decompressed: nothing we receive is sent compressed, and refusing it closes the door to
// compression bombs. Why compressing pages that hold personal data is safe here (BREACH):
// docs/decisions/011-page-weight.md.
import type { FastifyInstance } from 'fastify';
import fastifyCompress from '@fastify/compress';
import { constants } from 'node:zlib';

export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(fastifyCompress, {
    global: true,
    globalDecompression: false,
    encodings: ['br', 'gzip'],
    threshold: 1024,
    // Level 5 compresses a 20 KB page in about a millisecond, within a few per cent of level 11.
    brotliOptions: { params: { [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_QUALITY]: 5 } },
    zlibOptions: { level: 6 },
  });
}
