"""Where things live: bundled routines and sounds, and the user's folders."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from unknot.store.regular import NotAFile, open_private

APP = "unknot"
# In the data folder while a saved pack timer that could not be read is not read about yet.
LOST_TIMER_FILE = "therapy-lost.json"
_PACKAGE = Path(__file__).resolve().parent.parent  # the unknot package


def _bundled(name: str) -> Path:
    # An installed wheel carries them inside the package; a source checkout (and an editable
    # install) has them at the top of the project, two levels above the package (app/unknot).
    inside = _PACKAGE / "_bundled" / name
    return inside if inside.is_dir() else _PACKAGE.parent.parent / name


def bundled_routines() -> Path:
    return _bundled("routines")


def bundled_sounds() -> Path:
    return _bundled("sounds")


def _user_dir(kind: str) -> Path:
    """The platform's data or config folder for unknot. platformdirs is imported only here:
    it takes longer to import than most commands take to run, and a folder given in the
    environment doesn't need it."""
    import platformdirs

    chosen = platformdirs.user_data_dir if kind == "data" else platformdirs.user_config_dir
    return Path(chosen(APP))


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """History and timer state: --data-dir, else $UNKNOT_DATA_DIR, else the platform's place."""
    chosen = override or os.environ.get("UNKNOT_DATA_DIR")
    return Path(chosen).expanduser() if chosen else _user_dir("data")


def user_routines() -> Path:
    env = os.environ.get("UNKNOT_ROUTINES_DIR")
    if env:
        return Path(env).expanduser()
    return _user_dir("config") / "routines"


def config_file() -> Path:
    env = os.environ.get("UNKNOT_CONFIG")
    if env:
        return Path(env).expanduser()
    return _user_dir("config") / "config.yaml"


class DataDirError(OSError):
    """The data folder can't be used. The message is one line: the folder and what to do."""

    def __str__(self) -> str:
        return str(self.strerror) if self.strerror else super().__str__()


_ANOTHER = "or choose another folder with --data-dir DIR (or UNKNOT_DATA_DIR)"


def make_private_dirs(path: Path) -> None:
    """`path` as a folder, it and each missing folder above it made 0700 whatever the umask
    (mkdir's `parents` would make those with the umask's mode: 0777 under umask 000)."""
    if not path.parent.is_dir() and path.parent != path:
        make_private_dirs(path.parent)
    path.mkdir(exist_ok=True, mode=0o700)


def ensure_private_dir(path: Path) -> Path:
    """`path` as a folder only its owner can enter (0700; tightened if looser), or
    DataDirError saying what is wrong with it."""
    try:
        make_private_dirs(path)
        info = os.stat(path)
    except FileExistsError as exc:
        raise DataDirError(
            exc.errno, f"the data folder {path} is a file, not a folder; move it away {_ANOTHER}"
        ) from exc
    except OSError as exc:
        raise DataDirError(
            exc.errno,
            f"can't create the data folder {path} ({exc.strerror or exc}); create it yourself "
            f"{_ANOTHER}",
        ) from exc
    if not stat.S_ISDIR(info.st_mode):
        raise DataDirError(
            errno.ENOTDIR, f"the data folder {path} is not a folder; move it away {_ANOTHER}"
        )
    if info.st_uid != os.geteuid():
        raise DataDirError(
            errno.EPERM,
            f"the data folder {path} belongs to another user (uid {info.st_uid}); use your own "
            f"{_ANOTHER.removeprefix('or ')}",
        )
    if stat.S_IMODE(info.st_mode) & 0o077:
        try:
            os.chmod(path, 0o700)  # history and timers are health data: the owner's alone
        except OSError as exc:
            raise DataDirError(
                exc.errno,
                f"can't make the data folder {path} private ({exc.strerror or exc}); "
                f"run chmod 700 on it {_ANOTHER}",
            ) from exc
    if not os.access(path, os.W_OK | os.X_OK):
        why = "it is read-only" if _read_only(path) else "it can't be written"
        raise DataDirError(
            errno.EACCES,
            f"the data folder {path} can't be used: {why}; make it writable {_ANOTHER}",
        )
    return path


def _read_only(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def private_file(path: Path) -> Path:
    """Create `path` if it is missing, as a regular file only its owner can read (0600), and
    tighten it if it is looser. A symbolic link there is refused, not followed, and a FIFO is
    an error, not a hang: DataDirError, saying what is there, for anything but a file."""
    try:
        fd = open_private(path, os.O_WRONLY | os.O_APPEND)
    except NotAFile as exc:
        raise DataDirError(exc.errno, f"{exc.strerror} and start again") from exc
    os.close(fd)
    return path


def write_private(path: Path, text: str, exclusive: bool = False) -> None:
    """Write `text` to `path` readable by its owner only (0600); a file that was there
    already is tightened before it is filled. A symbolic link, a FIFO (which would block) or
    anything else that is not a regular file is refused with NotAFile, saying what it is.
    `exclusive`: FileExistsError if anything is there. OSError as the system says."""
    fd = open_private(path, os.O_WRONLY | (os.O_EXCL if exclusive else 0))
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.truncate(0)  # only once it is known to be a file of one's own
        handle.write(text)
