// Opening the records service's own database: what it refuses, in words IT can act on.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openServiceDatabase } from './open-service-database';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sallyport-records-db-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A database file made outside the service, with `setup` run on it. */
function fileWith(setup: (db: Database.Database) => void): string {
  const file = path.join(dir, 'records.sqlite');
  const db = new Database(file);
  setup(db);
  db.close();
  return file;
}

describe('openServiceDatabase', () => {
  it('makes a fresh file at the current schema, and opens it again', () => {
    const file = path.join(dir, 'records.sqlite');
    const fresh = openServiceDatabase(file);
    const version = fresh.pragma('user_version', { simple: true }) as number;
    fresh.close();
    expect(version).toBeGreaterThan(0);
    const again = openServiceDatabase(file);
    expect(again.pragma('user_version', { simple: true })).toBe(version);
    expect(again.pragma('encoding', { simple: true })).toBe('UTF-8');
    again.close();
  });

  it('refuses a file made by a newer records service', () => {
    const file = fileWith((db) => db.pragma('user_version = 999'));
    expect(() => openServiceDatabase(file)).toThrow(/made by a newer records service \(schema 999\)/);
  });

  it('refuses a file that is not in UTF-8: the feed sends the stored bytes as they are', () => {
    const file = fileWith((db) => {
      db.pragma("encoding = 'UTF-16le'");
      db.exec('create table other (a text)');
    });
    expect(() => openServiceDatabase(file)).toThrow(/is in UTF-16le, not UTF-8; use a fresh file/);
  });
});
