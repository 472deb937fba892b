/** The learning slice: plain session data and setters; the logic loads with the learning UI. */
import type { StateCreator } from 'zustand';

import type { LearnSlice } from './learnTypes';
import type { AppState } from './types';

export const learnSlice: StateCreator<AppState, [], [], LearnSlice> = (set) => ({
  predict: undefined,
  birth: undefined,
  showPause: true,
  lesson: undefined,
  progress: {},
  announcement: { text: '', seq: 0 },
  hints: [],
  hidden: [],
  setPredict: (predict) => set({ predict }),
  setBirth: (birth) => set({ birth }),
  setShowPause: (showPause) => set({ showPause }),
  setLesson: (lesson) => set({ lesson }),
  setProgress: (id, p) => set((s) => ({ progress: { ...s.progress, [id]: p } })),
  setGraphMarks: (m) => set(m),
  announce: (text) => set((s) => ({ announcement: { text, seq: s.announcement.seq + 1 } })),
});
