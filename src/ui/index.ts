export { AppShell } from './AppShell';
export { PlatformProvider, type Platform } from './platform';
