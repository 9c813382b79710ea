/**
 * The bot's clock as seen from the browser. Warden's time follows the exchange (in tests, a server
 * replaying recorded days), so expiry countdowns and "ago" labels are computed in server time:
 * each status response carries `serverTime`, and the offset to the browser's clock is kept here.
 */
let offsetMs = 0;

export function syncServerClock(serverTime: number | undefined): void {
  if (typeof serverTime === 'number' && Number.isFinite(serverTime)) offsetMs = serverTime - Date.now();
}

export function serverNow(): number {
  return Date.now() + offsetMs;
}
