/** Electron IPC channel names: the preload sends on these and the main process's relay listens. */
export const INVOKE_CHANNEL = 'motcua:invoke';
export const EVENT_CHANNEL = 'motcua:event';
