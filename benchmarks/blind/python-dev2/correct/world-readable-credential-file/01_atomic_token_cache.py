"""Token cache for the `relay` CLI, written atomically and private to the user."""
import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

CACHE_DIR = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "relay"
TOKEN_FILE = CACHE_DIR / "credentials.json"


@contextmanager
def private_umask():
    old = os.umask(0o077)  # near-miss: world-readable-credential-file
    try:
        yield
    finally:
        os.umask(old)


def save_tokens(tokens: dict) -> Path:
    with private_umask():
        CACHE_DIR.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=CACHE_DIR, prefix=".cred-")
        try:
            with os.fdopen(fd, "w") as fh:
                json.dump(tokens, fh)
            os.chmod(tmp, 0o600)  # near-miss: world-readable-credential-file
            os.replace(tmp, TOKEN_FILE)
        except BaseException:
            os.unlink(tmp)
            raise
    return TOKEN_FILE


def load_tokens() -> dict | None:
    try:
        st = TOKEN_FILE.stat()
    except FileNotFoundError:
        return None
    if st.st_mode & 0o077:
        raise PermissionError(f"{TOKEN_FILE} is accessible by other users; run `relay login` again")
    return json.loads(TOKEN_FILE.read_text())


def write_debug_log(lines: list[str]) -> Path:
    log_path = CACHE_DIR / "relay.log"
    fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)  # near-miss: world-readable-credential-file
    with os.fdopen(fd, "a") as fh:
        fh.writelines(line + "\n" for line in lines)
    return log_path
