import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Caps the connections one client address holds open at once: a client opening hundreds of
 * sockets (and keeping them idle, or trickling bytes into them) cannot use up the process's file
 * descriptors or memory. A connection over the cap is closed before any byte is read.
 *
 * `exempt` addresses are not counted: the local reverse proxy (the loopback addresses Fastify
 * trusts), through which every client arrives from the same address.
 */
export function limitConnectionsPerAddress(server: Server, maxPerAddress: number, exempt: readonly string[]): void {
  if (maxPerAddress <= 0) return;
  const exempted = new Set(exempt.flatMap((address) => [address, `::ffff:${address}`]));
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress;
    if (!address || exempted.has(address)) return;
    const count = (open.get(address) ?? 0) + 1;
    if (count > maxPerAddress) {
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address); else open.set(address, left);
    });
  });
}
