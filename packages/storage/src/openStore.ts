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
  dataVersion(): string | null;
  close(): void;
}

/**
 * Opens the database at `path` (migrating it) and returns every repository behind the core `Store`
 * port. `options.secrets` (the runtime passes `configSecrets(config)`) are never written to the audit log.
 */
export function openStore(path: string, options: AuditLogOptions = {}): SqliteStore {
  const { sqlite, db } = openDatabase(path);
  // total_changes() counts the rows this connection has written; data_version changes when another
  // connection (another `warden` process) commits. Together they answer "may anything have changed?"
  // in a few microseconds (the pragma takes WAL's read lock; the count is in memory).
  const totalChanges = sqlite.prepare('select total_changes()').pluck();
  const dataVersion = sqlite.prepare('pragma data_version').pluck();
  // One transaction function for every unit of work (made once: better-sqlite3 builds four
  // wrappers per `transaction()` call, which every cycle paid for). It nests as savepoints.
  const inTransaction = sqlite.transaction((work: () => unknown) => work());
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
    transaction: <T>(work: () => T): T => inTransaction(work) as T,
    dataVersion: () => (sqlite.inTransaction ? null : `${totalChanges.get() as number}:${dataVersion.get() as number}`),
    close: () => {
      if (sqlite.open) sqlite.close();
    },
  };
}
