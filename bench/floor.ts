import Fastify from 'fastify';

/** The floor: a bare Fastify answering a fixed JSON body, what no API server on this machine can beat. */
const app = Fastify({ logger: false });
const body = JSON.stringify({ pong: 0 });
app.post('/api/:name', async (_request, reply) => {
  reply.header('content-type', 'application/json; charset=utf-8').send(body);
});
const port = Number(process.env.PORT ?? 3100);
await app.listen({ port, host: '127.0.0.1' });
console.log(`floor listening on ${port}`);
