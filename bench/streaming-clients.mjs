import crypto from 'node:crypto';
import net from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';

// Worker thread of bench/streaming.ts (plain JavaScript: worker threads do not get the tsx loader).
//
// The clients are bare RFC 6455 clients on plain TCP sockets (the upgrade written by hand), not `ws`: they share the two cores with
// the server they measure, so they do the least a client can do — parse frame headers, find the
// benchmark marker in the bytes, never build a string or an object per message. `ws` costs several
// microseconds per message, which at 250,000 messages a second is a core taken from the server.
// The tests (test/streaming/) are where real clients (`misskey-js` `Stream`) are checked.
const CONNECTED = Buffer.from('{"type":"connected"');
const MARK = Buffer.from('bench#');
const HASH = 0x23;
const CREATED_AT = Buffer.from('"createdAt":"');

/** A client-to-server frame (masked, as RFC 6455 requires). */
function clientFrame(opcode, payload) {
  const mask = crypto.randomBytes(4);
  const length = payload.length;
  const header = length < 126 ? Buffer.from([0x80 | opcode, 0x80 | length]) : Buffer.from([0x80 | opcode, 0x80 | 126, length >> 8, length & 0xff]);
  const body = Buffer.alloc(length);
  for (let i = 0; i < length; i++) body[i] = payload[i] ^ mask[i & 3];
  return Buffer.concat([header, mask, body]);
}

