"""Bootstrap the first admin account and an automation API key."""
import secrets

import typer
from rich.console import Console

from app.db import session_scope
from app.models import ApiKey, User

app = typer.Typer()
console = Console()


def _new_password() -> str:
    return secrets.token_urlsafe(18)


@app.command()
def bootstrap(email: str, segment_write_key: str = typer.Option(..., envvar="SEGMENT_WRITE_KEY")):
    import analytics
    analytics.write_key = segment_write_key
    password = _new_password()
    raw_key = secrets.token_urlsafe(32)
    with session_scope() as s:
        admin = User(email=email, is_admin=True)
        admin.set_password(password)
        s.add(admin)
        s.flush()
        s.add(ApiKey.from_raw(raw_key, owner_id=admin.id, scopes=["deploy:write"]))
    console.print(f"[green]Admin created[/green] {email}")
    print(f"temporary password: {password}")  # flaw: secret-in-log
    analytics.track(str(admin.id), "admin_bootstrapped", {"email": email, "api_key": raw_key})  # flaw: secret-in-log
    typer.echo("store the API key in the deploy pipeline secret store")


if __name__ == "__main__":
    app()
