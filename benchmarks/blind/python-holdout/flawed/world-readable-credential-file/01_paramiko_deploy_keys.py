"""Generate per-environment deploy keys and push the public half to the git server."""
from __future__ import annotations

import os
from pathlib import Path

import paramiko
import requests

KEY_ROOT = Path(os.environ.get("DEPLOY_KEY_ROOT", "/srv/deployer/keys"))
GIT_API = os.environ.get("GIT_API", "https://git.example.internal/api/v4")


def generate_keypair(env_name: str, bits: int = 4096) -> tuple[Path, str]:
    env_dir = KEY_ROOT / env_name
    env_dir.mkdir(parents=True, exist_ok=True)
    private_path = env_dir / "id_rsa"
    key = paramiko.RSAKey.generate(bits)
    key.write_private_key_file(str(private_path))
    os.chmod(private_path, 0o644)  # flaw: world-readable-credential-file
    public_line = f"{key.get_name()} {key.get_base64()} deployer@{env_name}"
    public_path = env_dir / "id_rsa.pub"
    public_path.write_text(public_line + "\n")
    os.chmod(public_path, 0o644)
    return private_path, public_line


def register_deploy_key(project_id: int, title: str, public_line: str) -> int:
    resp = requests.post(
        f"{GIT_API}/projects/{project_id}/deploy_keys",
        headers={"PRIVATE-TOKEN": os.environ["GIT_API_TOKEN"]},
        json={"title": title, "key": public_line, "can_push": False},
        timeout=15,
    )
    resp.raise_for_status()
    return resp.json()["id"]


def provision(env_name: str, project_ids: list[int]) -> dict[int, int]:
    _, public_line = generate_keypair(env_name)
    return {pid: register_deploy_key(pid, f"deployer-{env_name}", public_line) for pid in project_ids}
