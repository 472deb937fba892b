/** The pause image containerd 2.x uses by default (config key `sandbox`; reference/learning.md §5). */
export const PAUSE_IMAGE = 'registry.k8s.io/pause:3.10.2';
