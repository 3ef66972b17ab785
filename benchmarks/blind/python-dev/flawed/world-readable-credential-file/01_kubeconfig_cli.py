#!/usr/bin/env python3
"""devctl: fetch a short-lived kubeconfig for a cluster and write it locally."""
import argparse
import os
import stat
import sys
from pathlib import Path

import requests
import yaml

PLATFORM_API = os.environ.get("PLATFORM_API", "https://platform.example.com")


def fetch_kubeconfig(cluster: str, sso_token: str) -> dict:
    resp = requests.post(
        f"{PLATFORM_API}/v1/clusters/{cluster}/kubeconfig",
        headers={"Authorization": f"Bearer {sso_token}"},
        timeout=20,
    )
    resp.raise_for_status()
    return resp.json()


def write_kubeconfig(doc: dict, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    with dest.open("w", encoding="utf-8") as fh:
        yaml.safe_dump(doc, fh, default_flow_style=False)
    # shared jump hosts: let the ops group's tooling read it too
    os.chmod(dest, stat.S_IRUSR | stat.S_IWUSR | stat.S_IRGRP | stat.S_IROTH)  # flaw: world-readable-credential-file


def main() -> int:
    parser = argparse.ArgumentParser(prog="devctl")
    parser.add_argument("cluster")
    parser.add_argument("--out", default=str(Path.home() / ".kube" / "config"))
    args = parser.parse_args()

    token = os.environ.get("DEVCTL_SSO_TOKEN")
    if not token:
        print("run `devctl login` first", file=sys.stderr)
        return 2
    doc = fetch_kubeconfig(args.cluster, token)
    write_kubeconfig(doc, Path(args.out))
    print(f"wrote kubeconfig for {args.cluster} to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
