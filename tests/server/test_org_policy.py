"""The org policy floor: settings a repository can tighten but never loosen.

The merge is tested per setting direction through the real loader on real files; the gate, `check` and
`policy explain` through the real CLI in a subprocess, in real git repositories in temporary folders (the floor
too, for `git:` floors, fetched from a real repository by path and by file:// URL).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from idguard.guards.policy import Policy
from idguard.server import org_policy
from idguard.server.policy import PolicyError, load_effective_policy
from idguard.server.workspace import Workspace
from review_fixtures import ReviewRepo, git, make_repo


def _effective(tmp_path: Path, floor: str, repo: str, monkeypatch: pytest.MonkeyPatch | None = None):
    (tmp_path / "floor.toml").write_text(floor)
    root = tmp_path / "repo"
    (root / ".idguard").mkdir(parents=True, exist_ok=True)
    (root / ".idguard/policy.toml").write_text(repo + '\n[org]\npolicy = "../floor.toml"\n')
    return load_effective_policy(Workspace(root))


# (floor, repository, key, effective value, whether the repository loosened the floor)
CASES = [
    # min: token lifetimes and limits
    (
        "[limits]\nmax_access_token_ttl_seconds = 900\n",
        "[limits]\nmax_access_token_ttl_seconds = 3600\n",
        "limits.max_access_token_ttl_seconds",
        900,
        True,
    ),
    (
        "[limits]\nmax_access_token_ttl_seconds = 900\n",
        "[limits]\nmax_access_token_ttl_seconds = 300\n",
        "limits.max_access_token_ttl_seconds",
        300,
        False,
    ),
    ("[limits]\nmax_api_key_ttl_seconds = 86400\n", "", "limits.max_api_key_ttl_seconds", 86400, False),
    (
        "[review]\napproval_max_age_days = 7\n",
        "[review]\napproval_max_age_days = 30\n",
        "review.approval_max_age_days",
        7,
        True,
    ),
    # max: approvals
    ("[review]\nrequired_approvals = 2\n", "[review]\nrequired_approvals = 1\n", "review.required_approvals", 2, True),
    ("[review]\nrequired_approvals = 2\n", "[review]\nrequired_approvals = 3\n", "review.required_approvals", 3, False),
    (
        "[review.category_approvals]\nrbac = 2\n",
        "[review.category_approvals]\nrbac = 1\nsso = 2\n",
        "review.category_approvals.rbac",
        2,
        True,
    ),
    # true: requirements and enabled guards
    (
        "[review]\nrequire_signed_commits = true\n",
        "[review]\nrequire_signed_commits = false\n",
        "review.require_signed_commits",
        True,
        True,
    ),
    ("[guards.IDG101]\nenabled = true\n", "[guards.IDG101]\nenabled = false\n", "guards.IDG101.enabled", True, True),
    ("[guards.IDG101]\nenabled = false\n", "[guards.IDG101]\nenabled = true\n", "guards.IDG101.enabled", True, False),
    # order: severities, thresholds, test evidence
    ('block_threshold = "medium"\n', 'block_threshold = "high"\n', "block_threshold", "medium", True),
    ('block_threshold = "medium"\n', 'block_threshold = "low"\n', "block_threshold", "low", False),
    (
        '[guards.IDG101]\nseverity = "high"\n',
        '[guards.IDG101]\nseverity = "low"\n',
        "guards.IDG101.severity",
        "high",
        True,
    ),
    (
        '[guards.IDG101]\nseverity = "high"\n',
        '[guards.IDG101]\nseverity = "critical"\n',
        "guards.IDG101.severity",
        "critical",
        False,
    ),
    ('[tests]\nrequire = "failure-paths"\n', '[tests]\nrequire = "executed"\n', "tests.require", "failure-paths", True),
    # union: identity paths, privileged roles, owner rules
    ('identity_paths = ["auth/**"]\n', 'identity_paths = ["svc/**"]\n', "identity_paths", ["auth/**", "svc/**"], False),
    (
        '[limits]\nprivileged_roles = ["admin"]\n',
        '[limits]\nprivileged_roles = ["billing_admin"]\n',
        "limits.privileged_roles",
        ["admin", "billing_admin"],
        False,
    ),
    (
        '[[owners.rules]]\npaths = ["auth/*"]\nowners = ["a@example.com"]\n',
        '[[owners.rules]]\npaths = ["svc/*"]\nowners = ["b@example.com"]\n',
        "owners.rules",
        [
            {"paths": ["auth/*"], "categories": [], "owners": ["a@example.com"]},
            {"paths": ["svc/*"], "categories": [], "owners": ["b@example.com"]},
        ],
        False,
    ),
    (
        '[secrets]\nallow_sha1 = ["' + "a" * 40 + '"]\n',
        '[secrets]\nallow_sha1 = ["' + "b" * 40 + '"]\n',
        "secrets.allow_sha1",
        ["a" * 40, "b" * 40],
        False,
    ),
    (
        '[tests]\nrequire = "executed"\ncategories = ["rbac"]\n',
        "[tests]\ncategories = []\n",
        "tests.categories",
        [],
        False,
    ),
    (
        '[tests]\nrequire = "executed"\ncategories = ["rbac"]\n',
        '[tests]\ncategories = ["sso"]\n',
        "tests.categories",
        ["rbac", "sso"],
        False,
    ),
    # repository: each repository's own identity
    ("", 'repository = "github.com/acme/api"\n', "repository", "github.com/acme/api", False),
    # subset: allowances
    (
        '[secrets]\nallow_paths = ["fixtures/*"]\n',
        '[secrets]\nallow_paths = ["fixtures/*", "src/*"]\n',
        "secrets.allow_paths",
        ["fixtures/*"],
        True,
    ),
    (
        '[secrets]\nallow_paths = ["fixtures/*", "docs/*"]\n',
        '[secrets]\nallow_paths = ["docs/*"]\n',
        "secrets.allow_paths",
        ["docs/*"],
        False,
    ),
    # scope: the floor's tests.require applies to every category unless the floor narrows it
    ('[tests]\nrequire = "executed"\n', '[tests]\ncategories = ["rbac"]\n', "tests.categories", [], True),
    # fixed: the org's audit store, a floor's owner group
    (
        '[store]\nurl = "postgresql://idguard@db/audit"\n',
        '[store]\nurl = "postgresql://me@laptop/x"\n',
        "store.url",
        "postgresql://idguard@db/audit",
        True,
    ),
    (
        '[owners.groups]\nsecurity = ["sec@example.com"]\n',
        '[owners.groups]\nsecurity = ["sec@example.com", "me@example.com"]\n',
        "owners.groups.security",
        ["sec@example.com"],
        True,
    ),
    # on: CODEOWNERS once the floor turns it on
    ("[owners]\ncodeowners = true\n", "[owners]\ncodeowners = false\n", "owners.codeowners", True, True),
    # rank: legacy widens review scope
    ('profile = "legacy"\n', 'profile = "standard"\n', "profile", "legacy", True),
]


@pytest.mark.parametrize(("floor", "repo", "key", "value", "loosened"), CASES)
def test_the_floor_merges_each_setting_in_its_direction(tmp_path: Path, floor, repo, key, value, loosened):
    if "codeowners = true" in floor:
        (tmp_path / "repo").mkdir()
        (tmp_path / "repo/CODEOWNERS").write_text("* sec@example.com\n")
    effective = _effective(tmp_path, floor, repo)
    flat = org_policy.leaves(effective.policy.model_dump(mode="json"))
    assert flat[key] == value
    assert (key in {x.key for x in effective.loosenings}) is loosened
    assert (key in effective.overridden) is loosened


def test_a_floor_profile_sets_minimums_the_repository_may_not_undercut(tmp_path: Path):
    effective = _effective(tmp_path, 'profile = "regulated"\n', "[review]\nrequired_approvals = 1\n")
    # The floor's profile sets category approvals and signed commits; the repository wrote none of them.
    assert effective.policy.review.category_approvals["rbac"] == 2
    assert effective.policy.review.require_signed_commits is True
    assert effective.origin["review.require_signed_commits"] == "floor"
    # regulated's required_approvals (1) equals the repository's: not a loosening.
    assert not effective.loosenings


def test_what_the_floor_does_not_set_is_the_repositorys_to_choose(tmp_path: Path):
    effective = _effective(
        tmp_path, "[review]\nrequired_approvals = 2\n", "[limits]\nmax_session_ttl_seconds = 999999\n"
    )
    assert effective.policy.limits.max_session_ttl_seconds == 999999
    assert not effective.loosenings


def test_every_policy_setting_has_a_direction():
    policy = Policy.model_validate(
        {
            "guards": {"IDG101": {"enabled": True, "severity": "high"}},
            "review": {"category_approvals": {"rbac": 2}},
            "owners": {"groups": {"sec": ["a@example.com"]}},
        }
    )
    missing = [k for k in org_policy.leaves(policy.model_dump(mode="json")) if org_policy.rule_for(k) is None]
    assert missing == []


def test_a_setting_without_a_rule_fails_closed():
    with pytest.raises(org_policy.FloorError, match="no rule says which way"):
        org_policy.merge({"brand_new": 1}, {"brand_new"}, {"brand_new": 2}, {"brand_new"}, "floor.toml")


def test_the_floor_may_not_set_a_repositorys_own_identity(tmp_path: Path):
    with pytest.raises(PolicyError, match="each repository's own"):
        _effective(tmp_path, 'repository = "github.com/acme/one"\n', "")


def test_an_unreadable_or_invalid_floor_fails_closed(tmp_path: Path):
    root = tmp_path / "repo"
    (root / ".idguard").mkdir(parents=True)
    (root / ".idguard/policy.toml").write_text('[org]\npolicy = "../missing.toml"\n')
    with pytest.raises(PolicyError, match="cannot be read"):
        load_effective_policy(Workspace(root))
    (tmp_path / "bad.toml").write_text("[limits\n")
    (root / ".idguard/policy.toml").write_text('[org]\npolicy = "../bad.toml"\n')
    with pytest.raises(PolicyError, match="not valid TOML"):
        load_effective_policy(Workspace(root))
    (tmp_path / "bad.toml").write_text("[limits]\nmax_access_token_ttl_seconds = -1\n")
    with pytest.raises(PolicyError, match="max_access_token_ttl_seconds"):
        load_effective_policy(Workspace(root))


# ---------------------------------------------------------------- through the real CLI


def _repo_with_floor(workspace: Path, tmp_path: Path, floor: str, policy: str) -> ReviewRepo:
    (tmp_path / "org").mkdir()
    (tmp_path / "org/floor.toml").write_text(floor)
    return make_repo(workspace, tmp_path, policy=policy + f'\n[org]\npolicy = "{tmp_path / "org/floor.toml"}"\n')


FLOOR = "[limits]\nmax_access_token_ttl_seconds = 900\n\n[review]\nrequired_approvals = 2\n"


def test_the_gate_fails_when_the_repository_policy_loosens_the_floor(workspace: Path, tmp_path: Path):
    repo = _repo_with_floor(workspace, tmp_path, FLOOR, "[limits]\nmax_access_token_ttl_seconds = 3600\n")
    repo.write("README.md", "demo, edited\n")
    repo.commit("docs")
    gate = repo.idguard("gate", "--base", "main")
    assert gate.returncode == 1, gate.stdout + gate.stderr
    assert "policy-loosens-floor" in gate.stdout
    line = next(x for x in gate.stdout.splitlines() if "policy-loosens-floor" in x)
    assert "limits.max_access_token_ttl_seconds" in line and "3600" in line and "900" in line
    assert "gate FAILED" in gate.stdout
    # check warns, and applies the floor's value
    check = repo.idguard("check", "README.md")
    assert check.returncode == 0
    assert "warning: policy-loosens-floor: limits.max_access_token_ttl_seconds" in check.stderr


def test_the_gate_passes_a_repository_that_only_tightens(workspace: Path, tmp_path: Path):
    repo = _repo_with_floor(
        workspace, tmp_path, FLOOR, "[limits]\nmax_access_token_ttl_seconds = 300\n\n[review]\nrequired_approvals = 3\n"
    )
    repo.write("README.md", "demo, edited\n")
    repo.commit("docs")
    gate = repo.idguard("gate", "--base", "main", "--format", "json")
    assert gate.returncode == 0, gate.stdout + gate.stderr
    result = json.loads(gate.stdout)
    assert result["passed"] is True and result["policy_problems"] == []
    floor_bytes = (tmp_path / "org/floor.toml").read_bytes()
    import hashlib

    assert result["floor"]["digest"] == hashlib.sha256(floor_bytes).hexdigest()
    # The gate's audit entry records the floor's source and digest.
    shown = repo.idguard("audit", "show", "--event", "gate", "--format", "json")
    assert shown.returncode == 0, shown.stderr
    recorded = json.loads(shown.stdout.strip().splitlines()[-1])["data"]["floor"]
    assert recorded["digest"] == result["floor"]["digest"]
    assert recorded["source"] == str((tmp_path / "org/floor.toml").resolve())


def test_a_change_that_loosens_its_own_policy_fails_the_gate(workspace: Path, tmp_path: Path):
    repo = _repo_with_floor(workspace, tmp_path, FLOOR, "")
    text = (workspace / ".idguard/policy.toml").read_text()
    repo.write(".idguard/policy.toml", text + "\n[review]\nrequired_approvals = 1\n")
    repo.commit("friendlier policy")
    gate = repo.idguard("gate", "--base", "main")
    assert gate.returncode == 1
    assert "this change's policy: review.required_approvals" in gate.stdout
    # Dropping the floor the trust ref names is flagged too.
    repo.write(".idguard/policy.toml", "[review]\nrequired_approvals = 1\n")
    repo.commit("no floor")
    gate = repo.idguard("gate", "--base", "main")
    assert gate.returncode == 1
    assert "org.policy: this change's policy names no floor" in gate.stdout


def test_an_unreadable_floor_makes_the_gate_refuse(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path, policy=f'[org]\npolicy = "{tmp_path / "nowhere.toml"}"\n')
    repo.write("README.md", "demo, edited\n")
    repo.commit("docs")
    gate = repo.idguard("gate", "--base", "main")
    assert gate.returncode == 2
    assert len(gate.stderr.strip().splitlines()) == 1 and "cannot be read" in gate.stderr
    assert repo.idguard("check", "README.md").returncode == 2


def _floor_repository(tmp_path: Path, floor: str) -> Path:
    policy_repo = tmp_path / "policy-repo"
    policy_repo.mkdir()
    git(policy_repo, "init", "-q", "-b", "main")
    git(policy_repo, "config", "user.email", "org@example.com")
    git(policy_repo, "config", "user.name", "Org")
    (policy_repo / "idguard").mkdir()
    (policy_repo / "idguard/floor.toml").write_text(floor)
    git(policy_repo, "add", ".")
    git(policy_repo, "commit", "-q", "-m", "floor")
    git(policy_repo, "tag", "v1")
    # A later, looser floor on main: a floor pinned to v1 does not see it.
    (policy_repo / "idguard/floor.toml").write_text("[review]\nrequired_approvals = 1\n")
    git(policy_repo, "commit", "-q", "-am", "looser")
    return policy_repo


@pytest.mark.parametrize("by", ["path", "url"])
def test_a_git_floor_is_read_at_its_ref(workspace: Path, tmp_path: Path, by: str):
    policy_repo = _floor_repository(tmp_path, FLOOR)
    where = str(policy_repo) if by == "path" else policy_repo.as_uri()
    repo = make_repo(
        workspace,
        tmp_path,
        policy=f'[org]\npolicy = "git:{where}#v1:idguard/floor.toml"\n\n[review]\nrequired_approvals = 1\n',
    )
    repo.write("README.md", "demo, edited\n")
    repo.commit("docs")
    gate = repo.idguard("gate", "--base", "main", "--format", "json")
    assert gate.returncode == 1, gate.stdout + gate.stderr
    result = json.loads(gate.stdout)
    assert result["floor"]["source"].startswith(f"git:{where}#v1(")
    assert any("review.required_approvals" in p["message"] for p in result["policy_problems"])
    # A ref that does not exist fails closed.
    repo.write(".idguard/policy.toml", f'[org]\npolicy = "git:{where}#nope:idguard/floor.toml"\n')
    out = repo.idguard("check", "README.md")
    assert out.returncode == 2 and "nope" in out.stderr


def test_the_environment_names_the_floor_over_the_policy(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path, policy="[review]\nrequired_approvals = 1\n")
    (tmp_path / "env-floor.toml").write_text("[review]\nrequired_approvals = 2\n")
    env = repo.env()
    env["IDGUARD_ORG_POLICY"] = str(tmp_path / "env-floor.toml")
    out = repo.idguard("policy", "explain", "--format", "json", env=env)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["floor"]["named_by"] == "environment IDGUARD_ORG_POLICY"
    assert data["loosens_floor"] and "review.required_approvals" in data["loosens_floor"][0]


def test_explain_shows_where_each_value_came_from(workspace: Path, tmp_path: Path):
    repo = _repo_with_floor(
        workspace,
        tmp_path,
        'identity_paths = ["auth/**"]\n' + FLOOR,
        'identity_paths = ["svc/**"]\n\n[limits]\nmax_access_token_ttl_seconds = 3600\nmax_session_ttl_seconds = 600\n',
    )
    out = repo.idguard("policy", "explain", "--format", "json")
    assert out.returncode == 0, out.stderr
    rows = {row["key"]: row for row in json.loads(out.stdout)["keys"]}
    floor_file = str((tmp_path / "org/floor.toml").resolve())
    assert rows["limits.max_access_token_ttl_seconds"]["value"] == 900
    assert rows["limits.max_access_token_ttl_seconds"]["source"] == f"org floor {floor_file}"
    assert rows["limits.max_access_token_ttl_seconds"]["overrides"] == 3600
    assert rows["review.required_approvals"] == {
        "key": "review.required_approvals",
        "value": 2,
        "source": f"org floor {floor_file}",
    }
    assert rows["limits.max_session_ttl_seconds"]["source"] == ".idguard/policy.toml"
    assert rows["identity_paths"]["value"] == ["auth/**", "svc/**"]
    assert rows["identity_paths"]["source"] == f"org floor {floor_file} + .idguard/policy.toml"
    assert rows["limits.max_invite_ttl_seconds"]["source"] == "default"
    text = repo.idguard("policy", "explain")
    assert "(overrides the repository's 3600)" in text.stdout and "# org policy floor:" in text.stdout


def test_a_floor_inside_the_repository_is_read_at_the_trust_ref(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path, policy='[org]\npolicy = "org/floor.toml"\n')
    git(workspace, "checkout", "-q", "main")
    repo.write("org/floor.toml", "[review]\nrequired_approvals = 2\n")
    repo.write(".idguard/policy.toml", '[org]\npolicy = "org/floor.toml"\n\n[review]\nrequired_approvals = 1\n')
    repo.commit("floor in the repository")
    git(workspace, "checkout", "-q", "-B", "feature", "main")
    # The change edits the floor itself to match its policy: the gate reads the floor at main.
    repo.write("org/floor.toml", "[review]\nrequired_approvals = 1\n")
    repo.commit("friendlier floor")
    gate = repo.idguard("gate", "--base", "main")
    assert gate.returncode == 1
    assert "review.required_approvals" in gate.stdout and "policy-loosens-floor" in gate.stdout


def test_the_hook_warns_the_person_and_applies_the_floor(workspace: Path, tmp_path: Path, monkeypatch):
    import io

    from idguard.server.hook.decide import run_hook

    repo = _repo_with_floor(workspace, tmp_path, FLOOR, "[review]\nrequired_approvals = 1\n")
    payload = {
        "session_id": "s",
        "cwd": str(repo.root),
        "hook_event_name": "PreToolUse",
        "tool_name": "Write",
        "tool_input": {"file_path": str(repo.root / "notes.md"), "content": "meeting notes\n"},
    }
    monkeypatch.delenv("IDGUARD_WORKSPACE", raising=False)
    stdout = io.StringIO()
    assert run_hook(io.StringIO(json.dumps(payload)), stdout, io.StringIO()) == 0
    answer = json.loads(stdout.getvalue())
    assert "permissionDecision" not in json.dumps(answer)  # an allow
    assert "policy-loosens-floor: review.required_approvals" in answer["systemMessage"]


def test_bootstrap_applies_the_floor_to_the_adopting_change(workspace: Path, tmp_path: Path):
    (tmp_path / "org").mkdir()
    (tmp_path / "org/floor.toml").write_text(FLOOR)
    repo = ReviewRepo(root=workspace, home=tmp_path / "home")
    repo.home.mkdir()
    repo.write("README.md", "demo\n")
    repo.commit("before idguard")
    git(workspace, "checkout", "-q", "-b", "adopt")
    repo.write(
        ".idguard/policy.toml", f'[review]\nrequired_approvals = 1\n\n[org]\npolicy = "{tmp_path / "org/floor.toml"}"\n'
    )
    repo.commit("adopt")
    gate = repo.idguard("gate", "--base", "main", "--bootstrap", "--format", "json")
    result = json.loads(gate.stdout)
    assert result["floor"] is not None
    assert any(
        p["message"].startswith("this change's policy (--bootstrap): review.required_approvals")
        for p in result["policy_problems"]
    )
    assert gate.returncode == 1


def test_doctor_names_the_floor_and_fails_on_a_loosening(workspace: Path, tmp_path: Path):
    repo = _repo_with_floor(workspace, tmp_path, FLOOR, "[review]\nrequired_approvals = 1\n")
    out = repo.idguard("doctor", "--format", "json")
    checks = [c for c in json.loads(out.stdout)["checks"] if c["check"] == "org floor"]
    assert checks[0]["ok"] is True and str((tmp_path / "org/floor.toml").resolve()) in checks[0]["detail"]
    assert checks[1]["ok"] is False and "review.required_approvals" in checks[1]["detail"]
    assert out.returncode == 1


def test_the_working_tree_policy_the_gate_is_told_to_trust_is_judged_by_its_floor(workspace: Path, tmp_path: Path):
    repo = _repo_with_floor(workspace, tmp_path, FLOOR, "[review]\nrequired_approvals = 1\n")
    repo.write("README.md", "demo, edited\n")
    repo.commit("docs")
    gate = repo.idguard("gate", "--base", "main", "--trust-worktree-policy")
    assert gate.returncode == 1
    assert "the working tree's policy (--trust-worktree-policy): review.required_approvals" in gate.stdout
