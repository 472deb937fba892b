import type { BirthStep } from './types';

/** A step with nothing created or touched unless given. */
export const birthStep = (
  s: Omit<BirthStep, 'creates' | 'touches'> & Partial<BirthStep>,
): BirthStep => ({ creates: [], touches: [], ...s });
