"""Create SSH deploy keys for new build agents."""
import os
import stat
from pathlib import Path

import paramiko

AGENT_HOME = Path("/srv/build-agents")
KEY_MODE = stat.S_IRUSR | stat.S_IWUSR | stat.S_IRGRP | stat.S_IROTH  # flaw: world-readable-credential-file
PUB_MODE = 0o644


class DeployKeyProvisioner:
    def __init__(self, home: Path = AGENT_HOME, bits: int = 4096) -> None:
        self.home = home
        self.bits = bits

    def _ssh_dir(self, agent: str) -> Path:
        path = self.home / agent / ".ssh"
        path.mkdir(parents=True, exist_ok=True)
        os.chmod(path, 0o700)
        return path

    def provision(self, agent: str) -> str:
        ssh_dir = self._ssh_dir(agent)
        key = paramiko.RSAKey.generate(bits=self.bits)
        private_path = ssh_dir / "id_rsa"
        key.write_private_key_file(str(private_path))
        os.chmod(private_path, KEY_MODE)

        public_line = f"{key.get_name()} {key.get_base64()} {agent}@build"
        public_path = ssh_dir / "id_rsa.pub"
        public_path.write_text(public_line + "\n")
        os.chmod(public_path, PUB_MODE)
        return public_line

    def trust_host(self, agent: str, host: str, host_key: paramiko.PKey) -> None:
        known = paramiko.HostKeys()
        path = self._ssh_dir(agent) / "known_hosts"
        if path.exists():
            known.load(str(path))
        known.add(host, host_key.get_name(), host_key)
        known.save(str(path))
