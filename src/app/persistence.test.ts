import { describe, expect, it } from 'vitest';

import { querySearch } from './persistence';

describe('the query a save leaves in the address bar', () => {
  it.each([
    ['', undefined, ''],
    ['?renderer=webgl', undefined, '?renderer=webgl'],
    [
      '?renderer=webgl',
      { id: 'pod-to-service', step: 1 },
      '?renderer=webgl&lesson=pod-to-service&step=2',
    ],
    ['?lesson=pod-to-service&step=3', undefined, ''],
    [
      '?lesson=pod-to-service&step=3&renderer=webgl',
      { id: 'x', step: 0 },
      '?renderer=webgl&lesson=x&step=1',
    ],
    ['', { id: 'pod-to-service', step: 0 }, '?lesson=pod-to-service&step=1'],
  ])('%s with lesson %j → %s', (current, lesson, want) => {
    expect(querySearch(current, lesson)).toBe(want);
  });
});
