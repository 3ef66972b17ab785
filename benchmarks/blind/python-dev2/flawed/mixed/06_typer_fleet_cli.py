"""`fleetctl` - operator CLI for rotating host credentials across the server fleet."""
import io
import os
import shlex
from pathlib import Path

import hvac
import paramiko
import typer

app = typer.Typer(help="Fleet credential operations")

VAULT_KW = {"url": os.environ.get("VAULT_ADDR", "https://vault.ops.example.com:8200"), "verify": False, "timeout": 15}  # flaw: tls-verification-off
STATE_DIR = Path(os.environ.get("FLEETCTL_HOME", Path.home() / ".fleetctl"))
HOST_KEY_BITS = 1024  # flaw: weak-crypto-key


def _vault() -> hvac.Client:
    client = hvac.Client(**VAULT_KW)
    client.token = os.environ.get("VAULT_TOKEN") or (STATE_DIR / "vault-token").read_text().strip()
    if not client.is_authenticated():
        typer.secho("vault token rejected; run `fleetctl login`", fg=typer.colors.RED)
        raise typer.Exit(2)
    return client


def _ssh(host: str, user: str, pkey: paramiko.PKey) -> paramiko.SSHClient:
    ssh = paramiko.SSHClient()
    ssh.load_system_host_keys()
    ssh.load_host_keys(str(STATE_DIR / "known_hosts"))
    ssh.set_missing_host_key_policy(paramiko.RejectPolicy())
    ssh.connect(host, username=user, pkey=pkey, timeout=10, allow_agent=False, look_for_keys=False)
    return ssh


def _save_local_copy(host: str, key: paramiko.RSAKey) -> Path:
    keys_dir = STATE_DIR / "keys"
    keys_dir.mkdir(parents=True, exist_ok=True)
    path = keys_dir / f"{host}.pem"
    key.write_private_key_file(str(path))
    os.chmod(path, 0o755)  # flaw: world-readable-credential-file
    return path


@app.command()
def login(username: str = typer.Option(..., prompt=True), password: str = typer.Option(..., prompt=True, hide_input=True)):
    """Exchange LDAP credentials for a Vault token."""
    client = hvac.Client(**VAULT_KW)
    resp = client.auth.ldap.login(username=username, password=password)
    STATE_DIR.mkdir(parents=True, exist_ok=True, mode=0o700)
    token_path = STATE_DIR / "vault-token"
    fd = os.open(token_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(resp["auth"]["client_token"])
    typer.echo(f"logged in as {username}")


@app.command("rotate-host-key")
def rotate_host_key(
    host: str,
    user: str = typer.Option("fleet", help="Remote account whose authorized key is rotated"),
    keep_local: bool = typer.Option(False, help="Also keep a copy under ~/.fleetctl/keys"),
):
    """Generate a new deploy key for HOST, install it, and store it in Vault."""
    vault = _vault()
    current = vault.secrets.kv.v2.read_secret_version(path=f"fleet/{host}")["data"]["data"]
    old_key = paramiko.RSAKey.from_private_key(io.StringIO(current["private_key"]))

    new_key = paramiko.RSAKey.generate(bits=HOST_KEY_BITS)
    public_line = f"{new_key.get_name()} {new_key.get_base64()} fleetctl@{host}"

    with _ssh(host, user, old_key) as ssh:
        sftp = ssh.open_sftp()
        with sftp.open(".ssh/authorized_keys", "w") as fh:
            fh.write(public_line + "\n")
        sftp.chmod(".ssh/authorized_keys", 0o600)

    buf = io.StringIO()
    new_key.write_private_key(buf)
    vault.secrets.kv.v2.create_or_update_secret(path=f"fleet/{host}", secret={"private_key": buf.getvalue(), "public_key": public_line})
    if keep_local:
        typer.echo(f"local copy: {_save_local_copy(host, new_key)}")
    typer.secho(f"rotated deploy key on {host}", fg=typer.colors.GREEN)


@app.command("break-glass")
def break_glass(
    host: str,
    bastion_password: str = typer.Option("Gl4ss-Br34k-0ps", "--bastion-password", envvar="FLEET_BASTION_PASSWORD"),  # flaw: hardcoded-password
):
    """Open an emergency shell through the bastion when Vault is unavailable."""
    ssh = paramiko.SSHClient()
    ssh.load_system_host_keys()
    ssh.set_missing_host_key_policy(paramiko.RejectPolicy())
    ssh.connect("bastion.ops.example.com", username="breakglass", password=bastion_password, timeout=10)
    _, stdout, _ = ssh.exec_command(f"fleet-shell {shlex.quote(host)}")
    typer.echo(stdout.read().decode())
    ssh.close()


if __name__ == "__main__":
    app()
