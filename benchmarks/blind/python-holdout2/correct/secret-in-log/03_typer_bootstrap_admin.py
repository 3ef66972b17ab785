"""Bootstrap the first admin account and an automation API key."""
import os
import secrets
import stat
from pathlib import Path

import typer
from rich.console import Console

from app.db import session_scope
from app.models import ApiKey, User

app = typer.Typer()
console = Console()


@app.command()
def bootstrap(email: str, out: Path = typer.Option(Path("bootstrap-credentials.txt"))):
    password = secrets.token_urlsafe(18)
    raw_key = secrets.token_urlsafe(32)
    with session_scope() as s:
        admin = User(email=email, is_admin=True, must_change_password=True)
        admin.set_password(password)
        s.add(admin)
        s.flush()
        key = ApiKey.from_raw(raw_key, owner_id=admin.id, scopes=["deploy:write"])
        s.add(key)
    fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, stat.S_IRUSR | stat.S_IWUSR)
    with os.fdopen(fd, "w") as fh:
        fh.write(f"password={password}\napi_key={raw_key}\n")
    console.print(f"[green]Admin created[/green] {email} (id={admin.id})")
    typer.echo(f"credentials written to {out}; api key prefix {key.prefix}")  # near-miss: secret-in-log


if __name__ == "__main__":
    app()
