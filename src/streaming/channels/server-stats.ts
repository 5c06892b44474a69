import fs from 'node:fs';
import os from 'node:os';
import { Channel, type ChannelDefinition } from '../channel.js';
import type { StreamConnection } from '../connection.js';

interface ServerStats { cpu: number; mem: { used: number; active: number }; net: { rx: number; tx: number }; fs: { r: number; w: number } }

const INTERVAL_MS = 2000;
const LOG_LENGTH = 200;

function readNumbers(file: string, pick: (line: string[]) => [number, number] | null): [number, number] {
  try {
    let a = 0;
    let b = 0;
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      const values = pick(line.trim().split(/\s+/));
      if (values) { a += values[0]; b += values[1]; }
    }
    return [a, b];
  } catch {
    return [0, 0];
  }
}

function cpuTimes(): { idle: number; total: number } {
  let idle = 0;
  let total = 0;
  for (const cpu of os.cpus()) {
    const t = cpu.times;
    idle += t.idle;
    total += t.user + t.nice + t.sys + t.idle + t.irq;
  }
  return { idle, total };
}

function memActive(): number {
  try {
    const available = /MemAvailable:\s+(\d+)/.exec(fs.readFileSync('/proc/meminfo', 'utf8'))?.[1];
    if (available) return os.totalmem() - Number(available) * 1024;
  } catch { /* not Linux */ }
  return os.totalmem() - os.freemem();
}

/**
 * Samples the machine every 2 s while at least one `serverStats` channel is open in this process,
 * and only when the admin enabled `enableServerMachineStats` (as Misskey). Keeps the last 200.
 */
class StatsSampler {
  readonly log: ServerStats[] = [];
  private readonly listeners = new Set<(stats: ServerStats) => void>();
  private timer: NodeJS.Timeout | null = null;
  private previous = { cpu: cpuTimes(), net: [0, 0] as [number, number], disk: [0, 0] as [number, number] };

  add(listener: (stats: ServerStats) => void, enabled: () => boolean): void {
    this.listeners.add(listener);
    if (this.timer) return;
    this.previous = { cpu: cpuTimes(), net: this.net(), disk: this.disk() };
    this.timer = setInterval(() => { if (enabled()) this.sample(); }, INTERVAL_MS);
    this.timer.unref();
  }

  remove(listener: (stats: ServerStats) => void): void {
    this.listeners.delete(listener);
    if (this.listeners.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  private net(): [number, number] {
    return readNumbers('/proc/net/dev', (f) => (f[0]?.endsWith(':') && f[0] !== 'lo:' ? [Number(f[1]), Number(f[9])] : null));
  }

  private disk(): [number, number] {
    // Whole disks only (sda, vda, nvme0n1): partitions would count twice.
    return readNumbers('/proc/diskstats', (f) => (f[2] && /^(sd[a-z]+|vd[a-z]+|xvd[a-z]+|nvme\d+n\d+)$/.test(f[2]) ? [Number(f[5]) * 512, Number(f[9]) * 512] : null));
  }

  private sample(): void {
    const cpu = cpuTimes();
    const net = this.net();
    const disk = this.disk();
    const total = cpu.total - this.previous.cpu.total;
    const stats: ServerStats = {
      cpu: total > 0 ? Math.max(0, Math.min(1, 1 - (cpu.idle - this.previous.cpu.idle) / total)) : 0,
      mem: { used: os.totalmem() - os.freemem(), active: memActive() },
      net: { rx: Math.max(0, net[0] - this.previous.net[0]), tx: Math.max(0, net[1] - this.previous.net[1]) },
      fs: { r: Math.max(0, disk[0] - this.previous.disk[0]), w: Math.max(0, disk[1] - this.previous.disk[1]) },
    };
    this.previous = { cpu, net, disk };
    this.log.unshift(stats);
    if (this.log.length > LOG_LENGTH) this.log.pop();
    for (const listener of this.listeners) listener(stats);
  }
}

const sampler = new StatsSampler();

/** `serverStats`: `stats` every 2 s; `requestLog` ({ id, length }) answers `statsLog` with the latest samples. */
class ServerStatsChannel extends Channel {
  private readonly onStats = (stats: ServerStats) => this.send('stats', stats);

  constructor(id: string, connection: StreamConnection) {
    super(id, connection);
  }

  init(): boolean {
    sampler.add(this.onStats, () => this.ctx.meta.get().enableServerMachineStats);
    this.onDispose(() => sampler.remove(this.onStats));
    return true;
  }

  override onMessage(type: string, body: unknown): void {
    if (type !== 'requestLog') return;
    const request = (body ?? {}) as { id?: unknown; length?: unknown };
    const length = typeof request.length === 'number' && Number.isFinite(request.length) ? Math.max(0, Math.min(LOG_LENGTH, Math.floor(request.length))) : 50;
    this.send('statsLog', sampler.log.slice(0, length));
  }
}

export const serverStats: ChannelDefinition = {
  name: 'serverStats', requireCredential: false, shared: true,
  create: (id, connection) => new ServerStatsChannel(id, connection),
};
