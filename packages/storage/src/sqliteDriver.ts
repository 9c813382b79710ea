import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

const require = createRequire(import.meta.url);

/** The Node major version from which better-sqlite3 13 (Node-API) is used. */
export const NODE_API_DRIVER_FROM_MAJOR = 22;

/**
 * better-sqlite3's Database class for the running Node:
 * - Node 20: better-sqlite3 12, compiled at install for the machine's Node (13 does not run there:
 *   it needs Node-API 10 and crashes on Node 20).
 * - Node 22 and later: better-sqlite3 13 (installed as `better-sqlite3-napi`), whose npm package
 *   ships Node-API binaries that work on every Node from 22 without compiling. 12 is not used
 *   there: on Node 24 its statements' finalizers hit `Assertion failed: (env) != nullptr` in
 *   `node::RemoveEnvironmentCleanupHook` during garbage collection and abort the process (Node
 *   24's `node::ObjectWrap` registers an environment cleanup hook that 12's classes inherit).
 * The two share one API (`new Database(path, options)`, `prepare`, `pragma`, `transaction`…).
 */
export const Database: typeof BetterSqlite3 =
  Number(process.versions.node.split('.')[0]) >= NODE_API_DRIVER_FROM_MAJOR
    ? (require('better-sqlite3-napi') as typeof BetterSqlite3)
    : (require('better-sqlite3') as typeof BetterSqlite3);
