"""The team server: one `idguard serve --transport http --team team.toml` serving many repositories.

Replicas are stateless apart from the shared store: nothing a second replica would need is kept on the one
that answered. Per request:

- the **repository** is named by the `Idguard-Repository` header (set once in the client's MCP configuration)
  or the tools' `repository` argument (both must agree when both are given) and must be listed in team.toml;
- its **policy and signers** are those of its protected branch: the server reads the configured git folder
  (a mirror or clone that the operator keeps fetched) at `ref`, and checks against a snapshot of that commit
  (a cache under the cache folder, rebuilt from git whenever missing: not state);
- the **actor** is the identity of the bearer token the request presented (`mcp:<identity> via <client>`);
- the **audit entry** goes to that repository's chain in the shared PostgreSQL store (required), the same
  chain its CI gate and its developers' hooks write, and **review records** go there too, inside the
  `guard_change` entry: the record is returned to the assistant to commit with the change, and another
  replica answers `review_status` from the store.

team.toml (hashes of tokens only; never a token):

    fingerprint_key_file = "/run/secrets/idguard_fingerprint_key"   # same file on every replica

    [[repository]]
    name = "github.com/acme/api"      # the repository's identity, as its CI gate computes it
    git = "/srv/idguard/mirrors/api.git"
    ref = "refs/heads/main"           # the protected branch (default: HEAD)

    [[token]]
    identity = "alice@acme.example"
    sha256 = "<sha256 hex of the bearer token>"
    repositories = ["github.com/acme/api"]   # optional: default every repository
"""

from __future__ import annotations

import hashlib
import hmac
import io
import os
import shutil
import tarfile
import threading
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from idguard.guards.policy import Policy

from .. import git
from ..audit.log import AuditLog
from ..audit.postgres import configured_url, shared_log, store_key
from ..policy import PolicyError, load_policy
from ..review.store import ReviewNotFound, ReviewRecord, ReviewStore, check_review_id, parse_review_record
from ..workers import CheckPool
from ..workspace import Workspace
from .state import ServerState

REPOSITORY_HEADER = "idguard-repository"
FINGERPRINT_KEY_ENV = "IDGUARD_FINGERPRINT_KEY_FILE"
REF_TTL_SECONDS = 5.0  # how long a resolved protected-branch commit is reused before git is asked again


class TeamConfigError(Exception):
    """team.toml is unusable (the message names the file and key)."""


class RepositoryRefused(Exception):
    """The request names no repository, an unknown one, or one its token may not use."""


@dataclass(frozen=True)
class TeamRepository:
    name: str
    git: Path
    ref: str = "HEAD"


@dataclass(frozen=True)
class TeamToken:
    identity: str
    sha256: bytes
    repositories: tuple[str, ...] | None = None  # None: every repository


@dataclass(frozen=True)
class TeamConfig:
    source: Path
    repositories: dict[str, TeamRepository]
    tokens: tuple[TeamToken, ...]
    fingerprint_key: bytes

    def identify(self, presented: str) -> TeamToken | None:
        """The token whose hash matches `presented` (every hash compared, in constant time), or None."""
        digest = hashlib.sha256(presented.encode("utf-8")).digest()
        found = None
        for token in self.tokens:
            if hmac.compare_digest(digest, token.sha256):
                found = token
        return found


def _fail(source: Path, message: str) -> TeamConfigError:
    return TeamConfigError(f"{source}: {message}")


