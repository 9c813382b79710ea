import type { Store } from '@warden/core/ports/store';
import type Database from 'better-sqlite3';
import { type AuditLogOptions, sqliteAuditLog } from './audit/sqliteAuditLog.js';
import { type Db, openDatabase } from './database.js';
import { approvalRepository } from './repositories/approvalRepository.js';
import { candleRepository } from './repositories/candleRepository.js';
import { configRepository } from './repositories/configRepository.js';
import { fillRepository } from './repositories/fillRepository.js';
import { orderRepository } from './repositories/orderRepository.js';
import { positionRepository } from './repositories/positionRepository.js';
import { equityRepository, metricsRepository } from './repositories/snapshotRepositories.js';
import { type UserRepository, userRepository } from './repositories/userRepository.js';

export interface SqliteStore extends Store {
  readonly users: UserRepository;
  readonly sqlite: Database.Database;
  readonly db: Db;
  readonly path: string;
  close(): void;
}

/**
 * Opens the database at `path` (migrating it) and returns every repository behind the core `Store`
 * port. `options.secrets` (the runtime passes `configSecrets(config)`) are never written to the audit log.
 */
export function openStore(path: string, options: AuditLogOptions = {}): SqliteStore {
  const { sqlite, db } = openDatabase(path);
  return {
    path,
    sqlite,
    db,
    candles: candleRepository(sqlite),
    orders: orderRepository(db),
    fills: fillRepository(db),
    positions: positionRepository(db),
    equity: equityRepository(db),
    metrics: metricsRepository(db),
    approvals: approvalRepository(db),
    config: configRepository(db),
    audit: sqliteAuditLog(sqlite, options),
    users: userRepository(db),
    // better-sqlite3 nests transactions as savepoints, so a unit of work may call others that also use transaction().
    transaction: <T>(work: () => T): T => sqlite.transaction(work)(),
    close: () => {
      if (sqlite.open) sqlite.close();
    },
  };
}
