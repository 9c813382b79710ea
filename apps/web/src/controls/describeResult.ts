/** A one-line summary of what a control endpoint answered, for the result line under the buttons. */
export function describeResult(label: string, data: unknown): string {
  if (data && typeof data === 'object') {
    const d = data as Record<string, unknown>;
    if (typeof d.from === 'string' && typeof d.to === 'string') return `${label}: ${d.from} → ${d.to}`;
    const state = d.state ?? (d.status as Record<string, unknown> | undefined)?.state;
    if (typeof state === 'string') return `${label}: now ${state}`;
    if (Array.isArray(d.saved))
      return `${label}: ${d.saved.length} proposal(s) saved, ${String(d.dropped ?? 0)} dropped (source ${String(d.source ?? '?')})`;
    if (typeof d.schedulerRunning === 'boolean') return `${label}: scheduler ${d.schedulerRunning ? 'running' : 'stopped'}`;
  }
  return `${label}: done`;
}