def load_team_config(path: str | Path) -> TeamConfig:
    source = Path(path)
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(source, f"cannot read ({type(exc).__name__})") from None
    except tomllib.TOMLDecodeError as exc:
        raise _fail(source, f"not TOML ({exc})") from None
    unknown = set(data) - {"repository", "token", "fingerprint_key_file"}
    if unknown:
        raise _fail(source, f"unknown key {sorted(unknown)[0]!r}")
    repositories: dict[str, TeamRepository] = {}
    for n, item in enumerate(data.get("repository", [])):
        where = f"repository[{n}]"
        if not isinstance(item, dict) or set(item) - {"name", "git", "ref"}:
            raise _fail(source, f"{where}: expected name, git and optional ref")
        name, folder, ref = item.get("name"), item.get("git"), item.get("ref", "HEAD")
        if not (isinstance(name, str) and name.strip() and isinstance(folder, str) and isinstance(ref, str)):
            raise _fail(source, f"{where}: name and git must be non-empty strings")
        if name in repositories:
            raise _fail(source, f"{where}: repository {name!r} is listed twice")
        repositories[name] = TeamRepository(name, (source.parent / folder).resolve(), ref)
    if not repositories:
        raise _fail(source, "no [[repository]]: the team server would serve nothing")
    tokens = []
    for n, item in enumerate(data.get("token", [])):
        where = f"token[{n}]"
        if not isinstance(item, dict) or set(item) - {"identity", "sha256", "repositories"}:
            raise _fail(source, f"{where}: expected identity, sha256 and optional repositories")
        identity, digest, allowed = item.get("identity"), item.get("sha256"), item.get("repositories")
        if not (isinstance(identity, str) and identity.strip() and not any(c.isspace() for c in identity)):
            raise _fail(source, f"{where}: identity must be a non-empty name without spaces")
        try:
            raw = bytes.fromhex(digest) if isinstance(digest, str) else b""
        except ValueError:
            raw = b""
        if len(raw) != 32:
            raise _fail(source, f"{where}: sha256 must be the 64 hex digits of the token's SHA-256")
        if allowed is not None:
            if not (isinstance(allowed, list) and all(isinstance(r, str) for r in allowed)):
                raise _fail(source, f"{where}: repositories must be a list of names")
            missing = [r for r in allowed if r not in repositories]
            if missing:
                raise _fail(source, f"{where}: repository {missing[0]!r} is not listed")
        tokens.append(TeamToken(identity, raw, tuple(allowed) if allowed is not None else None))
    if not tokens:
        raise _fail(source, "no [[token]]: every request would be refused")
    if len({t.sha256 for t in tokens}) != len(tokens):
        raise _fail(source, "two tokens have the same sha256")
    key_file = data.get("fingerprint_key_file") or os.environ.get(FINGERPRINT_KEY_ENV, "")
    if not isinstance(key_file, str) or not key_file.strip():
        raise _fail(
            source,
            f"fingerprint_key_file (or {FINGERPRINT_KEY_ENV}) is required: every replica must key secret "
            "fingerprints alike (make one with `python3 -c 'import secrets; print(secrets.token_hex(32))'`)",
        )
    try:
        key = bytes.fromhex((source.parent / key_file).read_text(encoding="ascii").strip())
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise _fail(source, f"fingerprint_key_file {key_file}: unreadable or not hex ({type(exc).__name__})") from None
    if len(key) < 32:
        raise _fail(source, f"fingerprint_key_file {key_file}: at least 32 bytes (64 hex digits) are needed")
    return TeamConfig(source, repositories, tuple(tokens), key)


class StoredReviews(ReviewStore):
    """Review records kept in the shared store (inside their `guard_change` audit entry), not in a checkout:
    any replica finds a record another one made."""

    def __init__(self, workspace: Workspace, audit: AuditLog) -> None:
        super().__init__(workspace)
        self.audit = audit

    def save(self, record: ReviewRecord) -> None:  # the audit entry that follows carries it
        return None

    def load(self, review_id: str) -> ReviewRecord:
        check_review_id(review_id)
        for entry in self.audit.entries(review_id=review_id, event="guard_change"):
            text = entry.data.get("record") if isinstance(entry.data, dict) else None
            if isinstance(text, str):
                try:
                    return parse_review_record(text)
                except ValueError:
                    break
        raise ReviewNotFound(f"no review {review_id} in the shared store for this repository")

    def all(self) -> list[ReviewRecord]:
        return []

    def current_sha(self, record: ReviewRecord) -> str | None:
        return None  # the change lives on the developer's branch, which the team server never sees


@dataclass
class _Snapshot:
    commit: str
    state: ServerState


