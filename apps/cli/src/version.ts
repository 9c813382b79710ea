/** Warden's version, as `warden --version`, `/api/system/status` and the start-up audit event report it. */
export const VERSION = '0.1.0';
