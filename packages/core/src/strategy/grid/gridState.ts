import { z } from 'zod';
import { ValidationError } from '../../errors/errors.js';

/** What a grid must remember across restarts so that it never re-trades a level it already traded. */
export interface GridState {
  /** Anchor of the grid (before any regime shift); null until the first evaluation. */
  centre: number | null;
  /** Quote capital committed when the grid was (re)centred. */
  capital: number | null;
  /** Index of the level last filled (0 = centre). */
  lastLevel: number;
  /** ctx.now of the last BUY/SELL the grid emitted (cooldown). */
  lastSignalAt: number | null;
  /** Since when the price has been beyond the outer levels (range exit). */
  outOfRangeSince: number | null;
  /** Level a pending bootstrap buy stands for; its fill makes it the last traded level. */
  bootstrapLevel: number | null;
}

export function initialGridState(): GridState {
  return { centre: null, capital: null, lastLevel: 0, lastSignalAt: null, outOfRangeSince: null, bootstrapLevel: null };
}

const gridSnapshotSchema = z.object({
  kind: z.literal('grid'),
  version: z.literal(1),
  centre: z.number().positive().nullable(),
  capital: z.number().nonnegative().nullable(),
  lastLevel: z.number().int(),
  lastSignalAt: z.number().nullable(),
  outOfRangeSince: z.number().nullable(),
  bootstrapLevel: z.number().int().nullable(),
});

export type GridSnapshot = z.infer<typeof gridSnapshotSchema>;

export function toSnapshot(state: GridState): GridSnapshot {
  return { kind: 'grid', version: 1, ...state };
}

/** Parses a persisted snapshot; a corrupt one is refused rather than guessed at (a wrong last level re-trades). */
export function fromSnapshot(raw: unknown, levelsPerSide: number): GridState {
  const parsed = gridSnapshotSchema.safeParse(raw);
  if (!parsed.success)
    throw new ValidationError(
      `invalid grid snapshot: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      'snapshot',
    );
  const { kind: _kind, version: _version, ...state } = parsed.data;
  // The level count may have been tuned since the snapshot: keep the last level on the grid.
  return { ...state, lastLevel: Math.max(-levelsPerSide, Math.min(levelsPerSide, state.lastLevel)) };
}
