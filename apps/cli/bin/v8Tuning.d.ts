/** See v8Tuning.js. */
export function applyV8Tuning(): void;
