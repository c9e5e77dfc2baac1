import assert from "node:assert/strict";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { DeepthinkError } from "../../src/errors.js";
import { MIGRATIONS, type Migration, openDatabase, runMigrations } from "../../src/store/index.js";

const tables = (db: ReturnType<typeof openDatabase>) =>
  (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{
      name: string;
    }>
  ).map((row) => row.name);

test("openDatabase: WAL, foreign keys, busy timeout, every migration applied once", async () => {
  const path = join(await mkdtemp(join(tmpdir(), "deepthink-store-")), "nested", "deepthink.db");
  const db = openDatabase(path);
  assert.equal(db.pragma("journal_mode", { simple: true }), "wal");
  assert.equal(db.pragma("foreign_keys", { simple: true }), 1);
  assert.equal(db.pragma("busy_timeout", { simple: true }), 5000);
  assert.equal(db.pragma("user_version", { simple: true }), MIGRATIONS.length);
  assert.deepEqual(
    tables(db).filter((name) => name.startsWith("eval_")),
    ["eval_problems", "eval_runs", "eval_samples", "eval_verdicts"],
  );
  db.close();
  // Opening again applies nothing and keeps the data.
  const again = openDatabase(path);
  assert.deepEqual(runMigrations(again, MIGRATIONS), []);
  again.close();
});

test("migrations run in order, each in its own transaction, and only once", () => {
  const applied: string[] = [];
  const creating = (version: number, table: string): Migration => ({
    version,
    name: table,
    up: (db) => {
      db.exec(`CREATE TABLE ${table} (x)`);
      applied.push(table);
    },
  });
  const migrations = [creating(1, "a"), creating(2, "b")];
  const db = openDatabase(":memory:", { migrations: migrations.slice(0, 1) });
  assert.deepEqual(applied, ["a"]);
  // A later release adds migration 2: only it runs.
  assert.deepEqual(runMigrations(db, migrations), [2]);
  assert.deepEqual(applied, ["a", "b"]);
  assert.deepEqual(tables(db), ["a", "b"]);
  db.close();
});

test("a failing migration leaves the schema and version as they were", () => {
  const db = openDatabase(":memory:", { migrations: [] });
  const broken: Migration[] = [
    { version: 1, name: "ok", up: (d) => d.exec("CREATE TABLE a (x)") },
    {
      version: 2,
      name: "broken",
      up: (d) => {
        d.exec("CREATE TABLE b (x)");
        d.exec("THIS IS NOT SQL");
      },
    },
  ];
  assert.throws(() => runMigrations(db, broken));
  assert.equal(db.pragma("user_version", { simple: true }), 1);
  assert.deepEqual(tables(db), ["a"]);
  db.close();
});

test("versions must run 1, 2, 3 …; a database from a newer deepthink is refused", () => {
  const db = openDatabase(":memory:", { migrations: [] });
  assert.throws(
    () => runMigrations(db, [{ version: 2, name: "gap", up: () => {} }]),
    (error: unknown) => error instanceof DeepthinkError && /expected 1/.test(error.message),
  );
  db.pragma("user_version = 99");
  assert.throws(
    () => runMigrations(db, MIGRATIONS),
    (error: unknown) =>
      error instanceof DeepthinkError && error.code === "invalid_argument" && /newer/.test(error.message),
  );
  db.close();
});
