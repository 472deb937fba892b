export {
  createAppStore,
  undo,
  redo,
  canUndo,
  canRedo,
  HISTORY_LIMIT,
  type AppStore,
} from './createAppStore';
export { AppStoreProvider, useAppStore, useStoreApi, useTemporal } from './AppStoreContext';
export {
  selectCluster,
  selectScenario,
  selectSelection,
  selectTrace,
  selectWalk,
  traceFor,
} from './selectors';
export type {
  AppState,
  LoadingState,
  Notice,
  RightPanel,
  ThemeName,
  Tool,
  WalkSpec,
} from './types';
export type {
  BirthState,
  LearnSlice,
  LessonProgress,
  LessonState,
  PredictState,
} from './learnTypes';
export { lessonContext, openLesson, performLessonAction, whenTracing } from './lessons';
