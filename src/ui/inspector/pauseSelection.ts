/** The `container` value PodInspector gets when the pause container is selected. */
export const PAUSE = '(pause)';
