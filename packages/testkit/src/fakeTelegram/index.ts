export * from './fakeTelegramServer.js';
export * from './updates.js';
