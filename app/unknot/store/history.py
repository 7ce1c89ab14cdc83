"""The history: every session, check-in, cold/heat application, safety stop, reminder and
diary entry, in SQLite in the data folder. Each is committed as it happens.

Trouble is told apart, because the cures differ. A damaged file (`PRAGMA quick_check` fails,
or SQLite says it is not a database) is moved aside, recovered with the `sqlite3` tool's
`.recover` where the machine has one that can, else started afresh. A file that is only out
of reach for now (a full disk, another copy holding it, a read-only folder) is kept exactly as
it is: the problem is reported, and this run keeps its history in memory. Either way `problem`
says what happened, in one line, and nothing here raises for it.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from unknot.store.paths import ensure_private_dir, private_file
from unknot.store.statefile import note_set_aside

log = logging.getLogger("unknot.history")
FILE_NAME = "history.db"
# What SQLite calls a damaged file; anything else (busy, full, I/O, read-only) is not damage.
DAMAGE_CODES = {"SQLITE_CORRUPT", "SQLITE_NOTADB"}
DAMAGE_WORDS = ("malformed", "not a database")
RECOVER_SECONDS = 30.0

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
    """
    CREATE TABLE function_ratings (
        id INTEGER PRIMARY KEY,
        at REAL NOT NULL,
        position INTEGER NOT NULL,
        activity TEXT NOT NULL,
        score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10)
    );
    CREATE INDEX function_ratings_at ON function_ratings(at);
    """,
    # A routine finished after a step was stopped for safety was kept as "completed". Within a
    # routine every other stop ends it, so a completed session with a stop is one of those.
    """
    UPDATE sessions SET outcome = 'finished, with a stop'
    WHERE outcome = 'completed'
    AND EXISTS (SELECT 1 FROM safety WHERE safety.session_id = sessions.id);
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
class FunctionRow:
    """One activity of a weekly function scale: its words and its 0-10 rating."""

    at: float
    position: int
    activity: str
    score: int


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


class Damaged(sqlite3.DatabaseError):
    """The file failed its check, or can't be this program's history."""


class TooNew(Damaged):
    """Written by a newer version of the program: not this version's to change."""


