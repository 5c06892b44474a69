import { localInputValue } from '../../format';
export interface PollDraft {
  choices: string[];
  multiple: boolean;
  expiry: 'none' | 'at' | 'after';
  /** `datetime-local` value, in the browser's zone. */
  at: string;
  after: number;
  unit: 'minutes' | 'hours' | 'days';
}

export function emptyPoll(): PollDraft {
  return { choices: ['', ''], multiple: false, expiry: 'none', at: '', after: 1, unit: 'days' };
}

const UNIT_MS = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

/** The poll as notes/create takes it, or a sentence saying what is missing. */
export function pollParams(poll: PollDraft): { choices: string[]; multiple: boolean; expiresAt: number | null; expiredAfter: number | null } | string {
  const choices = poll.choices.map((choice) => choice.trim()).filter((choice) => choice !== '');
  if (choices.length < 2) return 'A poll needs at least two choices.';
  if (new Set(choices).size !== choices.length) return 'Poll choices must differ.';
  let expiresAt: number | null = null;
  let expiredAfter: number | null = null;
  if (poll.expiry === 'at') {
    expiresAt = new Date(poll.at).getTime();
    if (!Number.isFinite(expiresAt) || expiresAt <= Date.now()) return 'The poll must end in the future.';
  } else if (poll.expiry === 'after') {
    if (!(poll.after > 0)) return 'The poll duration must be positive.';
    expiredAfter = Math.round(poll.after * UNIT_MS[poll.unit]);
  }
  return { choices, multiple: poll.multiple, expiresAt, expiredAfter };
}

/** A stored poll (a draft's) back into the editor. */
export function pollFrom(stored: { choices: string[]; multiple?: boolean; expiresAt?: number | string | null; expiredAfter?: number | null }): PollDraft {
  const poll = emptyPoll();
  poll.choices = [...stored.choices];
  poll.multiple = stored.multiple ?? false;
  if (stored.expiredAfter) {
    poll.expiry = 'after';
    poll.after = Math.max(1, Math.round(stored.expiredAfter / 60_000));
    poll.unit = 'minutes';
  } else if (stored.expiresAt) {
    poll.expiry = 'at';
    const ms = new Date(stored.expiresAt).getTime();
    poll.at = localInputValue(ms).slice(0, 16);
  }
  return poll;
}
