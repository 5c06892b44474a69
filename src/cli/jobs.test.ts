import { describe, expect, it } from 'vitest';
import { progressBar } from './jobs.js';

describe('progressBar', () => {
  it('fills in proportion and clamps to 0–100', () => {
    expect(progressBar(40, 10)).toBe('[####......]  40%');
    expect(progressBar(0, 4)).toBe('[....]   0%');
    expect(progressBar(150, 4)).toBe('[####] 150%'.replace('150', '100'));
  });
});
