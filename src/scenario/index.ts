/**
 * The scenario layer's public API (`@/scenario`): document formats. Pure TypeScript that runs in
 * the browser, a Web Worker and Node: schema + migrations (restore), share links, Kubernetes
 * YAML/JSON import and export, the single text loader, and the preset gallery.
 */

// the document
export { restore, type Restored } from './restore';
export { scenarioSchema, clusterSettingsSchema } from './schema';
export { networkPolicySchema } from './k8sSchema';
export { MIGRATIONS, migrate, type Migration, type Migrated } from './migrations/index';

// share links
export { decodeShareLink } from './shareLinkDecode';
export {
  encodeShareLink,
  rememberEncoded,
  LINK_WARN_CHARS,
  MAX_LINK_CHARS,
  type DecodedLink,
  type ShareView,
  type ShareWalk,
} from './shareLink';

// Kubernetes manifests
export { importManifests, MAX_IMPORT_CHARS } from './manifests/importManifests';
export { exportManifests } from './manifests/exportManifests';
export type { ImportError, ImportOptions, ImportResult } from './manifests/types';

// any input text
export { loadScenarioText, type Loaded } from './load';

// the gallery
export { PRESETS, presetById } from './presets/index';
export type { Preset, PresetWalk } from './presets/types';

// guided lessons and the misconception quiz (loaded with the learning UI)
export { LESSONS, lessonById } from './lessons/index';
export { isDone } from './lessons/types';
export type {
  Criterion,
  Lesson,
  LessonAction,
  LessonContext,
  LessonStep,
  LessonWalk,
} from './lessons/types';
export { QUIZ } from './lessons/quiz';
export type { Evidence, Proof, QuizQuestion } from './lessons/quizTypes';
