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
/** The last millisecond the 8-character time part can hold (in 2089); later times have no id. */
const TIME_MAX = TIME2000 + 36 ** TIME_LENGTH - 1;

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

/**
 * Smallest id that can exist at `time`: ids created at or after it compare >= this. Times outside
 * what ids can encode clamp to the ends of the id space (every id sorts after the 2000 bound and
 * before the one past 2089) instead of wrapping around in the 8 characters, so any `sinceDate` or
 * `untilDate` a client sends is a correct bound.
 */
export function idLowerBoundAt(time: number): string {
  if (!(time > TIME2000)) return '0'.repeat(TIME_LENGTH + NODE_LENGTH + COUNTER_LENGTH);
  if (time > TIME_MAX) return 'z'.repeat(TIME_LENGTH + NODE_LENGTH + COUNTER_LENGTH);
  return timePart(time) + '0'.repeat(NODE_LENGTH + COUNTER_LENGTH);
}

export const ID_PATTERN = /^[0-9a-z]{16}$/;
export function isValidId(id: string): boolean {
  return ID_PATTERN.test(id);
}
