import { parentPort, workerData } from 'node:worker_threads';
import WebSocket from 'ws';

// Worker thread of bench/streaming.ts (plain JavaScript: worker threads do not get the tsx loader).
/** A worker thread: its share of the clients; reports latencies when told to finish. */
export function runClients() {
  const { base: origin, clients: mine } = workerData;
  const sentAt = new Map();
  const latencies = [];
  const fanout = [];
  let connected = 0;
  let unexpectedCloses = 0;
  let stopping = false;
  const sockets = [];
  const wsBase = origin.replace('http', 'ws');
  let next = 0;
  const openOne = () => {
    if (next >= mine.length) return;
    const { token, channel } = mine[next++];
    const socket = new WebSocket(`${wsBase}/streaming?i=${token}`, { perMessageDeflate: false });
    sockets.push(socket);
    socket.once('open', () => socket.send(JSON.stringify({ type: 'connect', body: { channel, id: '1', params: {}, pong: true } })));
    socket.on('message', (data) => {
      const text = data.toString();
      if (text.startsWith('{"type":"connected"')) {
        if (++connected === mine.length) parentPort.postMessage({ type: 'connected' });
        openOne();
        return;
      }
      const at = text.indexOf('bench#');
      if (at < 0) return;
      const seq = Number(text.slice(at + 6, text.indexOf('#', at + 6)));
      const now = Date.now();
      const t0 = sentAt.get(seq);
      latencies.push(t0 === undefined ? NaN : now - t0);
      const created = text.indexOf('"createdAt":"');
      fanout.push(created < 0 ? NaN : now - Date.parse(text.slice(created + 13, created + 37)));
    });
    socket.on('close', () => { if (!stopping) unexpectedCloses++; });
    socket.on('error', () => {});
  };
  // 100 handshakes in flight at a time.
  for (let i = 0; i < 100; i++) openOne();
  parentPort.on('message', (message) => {
    if (message.type === 'sent') sentAt.set(message.seq, message.at);
    if (message.type === 'finish') {
      stopping = true;
      const open = sockets.filter((s) => s.readyState === WebSocket.OPEN).length;
      parentPort.postMessage({
        type: 'result', received: latencies.length, open, unexpectedCloses,
        latencies: Float64Array.from(latencies.filter((v) => !Number.isNaN(v))), fanout: Float64Array.from(fanout),
      });
    }
  });
}

runClients();
