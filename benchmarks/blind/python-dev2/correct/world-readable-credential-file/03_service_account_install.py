"""Install a GCP-style service-account key and the public CA bundle for an agent."""
import json
import os
import shutil
from pathlib import Path

import click

ETC = Path("/etc/metrics-agent")


def install_sa_key(key_json: dict, owner_uid: int, owner_gid: int) -> Path:
    ETC.mkdir(mode=0o750, parents=True, exist_ok=True)
    target = ETC / "service-account.json"
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o400)
    with os.fdopen(fd, "w") as fh:
        json.dump(key_json, fh)
    os.chown(target, owner_uid, owner_gid)
    return target


def install_ca_bundle(src: Path) -> Path:
    target = ETC / "ca-bundle.pem"
    shutil.copyfile(src, target)
    os.chmod(target, 0o644)  # near-miss: world-readable-credential-file
    return target


def prepare_log_dir() -> Path:
    logs = Path("/var/log/metrics-agent")
    logs.mkdir(parents=True, exist_ok=True)
    os.chmod(logs, 0o755)  # near-miss: world-readable-credential-file
    return logs


@click.command()
@click.argument("key_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("ca_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--uid", type=int, default=0)
@click.option("--gid", type=int, default=0)
def main(key_file: Path, ca_file: Path, uid: int, gid: int) -> None:
    key = json.loads(key_file.read_text())
    sa = install_sa_key(key, uid, gid)
    ca = install_ca_bundle(ca_file)
    logs = prepare_log_dir()
    click.echo(f"installed {sa}, {ca}; logs in {logs}")


if __name__ == "__main__":
    main()
