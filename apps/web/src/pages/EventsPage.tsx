import { useState } from 'react';
import { useEvents } from '../api/queries';
import { EmptyRow } from '../components/EmptyRow';
import { ErrorBox } from '../components/ErrorBox';
import { Pager } from '../components/Pager';
import { type TimeRange, TimeRangeInputs } from '../components/TimeRangeInputs';
import { ChainStatus } from '../events/ChainStatus';
import { EventRow } from '../events/EventRow';
import { useDebounced } from '../useDebounced';

export function EventsPage() {
  const [type, setType] = useState('');
  const [actor, setActor] = useState('');
  const [range, setRange] = useState<TimeRange>({});
  const [cursors, setCursors] = useState<number[]>([]);
  // Type filters by prefix: "order." finds every order event, a full type still finds just itself.
  const filter = useDebounced({ typePrefix: type.trim() || undefined, actor: actor.trim() || undefined, ...range });
  const events = useEvents({ ...filter, limit: 50, cursor: cursors[cursors.length - 1] });
  const items = events.data?.items ?? [];
  return (
    <section className="card" aria-label="Audit log">
      <header className="card-head">
        <h2>Audit log</h2>
        <ChainStatus />
      </header>
      <div className="filters">
        <input
          placeholder="type or prefix, e.g. order."
          aria-label="Event type"
          value={type}
          onChange={(e) => {
            setType(e.target.value);
            setCursors([]);
          }}
        />
        <input
          placeholder="actor, e.g. user:alice"
          aria-label="Actor"
          value={actor}
          onChange={(e) => {
            setActor(e.target.value);
            setCursors([]);
          }}
        />
        <TimeRangeInputs
          value={range}
          onChange={(r) => {
            setRange(r);
            setCursors([]);
          }}
        />
      </div>
      <ErrorBox error={events.error} />
      <div className="table-wrap">
        <table className="table" data-testid="events-table">
          <thead>
            <tr>
              <th>Time</th>
              <th>Type</th>
              <th>Actor</th>
              <th>Reason</th>
              <th>Outcome</th>
              <th>Inputs</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <EventRow key={e.id} event={e} />
            ))}
            {items.length === 0 ? <EmptyRow columns={6}>No events match.</EmptyRow> : null}
          </tbody>
        </table>
      </div>
      <Pager cursors={cursors} nextCursor={events.data?.nextCursor} onChange={setCursors} />
    </section>
  );
}