/** A worker thread: its share of the clients; reports latencies when told to finish. */
export function runClients() {
  const { base: origin, clients: mine, expectedDeliveries } = workerData;
  const { hostname, port } = new URL(origin);
  const sentAt = new Map();
  const createdAtBySeq = new Map();
  // Deliveries are recorded in typed arrays sized for the whole run up front: growing JavaScript
  // arrays of millions of entries copies them all at each growth, and those copies stalled this
  // thread (seen as the same two bad seconds in every run, at 2.7 and 4.1 million deliveries).
  const records = {
    count: 0,
    /** create→receipt (NaN when the note's send time had not reached this thread yet). */
    latencies: new Float64Array(expectedDeliveries),
    /** The note (sequence number) of each entry, for the report by second. */
    seqs: new Int32Array(expectedDeliveries),
    /** createdAt→receipt. */
    fanout: new Float64Array(expectedDeliveries),
  };
  const record = (latency, seq, fanout) => {
    if (records.count === records.latencies.length) {
      for (const key of ['latencies', 'seqs', 'fanout']) {
        const grown = new records[key].constructor(records.count * 2 + 1024);
        grown.set(records[key]);
        records[key] = grown;
      }
    }
    records.latencies[records.count] = latency;
    records.seqs[records.count] = seq;
    records.fanout[records.count++] = fanout;
  };
  let connected = 0;
  let unexpectedCloses = 0;
  let stopping = false;
  const sockets = [];

  /** Every complete frame in `data` from `offset`; returns where the first incomplete one starts. */
  const readFrames = (socket, data, onConnected) => {
    let offset = 0;
    while (data.length - offset >= 2) {
      const opcode = data[offset] & 0x0f;
      let length = data[offset + 1] & 0x7f;
      let start = offset + 2;
      if (length === 126) {
        if (data.length - offset < 4) break;
        length = data.readUInt16BE(offset + 2);
        start = offset + 4;
      } else if (length === 127) {
        if (data.length - offset < 10) break;
        length = Number(data.readBigUInt64BE(offset + 2));
        start = offset + 10;
      }
      const end = start + length;
      if (end > data.length) break;
      if (opcode === 0x9) socket.write(clientFrame(0xa, data.subarray(start, end)));
      else if (opcode === 0x1) onFrame(data, start, end, onConnected);
      offset = end;
    }
    return offset;
  };

  const onFrame = (data, start, end, onConnected) => {
    // A view of this frame only, so that searches never run into the frames after it.
    const frame = data.subarray(start, end);
    if (frame.length >= CONNECTED.length && frame.compare(CONNECTED, 0, CONNECTED.length, 0, CONNECTED.length) === 0) {
      onConnected();
      return;
    }
    const at = frame.indexOf(MARK);
    if (at < 0) return;
    let seq = 0;
    for (let i = at + MARK.length; i < frame.length && frame[i] !== HASH; i++) seq = seq * 10 + (frame[i] - 48);
    const now = Date.now();
    const t0 = sentAt.get(seq);
    // Every copy of a note carries the same createdAt: parsed once per note, not once per delivery.
    let createdAt = createdAtBySeq.get(seq);
    if (createdAt === undefined) {
      const created = frame.indexOf(CREATED_AT);
      createdAt = created < 0 ? NaN : Date.parse(frame.toString('latin1', created + CREATED_AT.length, created + CREATED_AT.length + 24));
      createdAtBySeq.set(seq, createdAt);
    }
    record(t0 === undefined ? NaN : now - t0, seq, now - createdAt);
  };

  // Every socket reads into this one buffer (`onread`): no Buffer and no stream event per read.
  // Reads are handled synchronously one at a time, so sharing it is safe; a partial frame left at
  // the end of a read is copied out to its socket.
  const readBuffer = Buffer.allocUnsafe(256 * 1024);
  const HEADERS_END = Buffer.from('\r\n\r\n');
  let next = 0;
  const openOne = () => {
    if (next >= mine.length) return;
    const { token, channel } = mine[next++];
    let pending = null;
    let upgraded = false;
    let isOpen = false;
    const onConnected = () => {
      if (isOpen) return;
      isOpen = true;
      if (++connected === mine.length) parentPort.postMessage({ type: 'connected' });
      openOne();
    };
    const onBytes = (bytes) => {
      let data = pending ? Buffer.concat([pending, bytes]) : bytes;
      pending = null;
      if (!upgraded) {
        const end = data.indexOf(HEADERS_END);
        if (end < 0) { pending = Buffer.from(data); return; }
        if (!data.toString('latin1', 0, 12).startsWith('HTTP/1.1 101')) {
          console.error(`upgrade refused: ${data.toString('latin1', 0, data.indexOf('\r\n'))}`);
          unexpectedCloses++;
          socket.destroy();
          return;
        }
        upgraded = true;
        socket.write(clientFrame(0x1, Buffer.from(JSON.stringify({ type: 'connect', body: { channel, id: '1', params: {}, pong: true } }))));
        data = data.subarray(end + HEADERS_END.length);
      }
      const used = readFrames(socket, data, onConnected);
      if (used < data.length) pending = Buffer.from(data.subarray(used));
    };
    const socket = net.connect({
      host: hostname, port: Number(port),
      onread: { buffer: readBuffer, callback: (length, buffer) => { onBytes(buffer.subarray(0, length)); } },
    });
    socket.setNoDelay(true);
    sockets.push(socket);
    socket.on('connect', () => {
      socket.write(`GET /streaming?i=${token} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
        `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${crypto.randomBytes(16).toString('base64')}\r\n\r\n`);
    });
    socket.on('close', () => { socket.closedAt = Date.now(); if (!stopping) unexpectedCloses++; });
    socket.on('error', () => {});
  };
  // 100 handshakes in flight at a time.
  for (let i = 0; i < 100; i++) openOne();
  parentPort.on('message', (message) => {
    if (message.type === 'sent') sentAt.set(message.seq, message.at);
    if (message.type === 'finish') {
      stopping = true;
      const open = sockets.filter((socket) => !socket.destroyed && socket.closedAt === undefined).length;
      parentPort.postMessage({
        type: 'result', received: records.count, open, unexpectedCloses,
        latencies: records.latencies.subarray(0, records.count), latencySeqs: records.seqs.subarray(0, records.count),
        fanout: records.fanout.subarray(0, records.count),
      });
    }
  });
}

runClients();
