export { hashPassword, MIN_PASSWORD_LENGTH } from './auth/passwords.js';
export { describeAuthStartup } from './auth/startupMessage.js';
export type { ApiDeps, LiveOrderPlacer, StrategyInfo } from './deps.js';
export { type ApiOptions, BODY_LIMIT_BYTES, buildApiServer } from './server.js';
