import { useEffect, useState } from 'react';
import { duration } from '../format';

/** Time left until `until`, ticking each second; "expired" once past. */
export function Countdown({ until }: { until: number }) {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const left = until - now;
  return (
    <span className={left < 5 * 60_000 ? 'countdown urgent' : 'countdown'} data-testid="countdown">
      {left > 0 ? `expires in ${duration(left)}` : 'expired'}
    </span>
  );
}
