/** Where grade board serves unless --listen says otherwise (kept apart so the CLI's help needs no board code). */
export const DEFAULT_LISTEN = '127.0.0.1:8700';
