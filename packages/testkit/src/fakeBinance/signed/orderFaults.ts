/**
 * Misbehaviour of the order endpoint after the matching engine accepted the order — the cases where
 * the client cannot know whether its order exists. (Faults before acceptance — 5xx, 429, 418 — are
 * the server-wide FaultPlan's.)
 */
export type OrderFault =
  /** Accept, then answer only after `delayMs` (longer than the client's timeout). */
  | { readonly kind: 'timeoutAfterAccept'; readonly delayMs?: number }
  /** Accept, then answer with an error: 5xx (status unknown) or -1007 (backend timeout). */
  | { readonly kind: 'errorAfterAccept'; readonly status: number; readonly code: number; readonly msg?: string }
  /** Accept, then send the headers and half the body and close the connection. */
  | { readonly kind: 'resetAfterAccept' }
  /** The next crossing order fills only `ratio` of its quantity (limit: the rest rests; market: the rest expires). */
  | { readonly kind: 'partialFill'; readonly ratio: number };

export class OrderFaults {
  private readonly pending: OrderFault[] = [];

  inject(fault: OrderFault): this {
    this.pending.push(fault);
    return this;
  }

  /** The first pending fault of one of `kinds` (consumed). */
  take<K extends OrderFault['kind']>(...kinds: K[]): Extract<OrderFault, { kind: K }> | null {
    const i = this.pending.findIndex((f) => (kinds as string[]).includes(f.kind));
    if (i < 0) return null;
    const [fault] = this.pending.splice(i, 1);
    return fault as Extract<OrderFault, { kind: K }>;
  }

  clear(): void {
    this.pending.length = 0;
  }
}
