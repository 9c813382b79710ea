import { serverNow } from './serverClock';

/** Display formatting. Money arrives as exact decimal strings; it is only turned into numbers for display. */

export function num(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

export function money(value: string | number | null | undefined, digits = 2): string {
  const n = num(value);
  return n === null ? '—' : n.toLocaleString(undefined, { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function qty(value: string | number | null | undefined): string {
  const n = num(value);
  return n === null ? '—' : n.toLocaleString(undefined, { maximumFractionDigits: 8 });
}

export function pct(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : `${value.toFixed(digits)}%`;
}

export function signed(value: number | null, digits = 2): string {
  if (value === null) return '—';
  return `${value > 0 ? '+' : ''}${money(value, digits)}`;
}

/** Accepts ms since epoch or an ISO string, since both appear on the wire. */
export function toMs(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const n = typeof value === 'number' ? value : Date.parse(value);
  return Number.isFinite(n) ? n : null;
}

export function dateTime(value: number | string | null | undefined): string {
  const ms = toMs(value);
  return ms === null ? '—' : new Date(ms).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
}

/**
 * "3m 5s ago" — or the date itself when the gap is implausible (a server whose clock follows a
 * replayed or skewed exchange clock), where a relative time would mislead.
 */
export function ago(value: number | string | null | undefined, now = serverNow()): string {
  const ms = toMs(value);
  if (ms === null) return 'never';
  const gap = now - ms;
  if (gap < -60_000 || gap > 7 * 86_400_000) return dateTime(ms);
  return `${duration(gap)} ago`;
}

export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${s % 60}s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ${m % 60}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

/** Local datetime-input value ↔ ms since epoch. */
export function fromLocalInput(value: string): number | undefined {
  if (!value) return undefined;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? ms : undefined;
}
