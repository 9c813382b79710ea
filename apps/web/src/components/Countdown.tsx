import { useEffect, useState } from 'react';
import { duration } from '../format';
import { serverNow } from '../serverClock';

/** Time left until `until` on the bot's clock, ticking each second; "expired" once past. */
export function Countdown({ until }: { until: number }) {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    const t = setInterval(() => setNow(serverNow()), 1000);
    return () => clearInterval(t);
  }, []);
  const left = until - now;
  return (
    <span className={left < 5 * 60_000 ? 'countdown urgent' : 'countdown'} data-testid="countdown">
      {left > 0 ? `expires in ${duration(left)}` : 'expired'}
    </span>
  );
}
