// Opens the records service's own SQLite file and brings its schema up to date: a change log,
// the current version of each record, the first answer to each mutation id, and the audit
// events workstations delivered.
import Database from 'better-sqlite3-multiple-ciphers';

// `AUTOINCREMENT` so a seq is never handed out twice, even if the newest change were ever
// deleted: a workstation's cursor names a seq, and a reused one would skip changes silently.
// `records.seq` is the change holding the record's current state (its data lives only there).
const schemaV1 = `
  CREATE TABLE changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    entity TEXT NOT NULL,
    record_id TEXT NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
    version INTEGER NOT NULL CHECK (version > 0),
    data TEXT
  );
  CREATE TABLE records (
    entity TEXT NOT NULL,
    id TEXT NOT NULL,
    version INTEGER NOT NULL,
    seq INTEGER NOT NULL UNIQUE,
    PRIMARY KEY (entity, id)
  ) WITHOUT ROWID;
  CREATE TABLE mutations (
    id TEXT PRIMARY KEY,
    outcome TEXT NOT NULL,
    result TEXT NOT NULL,
    received_at TEXT NOT NULL
  ) WITHOUT ROWID;
`;

// Keyed by the event's hash: it covers the workstation's whole chain up to the event, so a
// resend is recognised, and a rebuilt cache whose trail restarts at seq 1 is still told apart.
const schemaV2 = `
  CREATE TABLE audit_events (
    hash TEXT PRIMARY KEY,
    workstation TEXT NOT NULL,
    seq INTEGER NOT NULL,
    at TEXT NOT NULL,
    source TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT,
    outcome TEXT NOT NULL,
    details TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    received_at TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX audit_events_by_workstation ON audit_events (workstation, seq);
`;

/** Each entry brings the schema from its index to the next version. */
const steps = [schemaV1, schemaV2];
const SCHEMA_VERSION = steps.length;

export function openServiceDatabase(path: string): Database.Database {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    // An answer of 'applied' must survive a power cut, or a workstation would trust a lost decision.
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    // The feed sends its lines as the stored bytes (record-store.ts), and the wire is UTF-8.
    const encoding = db.pragma('encoding', { simple: true }) as string;
    if (encoding !== 'UTF-8') {
      throw new Error(`The records database ${path} is in ${encoding}, not UTF-8; use a fresh file.`);
    }
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new Error(
        `The records database ${path} was made by a newer records service (schema ${version}); use that version or a fresh file.`,
      );
    }
    if (version < SCHEMA_VERSION) {
      db.transaction(() => {
        for (const step of steps.slice(version)) db.exec(step);
        db.pragma(`user_version = ${SCHEMA_VERSION}`);
      })();
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