class Store:
    """One history file. A damaged file is moved aside (and said so in `problem`) and a new
    one started, so a broken history never stops the program. `sqlite_cli` is the `sqlite3`
    program used to recover a damaged file (None: don't try)."""

    def __init__(
        self,
        data_dir: Path,
        busy_timeout: float = 5.0,
        sqlite_cli: str | None = "sqlite3",
    ) -> None:
        self.path = data_dir / FILE_NAME
        self.problem: str | None = None
        self.busy_timeout = busy_timeout
        self.sqlite_cli = sqlite_cli
        ensure_private_dir(data_dir)
        try:
            self.db = self._open()
        except (sqlite3.Error, OSError) as exc:
            self.db = self._after(exc, "opened")

    def _open(self) -> sqlite3.Connection:
        private_file(self.path)  # 0600 from the first byte; its -wal and -shm follow its mode
        db = sqlite3.connect(self.path, timeout=self.busy_timeout, isolation_level=None)
        try:
            db.row_factory = sqlite3.Row
            db.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")
            _check(db)
            _write_ahead(db, self.busy_timeout)
            db.execute("PRAGMA foreign_keys = ON")
            db.execute("PRAGMA synchronous = NORMAL")
            self._migrate(db)
        except BaseException:
            db.close()
            raise
        return db

    @staticmethod
    def _migrate(db: sqlite3.Connection) -> None:
        """Bring the file to VERSION. Under SQLite's write lock, re-reading the version once
        it is held: a second copy starting at the same moment waits, then finds it done."""
        if _version(db) == VERSION:
            return
        db.execute("BEGIN IMMEDIATE")
        try:
            version = _version(db)
            if version > VERSION:
                raise TooNew(f"made by a newer unknot (schema {version})")
            for number in range(version, VERSION):
                for statement in _statements(MIGRATIONS[number]):
                    db.execute(statement)
            db.execute(f"PRAGMA user_version = {VERSION}")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    # -- trouble --

    def _after(self, exc: BaseException, what: str) -> sqlite3.Connection:
        """A connection to carry on with after opening failed with `exc`."""
        if self._damaged(exc):
            return self._set_aside(exc)
        self._report(exc, what)
        return _in_memory()

    def _report(self, exc: BaseException, what: str) -> None:
        """Trouble that is not damage: said once (the first is the one that matters), the file
        left exactly as it is."""
        log.warning("history %s: %s", what, exc)
        if self.problem is None:
            self.problem = (
                f"The history file {self.path} could not be {what} ({_one_line(exc)}); it was "
                "kept as it is, and what happens now is not saved in it."
            )

    def _damaged(self, exc: BaseException) -> bool:
        """Damage is what quick_check says (or SQLite refusing the file as a database), never
        a full disk or a busy file. Said by a statement, it is checked again afresh."""
        if isinstance(exc, Damaged):
            return True
        if not isinstance(exc, sqlite3.Error) or not _says_damage(exc):
            return False
        from urllib.request import pathname2url  # rarely needed, and slow to import

        try:
            db = sqlite3.connect(
                f"file:{pathname2url(str(self.path))}?mode=ro", uri=True, timeout=1.0
            )
        except sqlite3.Error:
            return False  # not looked at, so not known to be damaged: keep it
        try:
            _check(db)
        except sqlite3.Error as again:
            return _says_damage(again)
        finally:
            db.close()
        return False

    def _set_aside(self, exc: BaseException) -> sqlite3.Connection:
        old = getattr(self, "db", None)
        if old is not None:
            with contextlib.suppress(sqlite3.Error):
                old.close()
        aside = self.path.with_name(f"{FILE_NAME}.corrupt-{int(time.time())}")
        try:
            os.replace(self.path, aside)
        except OSError as move:
            self.problem = (
                f"The history file {self.path} is damaged ({_one_line(exc)}) and could not be "
                f"moved aside ({move.strerror}); what happens now is not saved."
            )
            return _in_memory()
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(OSError):
                os.replace(f"{self.path}{suffix}", f"{aside}{suffix}")
        recovered = not isinstance(exc, TooNew) and self._recover(aside)
        what = "could not be used" if isinstance(exc, TooNew) else "was damaged"
        self.problem = (
            f"The history file {what} ({_one_line(exc)}); it was moved to {aside} and "
            + (
                "what could be read was recovered into a new one."
                if recovered
                else "a new one started."
            )
        )
        log.warning("%s", self.problem)
        note_set_aside(self.path.parent, self.problem)  # said by the next command if not now
        try:
            return self._open()
        except (sqlite3.Error, OSError) as again:
            self.problem += f" The new one could not be opened either ({_one_line(again)})."
            return _in_memory()

    def _recover(self, aside: Path) -> bool:
        """Rebuild the history from a damaged copy with `sqlite3 … .recover`, if the machine
        has a sqlite3 program that can; False (and no new file) if not."""
        program = shutil.which(self.sqlite_cli) if self.sqlite_cli else None
        if program is None:
            return False
        try:
            dump = subprocess.run(
                [program, str(aside), ".recover"],
                capture_output=True,
                timeout=RECOVER_SECONDS,
                stdin=subprocess.DEVNULL,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            return False
        if dump.returncode != 0 or not dump.stdout:
            return False
        try:
            private_file(self.path)
            db = sqlite3.connect(self.path, isolation_level=None)
            try:
                db.executescript(dump.stdout.decode("utf-8", "replace"))
                _check(db)
                if _version(db) != VERSION:
                    raise Damaged("the recovered copy is not this version's history")
            finally:
                db.close()
        except (sqlite3.Error, OSError) as exc:
            log.warning("recovery of %s failed: %s", aside, exc)
            with contextlib.suppress(OSError):
                os.unlink(self.path)
            return False
        return True

    @contextlib.contextmanager
    def _careful(self, what: str) -> Iterator[None]:
        """Reads and writes report trouble in `problem` (moving a damaged file aside) rather
        than raise it into a routine or a timer."""
        try:
            yield
        except (sqlite3.Error, OSError) as exc:
            if self._damaged(exc):
                self.db = self._set_aside(exc)
            else:
                self._report(exc, what)  # a full disk or a busy file: the next write tries again

    def close(self) -> None:
        self.db.close()

    # -- writing --

    def _write(self, sql: str, params: Any = ()) -> int:
        """Run one change; its row id, or 0 if it could not be saved (see `problem`)."""
        with self._careful("written"):
            return int(self.db.execute(sql, params).lastrowid or 0)
        return 0

    def _read(self, sql: str, params: Any = ()) -> list[sqlite3.Row]:
        """Rows, or none if the file could not be read (see `problem`)."""
        with self._careful("read"):
            return list(self.db.execute(sql, params).fetchall())
        return []

    def start_session(
        self,
        routine_id: str,
        name: str,
        fingerprint: str,
        started: float,
        total: int,
        pain_before: int | None = None,
    ) -> int:
        return self._write(
            "INSERT INTO sessions (routine_id, routine_name, fingerprint, started, "
            "segments_total, pid, pain_before) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (routine_id, name, fingerprint, started, total, os.getpid(), pain_before),
        )

    def progress(self, session_id: int, done: int) -> None:
        self._write(
            "UPDATE sessions SET segments_done = max(segments_done, ?) WHERE id = ?",
            (done, session_id),
        )

    def end_session(self, session_id: int, ended: float, outcome: str) -> None:
        self._write(
            "UPDATE sessions SET ended = ?, outcome = ? WHERE id = ? AND ended IS NULL",
            (ended, outcome, session_id),
        )

    def set_pain(self, session_id: int, when: str, pain: int | None) -> None:
        column = {"before": "pain_before", "after": "pain_after"}[when]
        self._write(f"UPDATE sessions SET {column} = ? WHERE id = ?", (pain, session_id))

    def check_in(
        self,
        session_id: int | None,
        at: float,
        pain: int | None,
        answers: list[list[object]],
        note: str = "",
    ) -> None:
        self._write(
            "INSERT INTO checkins (session_id, at, pain, answers, note) VALUES (?, ?, ?, ?, ?)",
            (session_id, at, pain, json.dumps(answers), note),
        )

    def safety(
        self, session_id: int | None, at: float, sign_id: str | None, level: str, reason: str
    ) -> None:
        self._write(
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
        actual_on: float,
        overdue: float,
    ) -> int:
        """One application: planned and actual seconds on (less than planned when a stop took
        the pack off early), and how long past its time it stayed on."""
        return self._write(
            "INSERT INTO therapy (session_id, at, kind, cycle, planned_on, actual_on, overdue) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (session_id, at, kind, cycle, planned_on, actual_on, overdue),
        )

    def unchecked_therapy(self, cycle: int) -> int | None:
        """The newest application of `cycle` whose skin is not yet checked: the one a check
        after a restart belongs to (the program that removed it kept its row in memory)."""
        rows = self._read(
            "SELECT id FROM therapy WHERE cycle = ? AND skin IS NULL ORDER BY at DESC, id DESC "
            "LIMIT 1",
            (cycle,),
        )
        return int(rows[0]["id"]) if rows else None

    def therapy_skin(self, therapy_id: int, skin: str) -> None:
        self._write("UPDATE therapy SET skin = ? WHERE id = ?", (skin, therapy_id))

    def reminder_fired(self, at: float, text: str, overdue: float) -> None:
        self._write(
            "INSERT INTO reminders_fired (at, text, overdue) VALUES (?, ?, ?)", (at, text, overdue)
        )

    def diary(self, entry: DiaryEntry) -> None:
        self._write(
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

    def function_rating(self, at: float, ratings: tuple[tuple[str, int], ...]) -> None:
        """A week's function scale, one row per activity, in one transaction."""
        with self._careful("written"), _transaction(self.db):
            for position, (activity, score) in enumerate(ratings, 1):
                self.db.execute(
                    "INSERT INTO function_ratings (at, position, activity, score) "
                    "VALUES (?, ?, ?, ?)",
                    (at, position, activity, score),
                )

    def function_rows(self, since: float = 0.0) -> list[FunctionRow]:
        found = self._read(
            "SELECT at, position, activity, score FROM function_ratings WHERE at >= ? "
            "ORDER BY at, position",
            (since,),
        )
        return [FunctionRow(**dict(row)) for row in found]

    def mark_interrupted(self) -> int:
        """Sessions left open by a program that is no longer running: interrupted."""
        rows = self._read("SELECT id, pid FROM sessions WHERE ended IS NULL")
        marked = 0
        for row in rows:
            if row["pid"] and row["pid"] != os.getpid() and _alive(row["pid"]):
                continue  # another copy of unknot is still running it
            if row["pid"] == os.getpid():
                continue
            found = self._read(
                "SELECT max(at) FROM (SELECT at FROM checkins WHERE session_id = :id "
                "UNION ALL SELECT at FROM safety WHERE session_id = :id "
                "UNION ALL SELECT at FROM therapy WHERE session_id = :id "
                "UNION ALL SELECT started AS at FROM sessions WHERE id = :id)",
                {"id": row["id"]},
            )
            if not found:
                break  # the file went away under us: the problem is said already
            self.end_session(row["id"], found[0][0], "interrupted")
            marked += 1
        return marked

    def delete_all(self) -> None:
        with self._careful("written"), _transaction(self.db):
            for table in (
                "checkins",
                "safety",
                "therapy",
                "reminders_fired",
                "diary",
                "function_ratings",
                "sessions",
            ):
                self._write(f"DELETE FROM {table}")

    # -- reading --

    def sessions(self, since: float = 0.0) -> list[SessionRow]:
        rows = self._read(
            "SELECT id, routine_id, routine_name, started, ended, outcome, segments_done, "
            "segments_total, pain_before, pain_after FROM sessions WHERE started >= ? "
            "ORDER BY started",
            (since,),
        )
        return [SessionRow(**dict(row)) for row in rows]

    def rows(self, table: str, since: float = 0.0) -> list[dict[str, Any]]:
        if table not in ("checkins", "safety", "therapy", "reminders_fired", "diary"):
            raise ValueError(table)
        found = self._read(f"SELECT * FROM {table} WHERE at >= ? ORDER BY at", (since,))
        return [dict(row) for row in found]

    def diary_entries(self, since: float = 0.0) -> list[DiaryEntry]:
        out = []
        for row in self.rows("diary", since):
            row.pop("id")
            for flag in ("stiffness", "tingling", "weakness", "bladder_bowel"):
                row[flag] = bool(row[flag])
            out.append(DiaryEntry(**row))
        return out


def _says_damage(exc: sqlite3.Error) -> bool:
    if isinstance(exc, Damaged):
        return True
    name = getattr(exc, "sqlite_errorname", None)  # Python 3.11 and later
    return name in DAMAGE_CODES if name else any(w in str(exc) for w in DAMAGE_WORDS)


def _write_ahead(db: sqlite3.Connection, timeout: float) -> None:
    """Switch a file to WAL. The switch needs the file to itself and SQLite answers "busy" at
    once, without waiting, while a second copy is creating the same new file: so wait here."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            db.execute("PRAGMA journal_mode = WAL").fetchall()
            return
        except sqlite3.OperationalError as exc:
            name = getattr(exc, "sqlite_errorname", "") or ""
            busy = name.startswith("SQLITE_BUSY") or "locked" in str(exc)
            if not busy or time.monotonic() > deadline:
                raise
            time.sleep(0.002)


def _version(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def _check(db: sqlite3.Connection) -> None:
    """Damaged unless SQLite's quick_check finds every page sound (milliseconds, even for
    years of history)."""
    rows = db.execute("PRAGMA quick_check").fetchall()
    if [tuple(r) for r in rows] != [("ok",)]:
        raise Damaged(f"quick_check: {rows[0][0] if rows else 'no answer'}")


def _statements(script: str) -> list[str]:
    """A migration script as single statements, to run inside one transaction (executescript
    would commit the transaction first)."""
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    if current.strip():
        statements.append(current.strip())
    return statements


def _one_line(exc: BaseException) -> str:
    text = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return " ".join(str(text).split())


def _in_memory() -> sqlite3.Connection:
    """A history for this run only, when the file can't be used."""
    db = sqlite3.connect(":memory:", isolation_level=None)
    db.row_factory = sqlite3.Row
    db.execute("PRAGMA foreign_keys = ON")
    Store._migrate(db)
    return db


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
