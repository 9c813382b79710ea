import { fromLocalInput } from '../format';

export interface TimeRange {
  readonly from?: number;
  readonly to?: number;
}

/** From/to pickers in local time; the API takes ms since epoch. */
export function TimeRangeInputs({ value, onChange }: { value: TimeRange; onChange: (range: TimeRange) => void }) {
  const local = (ms: number | undefined) =>
    ms === undefined ? '' : new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  return (
    <>
      <label className="inline">
        from
        <input
          type="datetime-local"
          value={local(value.from)}
          onChange={(e) => onChange({ ...value, from: fromLocalInput(e.target.value) })}
        />
      </label>
      <label className="inline">
        to
        <input type="datetime-local" value={local(value.to)} onChange={(e) => onChange({ ...value, to: fromLocalInput(e.target.value) })} />
      </label>
    </>
  );
}
