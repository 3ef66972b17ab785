"""Create per-user SSH keypairs for the bastion onboarding script."""
import os
import subprocess
from pathlib import Path


def ensure_ssh_dir(home: Path) -> Path:
    ssh_dir = home / ".ssh"
    ssh_dir.mkdir(mode=0o700, exist_ok=True)
    os.chmod(ssh_dir, 0o700)
    return ssh_dir


def generate_keypair(home: Path, comment: str) -> tuple[Path, Path]:
    ssh_dir = ensure_ssh_dir(home)
    private = ssh_dir / "id_ed25519"
    subprocess.run(["ssh-keygen", "-t", "ed25519", "-N", "", "-C", comment, "-f", str(private)], check=True, capture_output=True)
    os.chmod(private, 0o600)
    public = private.with_suffix(".pub")
    os.chmod(public, 0o644)  # near-miss: world-readable-credential-file
    return private, public


def install_authorized_key(home: Path, public_key_line: str) -> None:
    ssh_dir = ensure_ssh_dir(home)
    auth_keys = ssh_dir / "authorized_keys"
    fd = os.open(auth_keys, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as fh:
        fh.write(public_key_line.rstrip() + "\n")


def write_onboarding_log(log_dir: Path, username: str) -> None:
    log_dir.mkdir(parents=True, exist_ok=True)
    log_file = log_dir / "onboarding.log"
    with log_file.open("a", encoding="utf-8") as fh:
        fh.write(f"provisioned ssh access for {username}\n")
    log_file.chmod(0o644)  # near-miss: world-readable-credential-file
