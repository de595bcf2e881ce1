"""What every `script:` adapter shares: log to the rule's log file, and turn a
data problem into a plain message and a failed job instead of a traceback."""

from __future__ import annotations

import errno
import logging
import sys
from typing import Callable

from crosscase.common.problems import DataError, UserInputError

# Errors that are the user's data or configuration, not a bug: shown as text.
# Anything else keeps its traceback, so that a bug is never mistaken for bad data.
USER_ERRORS: tuple[type[BaseException], ...] = (DataError, UserInputError, FileNotFoundError)
# A full disk (or quota) is not a bug either: one line, and the job fails.
DISK_FULL = (errno.ENOSPC, errno.EDQUOT)


def disk_full(exc: OSError) -> bool:
    """Whether an OSError says the disk (or the quota) is full; pyarrow's carry
    the errno only in their text."""
    text = str(exc)
    return exc.errno in DISK_FULL or "No space left on device" in text or "Disk quota exceeded" in text


def remove_outputs(snakemake) -> None:
    """Delete the job's declared outputs. The workflow profile keeps the outputs
    of failed jobs (keep-incomplete, for the within-case batches), so every other
    job removes its own: a failed job never leaves outputs that look complete."""
    from pathlib import Path

    for path in map(Path, snakemake.output):
        if path.is_file():
            path.unlink()


def warn(message: str) -> None:
    """A warning the user sees on the console (and in the rule's log)."""
    logging.warning(message)
    print(f"crosscase: warning: {message}", file=sys.stderr)


def run_script(main: Callable[[object], None], snakemake, keep_outputs_on_error: bool = False) -> None:
    """Run `main(snakemake)`; on a user error print the message, log it and exit 1.
    A failed job's outputs are removed unless `keep_outputs_on_error` (a batch
    job, which removes a bad case's outputs itself and keeps the good ones)."""
    log_path = snakemake.log[0] if len(snakemake.log) else None
    handlers = [logging.FileHandler(log_path, mode="w", encoding="utf-8")] if log_path else []
    logging.basicConfig(level=logging.INFO, handlers=handlers or None, format="%(levelname)s %(message)s", force=True)
    # A log file that cannot be written (a full disk) must not add a traceback.
    logging.raiseExceptions = False
    try:
        main(snakemake)
    except USER_ERRORS as exc:
        if not keep_outputs_on_error:
            remove_outputs(snakemake)
        message = f"crosscase: {exc}"
        logging.error(message)
        print(message, file=sys.stderr)
        sys.exit(1)
    except BaseException as exc:
        if not keep_outputs_on_error:
            remove_outputs(snakemake)
        if isinstance(exc, OSError) and disk_full(exc):
            where = f" while writing {exc.filename}" if exc.filename else ""
            message = (
                f"crosscase: the disk is full{where} (no space left on device); "
                "nothing half-written was kept: free some space and run snakemake again"
            )
            logging.error(message)
            print(message, file=sys.stderr)
            sys.exit(1)
        if isinstance(exc, Exception):
            logging.exception("unexpected error (a bug in crosscase; please report it)")
        raise
