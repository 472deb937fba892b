export { AppShell } from './AppShell';
export { PlatformProvider, type Platform } from './platform';
export { fromWalk, sentence, startupFrom, type Startup } from './loading/startup';
export { runLoad, type LoadProgress } from './loading/loadClient';
export { LoadingOverlay } from './loading/LoadingOverlay';
