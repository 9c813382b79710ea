/**
 * Text that tries to steer someone rather than explain a change. A model that read injected text in
 * market data (or was told to by an attacker) may put orders for the operator or for later prompts
 * into its "reason"; such a proposal is dropped, not shown.
 */
const INSTRUCTION_PATTERNS: readonly RegExp[] = [
  /\b(ignore|disregard|forget|override)\b.{0,40}\b(instruction|rule|prompt|previous|above|system)/i,
  /\b(system|developer)\s*(prompt|message|instruction)/i,
  /\byou (are|must|should) (now|always|never)\b/i,
  /\b(approve|accept)\b.{0,30}\b(this|automatically|immediately|without)/i,
  /\b(disable|raise|increase|remove|set|change)\b.{0,40}\b(risk|api[ _-]?key|secret|(?:trading|live|paper) mode|role|live trading|password|token)/i,
  /\b(execute|run)\b.{0,20}\b(command|code|the following)/i,
  /<\/?\s*(system|instructions?|assistant|user|data)\b/i,
  /```/,
  /https?:\/\//i,
];

export function looksLikeInstructions(text: string): boolean {
  return INSTRUCTION_PATTERNS.some((p) => p.test(text));
}
