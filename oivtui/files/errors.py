"""What goes wrong with a session file, as exceptions whose text is the Italian message for the user."""

from __future__ import annotations

import errno
from pathlib import Path


class SessionError(Exception):
    """A session file that cannot be used; ``str()`` is the Italian message for the user."""


class SaveError(SessionError):
    """A save that failed: the answers are still in memory and the old file is untouched.

    ``str()`` is the message of an app that keeps the answers and tries again (the autosave);
    :meth:`one_shot` is the message of a command that ends here (``import``, ``new --from``).
    """

    def __init__(self, message: str, path: Path | None = None, reason: str = "") -> None:
        super().__init__(message)
        self.path = path
        self.reason = reason

    def one_shot(self) -> str:
        """What a one-shot command says: what failed and that nothing was written, without the
        autosave's «Le risposte restano in memoria… oivtui riproverà»."""
        if self.path is None or not self.reason:
            return str(self)
        return f"{self.path}: scrittura non riuscita ({self.reason}). Nessun file è stato scritto."


class NotAFile(SaveError):
    """The target of a write is there but no regular file (a device, a FIFO, a socket, a folder):
    it is never replaced. ``reason`` is the Italian reason alone, without the file's name."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}.", path, reason)


class ChangedOnDisk(SaveError):
    """The session's file changed since oivtui read or wrote it: which version wins is the user's call."""


_ERRNO_HINTS = {
    errno.ENOSPC: "il disco è pieno: libera spazio",
    errno.EDQUOT: "hai superato la quota disco: libera spazio",
    errno.EACCES: "permesso negato: controlla i permessi della cartella",
    errno.EPERM: "operazione non permessa: controlla i permessi della cartella",
    errno.EROFS: "la cartella è in sola lettura: salva altrove (Ctrl+S con un altro nome) o rimonta il disco",
    errno.EIO: "errore di lettura/scrittura del disco",
    errno.ENOENT: "la cartella non esiste",
    errno.EFBIG: "il file supera la dimensione massima permessa (limite del sistema o del disco)",
    errno.ENOTDIR: "una parte del percorso non è una cartella",
    errno.EISDIR: "al posto del file c'è una cartella",
    errno.ENAMETOOLONG: "il nome del file è troppo lungo",
    errno.EMFILE: "troppi file aperti: chiudi qualche programma",
    errno.ENFILE: "troppi file aperti nel sistema",
    errno.ESTALE: "il disco di rete non risponde più (file handle scaduto)",
    errno.EBUSY: "il file è occupato da un altro programma",
    errno.ETXTBSY: "il file è occupato da un altro programma",
    errno.ELOOP: "troppi collegamenti simbolici nel percorso",
}


def errno_hint(exc: OSError, path: Path | None = None) -> str:
    """What went wrong, in Italian; the system's own (English) text only as a named detail.

    ``path``, the file being written, lets a missing folder be named: it may never have existed
    (a typo in ``-o``) or have been removed since, so the message claims neither.
    """
    if exc.errno == errno.ENOENT and path is not None:
        return f"la cartella {Path(path).absolute().parent} non esiste"
    hint = _ERRNO_HINTS.get(exc.errno or 0)
    if hint:
        return hint
    code = errno.errorcode.get(exc.errno or 0, "sconosciuto")
    return f"errore del sistema ({code}: {exc.strerror or exc})"


def save_error(path: Path, exc: OSError) -> SaveError:
    hint = errno_hint(exc, path)
    return SaveError(
        f"Salvataggio di {path} non riuscito: {hint}. Le risposte restano in memoria; "
        "il file precedente è intatto. oivtui riproverà alla prossima modifica.",
        path,
        hint,
    )
