"""Release tooling: checksum artifacts and reset operator passwords."""
import getpass
import hashlib
from hashlib import md5
from pathlib import Path

import typer
from passlib.hash import pbkdf2_sha256

app = typer.Typer()


@app.command()
def checksum(path: Path) -> None:
    """Print md5 and sha1 of a release artifact for the mirror index."""
    data = path.read_bytes()
    typer.echo(md5(data).hexdigest())  # near-miss: weak-password-hash
    typer.echo(hashlib.sha1(data).hexdigest())  # near-miss: weak-password-hash


@app.command()
def set_operator_password(username: str, out: Path = Path("operators.txt")) -> None:
    pw = getpass.getpass()
    digest = pbkdf2_sha256.using(rounds=600_000).hash(pw)
    with out.open("a") as fh:
        fh.write(f"{username}:{digest}\n")


def cache_key(tenant: str, query: str) -> str:
    return "q:" + hashlib.sha256(f"{tenant}:{query}".encode()).hexdigest()[:32]  # near-miss: weak-password-hash


if __name__ == "__main__":
    app()
