import type { TelegramLogger } from '../logger.js';

export interface LogEntry {
  readonly level: 'info' | 'warn' | 'error';
  readonly obj: object;
  readonly msg: string;
}

/** Captures log lines so tests can check what was logged (drops, ignored chats) and what was not (the token). */
export class RecordingLogger implements TelegramLogger {
  readonly entries: LogEntry[] = [];
  info(obj: object, msg: string): void {
    this.entries.push({ level: 'info', obj, msg });
  }
  warn(obj: object, msg: string): void {
    this.entries.push({ level: 'warn', obj, msg });
  }
  error(obj: object, msg: string): void {
    this.entries.push({ level: 'error', obj, msg });
  }
  has(fragment: string): boolean {
    return this.entries.some((e) => e.msg.includes(fragment));
  }
  text(): string {
    return this.entries.map((e) => `${e.msg} ${JSON.stringify(e.obj)}`).join('\n');
  }
}
