import { z } from 'zod';
import { ValidationError } from '../../errors/errors.js';

/** Which side of its outer levels the price is on; null inside the grid. */
export type RangeSide = 'above' | 'below';

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
  /** Since when (ctx.now) the price has been beyond the outer levels on `outOfRangeSide` (range exit). */
  outOfRangeSince: number | null;
  outOfRangeSide: RangeSide | null;
  /** Level a pending bootstrap buy stands for; its fill makes it the last traded level. */
  bootstrapLevel: number | null;
}

export function initialGridState(): GridState {
  return {
    centre: null,
    capital: null,
    lastLevel: 0,
    lastSignalAt: null,
    outOfRangeSince: null,
    outOfRangeSide: null,
    bootstrapLevel: null,
  };
}

/** The snapshot version `toSnapshot` writes. Version 2 added `outOfRangeSide`. */
export const GRID_SNAPSHOT_VERSION = 2;

const commonFields = {
  kind: z.literal('grid'),
  centre: z.number().positive().nullable(),
  capital: z.number().nonnegative().nullable(),
  lastLevel: z.number().int(),
  lastSignalAt: z.number().nullable(),
  outOfRangeSince: z.number().nullable(),
  bootstrapLevel: z.number().int().nullable(),
};

const snapshotV1Schema = z.object({ ...commonFields, version: z.literal(1) });
const snapshotV2Schema = z.object({
  ...commonFields,
  version: z.literal(GRID_SNAPSHOT_VERSION),
  outOfRangeSide: z.enum(['above', 'below']).nullable(),
});

export type GridSnapshot = z.infer<typeof snapshotV2Schema>;

export function toSnapshot(state: GridState): GridSnapshot {
  return { kind: 'grid', version: GRID_SNAPSHOT_VERSION, ...state };
}

/**
 * Parses a persisted snapshot; a corrupt one is refused rather than guessed at (a wrong last level
 * re-trades). Version 1 (before `outOfRangeSide`) is migrated: everything carries over except the
 * range-exit clock, which restarts, because version 1 did not record which side the price left on.
 * Any other version is refused, naming it.
 */
export function fromSnapshot(raw: unknown, levelsPerSide: number): GridState {
  const version = typeof raw === 'object' && raw !== null ? (raw as { version?: unknown }).version : undefined;
  let state: GridState;
  if (version === 1) {
    const { kind: _kind, version: _version, ...v1 } = parse(snapshotV1Schema, raw);
    state = { ...v1, outOfRangeSince: null, outOfRangeSide: null };
  } else if (version === GRID_SNAPSHOT_VERSION) {
    const { kind: _kind, version: _version, ...v2 } = parse(snapshotV2Schema, raw);
    state = v2;
  } else {
    throw new ValidationError(
      `invalid grid snapshot: version ${JSON.stringify(version ?? null)} is not one this grid reads (1 or ${GRID_SNAPSHOT_VERSION})`,
      'snapshot',
    );
  }
  // The level count may have been tuned since the snapshot: keep the last level on the grid.
  return { ...state, lastLevel: Math.max(-levelsPerSide, Math.min(levelsPerSide, state.lastLevel)) };
}

function parse<T>(schema: z.ZodType<T>, raw: unknown): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    throw new ValidationError(
      `invalid grid snapshot: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      'snapshot',
    );
  return parsed.data;
}
