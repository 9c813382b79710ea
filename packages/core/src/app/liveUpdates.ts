/**
 * In-process publish/subscribe for live updates (the API's /api/stream, the web panel). Core code
 * publishes after its transaction commits, so subscribers never see a change that was rolled back.
 */
export type LiveUpdateKind = 'state' | 'scheduler' | 'cycle' | 'order' | 'fill' | 'approval' | 'event' | 'equity';

export interface LiveUpdate {
  readonly kind: LiveUpdateKind;
  readonly time: number;
  readonly data: Readonly<Record<string, unknown>>;
}

export type LiveUpdateListener = (update: LiveUpdate) => void;

export class LiveUpdates {
  private readonly listeners = new Set<LiveUpdateListener>();

  subscribe(listener: LiveUpdateListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(update: LiveUpdate): void {
    for (const listener of this.listeners) {
      try {
        listener(update);
      } catch {
        // A broken subscriber (e.g. a closed HTTP stream) must not affect the publisher.
      }
    }
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }
}