@dataclass
class TeamState:
    """What a team-server replica holds: its configuration, one check pool, and per repository a cache of the
    protected commit's snapshot and policy (all rebuilt from git and the store when missing)."""

    config: TeamConfig
    pool: CheckPool
    cache_dir: Path
    store_url: str
    _audit: dict[str, AuditLog] = field(default_factory=dict)
    _snapshots: dict[str, _Snapshot] = field(default_factory=dict)
    _refs: dict[str, tuple[float, str]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def open(cls, config: TeamConfig, workers: int | None = None, cache_dir: Path | None = None) -> TeamState:
        url = configured_url(None)
        if not url:
            raise TeamConfigError(
                "the team server keeps no local state: set IDGUARD_STORE_URL to the shared PostgreSQL store"
            )
        check_repositories(config)
        cache = cache_dir or Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "idguard" / "team"
        return cls(config, CheckPool(workers), cache, url)

    def close(self) -> None:
        self.pool.close()

    def resolve(self, headers: Any, argument: str | None, token: TeamToken | None) -> ServerState:
        name = (headers.get(REPOSITORY_HEADER) if headers is not None else None) or None
        if name and argument and name != argument:
            raise RepositoryRefused(
                f"the Idguard-Repository header and the repository argument name different repositories "
                f"({name!r}, {argument!r})"
            )
        name = name or argument
        if not name:
            raise RepositoryRefused(
                "name the repository: set the Idguard-Repository header in the client's MCP configuration "
                "or pass the repository argument (one of: " + ", ".join(sorted(self.config.repositories)) + ")"
            )
        repo = self.config.repositories.get(name)
        if repo is None:
            raise RepositoryRefused("this team server does not serve that repository")
        if token is not None and token.repositories is not None and name not in token.repositories:
            raise RepositoryRefused(f"token of {token.identity} may not use repository {name}")
        return self._state_for(repo)

    def _commit(self, repo: TeamRepository) -> str:
        now = time.monotonic()
        cached = self._refs.get(repo.name)
        if cached and now - cached[0] < REF_TTL_SECONDS:
            return cached[1]
        out = git.run(repo.git, "rev-parse", "--verify", f"{repo.ref}^{{commit}}")
        if out.returncode != 0 or not out.stdout.strip():
            raise RepositoryRefused(f"repository {repo.name}: cannot resolve {repo.ref} in its git folder")
        commit = out.stdout.strip()
        self._refs[repo.name] = (now, commit)
        return commit

    def _state_for(self, repo: TeamRepository) -> ServerState:
        commit = self._commit(repo)
        with self._lock:
            snap = self._snapshots.get(repo.name)
            if snap is not None and snap.commit == commit:
                return snap.state
            root = self._materialise(repo, commit)
            workspace = Workspace(root)
            try:
                policy: Policy = load_policy(workspace)
            except PolicyError as exc:
                raise PolicyError(str(exc).replace(f"{root}/", f"{repo.name}@{commit[:12]}:")) from None
            audit = self._audit.get(repo.name)
            if audit is None:
                audit = self._audit[repo.name] = shared_log(self.store_url, repo.name, store_key())
            state = ServerState(
                workspace=workspace,
                policy=policy,
                key=self.config.fingerprint_key,
                audit=audit,
                reviews=StoredReviews(workspace, audit),
                pool=self.pool,
                detached=True,
                repository=repo.name,
            )
            old = self._snapshots.get(repo.name)
            self._snapshots[repo.name] = _Snapshot(commit, state)
            if old is not None and old.commit != commit:
                shutil.rmtree(old.state.workspace.root, ignore_errors=True)
            return state

    def _materialise(self, repo: TeamRepository, commit: str) -> Path:
        """The files of `commit` under the cache folder (extracted once; a partial extraction is never used)."""
        slug = hashlib.sha256(repo.name.encode()).hexdigest()[:16]
        target = self.cache_dir / slug / commit
        if (target / ".idguard-snapshot-complete").exists():
            return target
        out = git.run(repo.git, "archive", "--format=tar", commit, binary=True)
        if out.returncode != 0:
            raise RepositoryRefused(f"repository {repo.name}: git archive of {commit[:12]} failed")
        tmp = target.with_name(f"{commit}.tmp-{os.getpid()}-{threading.get_ident()}")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        with tarfile.open(fileobj=io.BytesIO(out.stdout)) as archive:
            archive.extractall(tmp, filter="data")
        (tmp / ".idguard-snapshot-complete").write_text(commit + "\n", encoding="ascii")
        try:
            tmp.rename(target)
        except OSError:  # another worker or replica won the race: use its copy
            shutil.rmtree(tmp, ignore_errors=True)
        return target


def check_repositories(config: TeamConfig) -> None:
    for repo in config.repositories.values():
        _check_repository(repo)


def _check_repository(repo: TeamRepository) -> None:
    """Refuse to start when a listed repository's git folder is missing or its name is not the identity its CI
    gate writes under (the two would then keep two chains for one repository)."""
    out = git.run(repo.git, "rev-parse", "--git-dir")
    if out.returncode != 0:
        raise TeamConfigError(f"repository {repo.name}: {repo.git} is not a git folder")
    try:
        actual = git.repository_identity(repo.git, _policy_repository(repo))
    except git.GitError:
        actual = ""
    if actual and actual != repo.name:
        raise TeamConfigError(
            f"repository {repo.name}: its git folder identifies as {actual} (origin remote or the policy's "
            "`repository`); use that name so the team server and the CI gate share one audit chain"
        )


def _policy_repository(repo: TeamRepository) -> str:
    data = git.show(repo.git, repo.ref, ".idguard/policy.toml")
    if data is None:
        return ""
    try:
        value = tomllib.loads(data.decode("utf-8")).get("repository", "")
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return ""
    return value if isinstance(value, str) else ""
