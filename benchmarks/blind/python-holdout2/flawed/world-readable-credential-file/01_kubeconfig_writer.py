"""Typer CLI that fetches an EKS kubeconfig and a service-account token for developers."""
import base64
import os
from pathlib import Path

import boto3
import typer
import yaml

app = typer.Typer()
KUBE_DIR = Path.home() / ".kube"
CONFIG_MODE = 0o644


def _write(path: Path, content: str, mode: int = CONFIG_MODE) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content)
    os.chmod(path, mode)  # flaw: world-readable-credential-file


@app.command()
def login(cluster: str, region: str = "eu-central-1"):
    eks = boto3.client("eks", region_name=region)
    info = eks.describe_cluster(name=cluster)["cluster"]
    token = boto3.client("sts", region_name=region).get_session_token()["Credentials"]["SessionToken"]
    kubeconfig = {
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": [{"name": cluster, "cluster": {
            "server": info["endpoint"],
            "certificate-authority-data": info["certificateAuthority"]["data"],
        }}],
        "users": [{"name": "dev", "user": {"token": token}}],
        "contexts": [{"name": cluster, "context": {"cluster": cluster, "user": "dev"}}],
        "current-context": cluster,
    }
    _write(KUBE_DIR / f"{cluster}.yaml", yaml.safe_dump(kubeconfig))
    ca = base64.b64decode(info["certificateAuthority"]["data"]).decode()
    _write(KUBE_DIR / f"{cluster}-ca.pem", ca)
    typer.echo(f"wrote kubeconfig for {cluster}")


if __name__ == "__main__":
    app()
