import { randomInt } from 'node:crypto';

/**
 * Misskey's `aidx` ids: 8 base36 chars of milliseconds since 2000-01-01, 4 chars identifying this
 * process, 4 chars of a per-process counter. 16 characters, sortable by creation time, so paging
 * by id equals paging by date and `sinceDate`/`untilDate` turn into id bounds.
 */
const TIME2000 = 946684800000;
const TIME_LENGTH = 8;
const NODE_LENGTH = 4;
const COUNTER_LENGTH = 4;
const COUNTER_SPACE = 36 ** COUNTER_LENGTH;

const nodeId = randomInt(36 ** NODE_LENGTH).toString(36).padStart(NODE_LENGTH, '0');
let counter = randomInt(COUNTER_SPACE);

function timePart(time: number): string {
  return Math.max(0, time - TIME2000).toString(36).padStart(TIME_LENGTH, '0').slice(-TIME_LENGTH);
}

export function genId(time: number = Date.now()): string {
  counter = (counter + 1) % COUNTER_SPACE;
  return timePart(time) + nodeId + counter.toString(36).padStart(COUNTER_LENGTH, '0');
}

/** The creation time encoded in an aidx id. */
export function parseIdTime(id: string): Date {
  return new Date(parseInt(id.slice(0, TIME_LENGTH), 36) + TIME2000);
}

/** Smallest id that can exist at `time`: ids created at or after it compare >= this. */
export function idLowerBoundAt(time: number): string {
  return timePart(time) + '0'.repeat(NODE_LENGTH + COUNTER_LENGTH);
}

export const ID_PATTERN = /^[0-9a-z]{16}$/;
export function isValidId(id: string): boolean {
  return ID_PATTERN.test(id);
}
