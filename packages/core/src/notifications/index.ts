export * from './approvalMessages.js';
export * from './channel.js';
export * from './heartbeat.js';
export * from './render.js';
export * from './router.js';
export * from './systemMessages.js';
export * from './tradeMessages.js';
