"""The history: every session, check-in, cold/heat application, safety stop, reminder and
diary entry, in SQLite in the data folder. Each is committed as it happens."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from unknot.store.paths import ensure_private_dir

FILE_NAME = "history.db"

# Each entry brings the file from version i to i + 1. Never edit one that has shipped.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        routine_id TEXT NOT NULL,
        routine_name TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        started REAL NOT NULL,
        ended REAL,
        outcome TEXT,
        segments_done INTEGER NOT NULL DEFAULT 0,
        segments_total INTEGER NOT NULL,
        pid INTEGER
    );
    CREATE TABLE checkins (
        id INTEGER PRIMARY KEY,
        session_id INTEGER REFERENCES sessions(id) ON DELETE CASCADE,
        at REAL NOT NULL,
        pain INTEGER CHECK (pain BETWEEN 0 AND 10),
        answers TEXT NOT NULL DEFAULT '[]',
        note TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE safety (
        id INTEGER PRIMARY KEY,
        session_id INTEGER REFERENCES sessions(id) ON DELETE CASCADE,
        at REAL NOT NULL,
        sign_id TEXT,
        level TEXT NOT NULL,
        reason TEXT NOT NULL
    );
    """,
    """
    CREATE TABLE therapy (
        id INTEGER PRIMARY KEY,
        session_id INTEGER REFERENCES sessions(id) ON DELETE CASCADE,
        at REAL NOT NULL,
        kind TEXT NOT NULL,
        cycle INTEGER NOT NULL,
        planned_on REAL NOT NULL,
        actual_on REAL NOT NULL,
        overdue REAL NOT NULL,
        skin TEXT
    );
    CREATE TABLE reminders_fired (
        id INTEGER PRIMARY KEY,
        at REAL NOT NULL,
        text TEXT NOT NULL,
        overdue REAL NOT NULL DEFAULT 0
    );
    """,
    """
    ALTER TABLE sessions ADD COLUMN pain_before INTEGER;
    ALTER TABLE sessions ADD COLUMN pain_after INTEGER;
    CREATE TABLE diary (
        id INTEGER PRIMARY KEY,
        at REAL NOT NULL,
        pain INTEGER CHECK (pain BETWEEN 0 AND 10),
        location TEXT NOT NULL DEFAULT '',
        feels TEXT NOT NULL DEFAULT '',
        spasm_length TEXT NOT NULL DEFAULT '',
        spasm_often TEXT NOT NULL DEFAULT '',
        stiffness INTEGER NOT NULL DEFAULT 0,
        tingling INTEGER NOT NULL DEFAULT 0,
        weakness INTEGER NOT NULL DEFAULT 0,
        bladder_bowel INTEGER NOT NULL DEFAULT 0,
        medicines TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX sessions_started ON sessions(started);
    CREATE INDEX diary_at ON diary(at);
    """,
)
VERSION = len(MIGRATIONS)


@dataclass(frozen=True)
class SessionRow:
    id: int
    routine_id: str
    routine_name: str
    started: float
    ended: float | None
    outcome: str | None
    segments_done: int
    segments_total: int
    pain_before: int | None
    pain_after: int | None


@dataclass(frozen=True)
class DiaryEntry:
    at: float
    pain: int | None = None
    location: str = ""
    feels: str = ""
    spasm_length: str = ""
    spasm_often: str = ""
    stiffness: bool = False
    tingling: bool = False
    weakness: bool = False
    bladder_bowel: bool = False
    medicines: str = ""
    notes: str = ""


