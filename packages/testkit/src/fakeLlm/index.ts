export { type FakeLlmServer, startFakeLlm } from './fakeLlmServer.js';
export type { FakeLlmProvider, FakeReply, RecordedRequest } from './types.js';
