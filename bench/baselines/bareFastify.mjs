// The floor for the API: a bare fastify app answering GET /api/health with a small JSON document,
// no logging, no hooks. Prints its URL, then serves until killed.
//   node bench/baselines/bareFastify.mjs
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/api/health', async () => ({ status: 'ok', version: '0.1.0', time: Date.now(), authEnabled: false }));
const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${url}\n`);