class Store:
    """One history file. A damaged file is moved aside (and said so in `problem`) and a new
    one started, so a broken history never stops the program."""

    def __init__(self, data_dir: Path, busy_timeout: float = 5.0) -> None:
        self.path = data_dir / FILE_NAME
        self.problem: str | None = None
        ensure_private_dir(data_dir)
        try:
            self.db = self._open(busy_timeout)
        except sqlite3.DatabaseError as exc:
            aside = self.path.with_name(f"{FILE_NAME}.corrupt-{int(time.time())}")
            with contextlib.suppress(OSError):
                os.replace(self.path, aside)
            for suffix in ("-wal", "-shm"):
                with contextlib.suppress(OSError):
                    os.unlink(f"{self.path}{suffix}")
            self.problem = (
                f"The history file could not be read ({exc}); it was moved to {aside} and a "
                "new one started."
            )
            self.db = self._open(busy_timeout)

    def _open(self, busy_timeout: float) -> sqlite3.Connection:
        new = not self.path.exists()
        db = sqlite3.connect(self.path, timeout=busy_timeout, isolation_level=None)
        if new:
            os.chmod(self.path, 0o600)
        db.row_factory = sqlite3.Row
        db.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA synchronous = NORMAL")
        self._migrate(db)
        return db

    @staticmethod
    def _migrate(db: sqlite3.Connection) -> None:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > VERSION:
            raise sqlite3.DatabaseError(f"made by a newer unknot (schema {version})")
        for number in range(version, VERSION):
            # executescript commits whatever is open, so the transaction is part of the script:
            # a migration and its version number land together or not at all.
            try:
                db.executescript(
                    f"BEGIN IMMEDIATE; {MIGRATIONS[number]}; "
                    f"PRAGMA user_version = {number + 1}; COMMIT;"
                )
            except sqlite3.Error:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise

    def close(self) -> None:
        self.db.close()

    # -- writing --

    def start_session(
        self,
        routine_id: str,
        name: str,
        fingerprint: str,
        started: float,
        total: int,
        pain_before: int | None = None,
    ) -> int:
        cur = self.db.execute(
            "INSERT INTO sessions (routine_id, routine_name, fingerprint, started, "
            "segments_total, pid, pain_before) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (routine_id, name, fingerprint, started, total, os.getpid(), pain_before),
        )
        return int(cur.lastrowid or 0)

    def progress(self, session_id: int, done: int) -> None:
        self.db.execute(
            "UPDATE sessions SET segments_done = max(segments_done, ?) WHERE id = ?",
            (done, session_id),
        )

    def end_session(self, session_id: int, ended: float, outcome: str) -> None:
        self.db.execute(
            "UPDATE sessions SET ended = ?, outcome = ? WHERE id = ? AND ended IS NULL",
            (ended, outcome, session_id),
        )

    def set_pain(self, session_id: int, when: str, pain: int | None) -> None:
        column = {"before": "pain_before", "after": "pain_after"}[when]
        self.db.execute(f"UPDATE sessions SET {column} = ? WHERE id = ?", (pain, session_id))

    def check_in(
        self,
        session_id: int | None,
        at: float,
        pain: int | None,
        answers: list[list[object]],
        note: str = "",
    ) -> None:
        self.db.execute(
            "INSERT INTO checkins (session_id, at, pain, answers, note) VALUES (?, ?, ?, ?, ?)",
            (session_id, at, pain, json.dumps(answers), note),
        )

    def safety(
        self, session_id: int | None, at: float, sign_id: str | None, level: str, reason: str
    ) -> None:
        self.db.execute(
            "INSERT INTO safety (session_id, at, sign_id, level, reason) VALUES (?, ?, ?, ?, ?)",
            (session_id, at, sign_id, level, reason),
        )

    def therapy(
        self,
        session_id: int | None,
        at: float,
        kind: str,
        cycle: int,
        planned_on: float,
        overdue: float,
    ) -> int:
        cur = self.db.execute(
            "INSERT INTO therapy (session_id, at, kind, cycle, planned_on, actual_on, overdue) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (session_id, at, kind, cycle, planned_on, planned_on + overdue, overdue),
        )
        return int(cur.lastrowid or 0)

    def therapy_skin(self, therapy_id: int, skin: str) -> None:
        self.db.execute("UPDATE therapy SET skin = ? WHERE id = ?", (skin, therapy_id))

    def reminder_fired(self, at: float, text: str, overdue: float) -> None:
        self.db.execute(
            "INSERT INTO reminders_fired (at, text, overdue) VALUES (?, ?, ?)", (at, text, overdue)
        )

    def diary(self, entry: DiaryEntry) -> None:
        self.db.execute(
            "INSERT INTO diary (at, pain, location, feels, spasm_length, spasm_often, stiffness,"
            " tingling, weakness, bladder_bowel, medicines, notes) VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                entry.at,
                entry.pain,
                entry.location,
                entry.feels,
                entry.spasm_length,
                entry.spasm_often,
                int(entry.stiffness),
                int(entry.tingling),
                int(entry.weakness),
                int(entry.bladder_bowel),
                entry.medicines,
                entry.notes,
            ),
        )

    def mark_interrupted(self) -> int:
        """Sessions left open by a program that is no longer running: interrupted."""
        rows = self.db.execute("SELECT id, pid FROM sessions WHERE ended IS NULL").fetchall()
        marked = 0
        for row in rows:
            if row["pid"] and row["pid"] != os.getpid() and _alive(row["pid"]):
                continue  # another copy of unknot is still running it
            if row["pid"] == os.getpid():
                continue
            last = self.db.execute(
                "SELECT max(at) FROM (SELECT at FROM checkins WHERE session_id = :id "
                "UNION ALL SELECT at FROM safety WHERE session_id = :id "
                "UNION ALL SELECT at FROM therapy WHERE session_id = :id "
                "UNION ALL SELECT started AS at FROM sessions WHERE id = :id)",
                {"id": row["id"]},
            ).fetchone()[0]
            self.end_session(row["id"], last, "interrupted")
            marked += 1
        return marked

    def delete_all(self) -> None:
        with _transaction(self.db):
            for table in ("checkins", "safety", "therapy", "reminders_fired", "diary", "sessions"):
                self.db.execute(f"DELETE FROM {table}")

    # -- reading --

    def sessions(self, since: float = 0.0) -> list[SessionRow]:
        rows = self.db.execute(
            "SELECT id, routine_id, routine_name, started, ended, outcome, segments_done, "
            "segments_total, pain_before, pain_after FROM sessions WHERE started >= ? "
            "ORDER BY started",
            (since,),
        ).fetchall()
        return [SessionRow(**dict(row)) for row in rows]

    def rows(self, table: str, since: float = 0.0) -> list[dict[str, Any]]:
        if table not in ("checkins", "safety", "therapy", "reminders_fired", "diary"):
            raise ValueError(table)
        cur = self.db.execute(f"SELECT * FROM {table} WHERE at >= ? ORDER BY at", (since,))
        return [dict(row) for row in cur.fetchall()]

    def diary_entries(self, since: float = 0.0) -> list[DiaryEntry]:
        out = []
        for row in self.rows("diary", since):
            row.pop("id")
            for flag in ("stiffness", "tingling", "weakness", "bladder_bowel"):
                row[flag] = bool(row[flag])
            out.append(DiaryEntry(**row))
        return out


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextlib.contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
