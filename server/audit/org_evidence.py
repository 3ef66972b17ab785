"""Evidence across an organisation: every repository's chain in the shared store, read without a checkout.

`idguard evidence --store [URL] [--repos A,B]` reports, per repository: whether its audit chain verifies, each
identity change (the review record its `guard_change` entry holds), the decisions recorded for it (who,
when, and whether the signature verified when the decision was made), what the gate counted on its last run
(the approvers it accepted as owners, its outcome and problems), and every gate run. Everything comes from
hash-chained entries, so the chain status says whether the rest can be trusted; signatures are not
re-verified here (that needs each repository's allowed signers: `idguard evidence` in the checkout does it).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from pydantic import BaseModel, Field

from .evidence import Block, blocks_html, blocks_markdown
from .log import AuditEntry, VerifyResult
from .postgres import Database, shared_log, store_key
from .stores import AuditError
from .urls import describe_target


class OrgDecision(BaseModel):
    decision: str
    reviewer: str
    ts: str
    signature_valid: bool | None
    counted_content: bool = Field(description="the decision is for the content the review recorded")


class OrgChange(BaseModel):
    review_id: str
    path: str
    created: str
    actor: str
    author: str
    intent: str
    categories: list[str]
    findings: list[str]
    deletion: bool
    decisions: list[OrgDecision]
    gate_outcome: str | None = Field(None, description="the last gate_file result for this review")
    gate_review_state: str | None = None
    gate_approvers: list[str] = Field(default_factory=list, description="the approvals the last gate counted")
    gate_problems: list[str] = Field(default_factory=list)


class OrgRepository(BaseModel):
    repository: str
    audit_chain: VerifyResult
    changes: list[OrgChange]
    gate_runs: list[dict]


class OrgEvidenceReport(BaseModel):
    generated: str
    store: str = Field(description="host:port/database of the store (never its password)")
    since: str | None
    repositories: list[OrgRepository]

    @property
    def chains_ok(self) -> bool:
        return all(r.audit_chain.ok for r in self.repositories)


def store_repositories(url: str) -> list[str]:
    """Every repository that has a chain in the store."""
    database = Database(url)
    with database.connect() as conn:
        return [row[0] for row in conn.execute("SELECT repo FROM chains ORDER BY repo").fetchall()]


def build_org_evidence(url: str, repositories: list[str] | None = None, since: str | None = None) -> OrgEvidenceReport:
    known = store_repositories(url)
    wanted = repositories or known
    missing = [r for r in wanted if r not in known]
    if missing:
        raise AuditError(f"no audit chain for repository {missing[0]} in the store at {describe_target(url)}")
    return OrgEvidenceReport(
        generated=datetime.now(UTC).isoformat(timespec="seconds"),
        store=describe_target(url),
        since=since,
        repositories=[_repository(url, name, since) for name in wanted],
    )


def _repository(url: str, name: str, since: str | None) -> OrgRepository:
    log = shared_log(url, name, store_key())
    entries = log.entries(since=since)
    by_review: dict[str, list[AuditEntry]] = {}
    for entry in entries:
        if entry.review_id:
            by_review.setdefault(entry.review_id, []).append(entry)
    changes = []
    for entry in entries:
        if entry.event == "guard_change" and entry.review_id and entry.data.get("verdict") == "review":
            changes.append(_change(entry, by_review.get(entry.review_id, [])))
    gate_runs = [{"ts": e.ts, "actor": e.actor, **e.data} for e in entries if e.event == "gate"]
    return OrgRepository(repository=name, audit_chain=log.verify(), changes=changes, gate_runs=gate_runs)


def _change(created: AuditEntry, related: list[AuditEntry]) -> OrgChange:
    record: dict = {}
    if isinstance(created.data.get("record"), str):
        try:
            record = json.loads(created.data["record"])
        except ValueError:
            record = {}
    content = record.get("content_sha256")
    decisions = [
        OrgDecision(
            decision=e.event,
            reviewer=e.actor.removeprefix("reviewer:"),
            ts=e.ts,
            signature_valid=e.data.get("signature_valid"),
            counted_content=content is not None and e.data.get("content_sha256") == content,
        )
        for e in related
        if e.event in ("approval", "rejection", "approve_refused", "reject_refused")
    ]
    gates = [e for e in related if e.event == "gate_file"]
    last = gates[-1].data if gates else {}
    author = record.get("author") or {}
    return OrgChange(
        review_id=created.review_id or "",
        path=created.path or "",
        created=created.ts,
        actor=created.actor,
        author=" / ".join(str(x) for x in (author.get("email"), author.get("client")) if x) or "?",
        intent=str(created.data.get("intent", "")),
        categories=list(record.get("categories", [])),
        findings=[
            f"{f.get('guard_id')} {f.get('severity')} line {f.get('line')}: {f.get('title')}"
            for f in record.get("findings", [])
            if isinstance(f, dict)
        ],
        deletion=bool(record.get("deletion") or created.data.get("deletion")),
        decisions=decisions,
        gate_outcome=last.get("outcome"),
        gate_review_state=last.get("review_state"),
        gate_approvers=list(last.get("approvers") or []),
        gate_problems=list(last.get("problems") or []),
    )


def _document(report: OrgEvidenceReport) -> list[Block]:
    doc: list[Block] = [
        ("h1", "idguard organisation evidence report"),
        (
            "p",
            f"Generated {report.generated} from the shared store at {report.store}; period: "
            f"{'since ' + report.since if report.since else 'all recorded history'}; "
            f"{len(report.repositories)} repositories. Decisions show whether each signature verified when it was "
            "made; the gate's counted approvers are the owners' approvals it accepted.",
        ),
        ("h2", "Repositories"),
        (
            "table",
            (
                ["repository", "audit chain", "changes", "approved by gate", "gate runs", "last gate"],
                [
                    [
                        r.repository,
                        f"verified ({r.audit_chain.entries} entries)"
                        if r.audit_chain.ok
                        else f"BROKEN at entry {r.audit_chain.first_broken}: {r.audit_chain.reason}",
                        str(len(r.changes)),
                        str(sum(1 for c in r.changes if c.gate_review_state == "approved")),
                        str(len(r.gate_runs)),
                        (
                            f"{'passed' if r.gate_runs[-1].get('passed') else 'FAILED'} {r.gate_runs[-1]['ts'][:19]}"
                            if r.gate_runs
                            else "not run"
                        ),
                    ]
                    for r in report.repositories
                ],
            ),
        ),
    ]
    for r in report.repositories:
        doc += [
            ("h2", r.repository),
            (
                "table",
                (
                    ["review", "path", "created", "author", "decisions", "gate counted", "last gate"],
                    [
                        [
                            c.review_id,
                            c.path + (" (deletion)" if c.deletion else ""),
                            c.created[:19],
                            c.author,
                            "; ".join(
                                f"{d.decision} by {d.reviewer}"
                                + ("" if d.signature_valid else " (signature not valid)")
                                + ("" if d.counted_content else " (other content)")
                                for d in c.decisions
                            )
                            or "-",
                            ", ".join(c.gate_approvers) or "-",
                            (
                                f"{c.gate_outcome} ({c.gate_review_state or '-'})"
                                + (f": {', '.join(c.gate_problems)}" if c.gate_problems else "")
                                if c.gate_outcome
                                else "not run"
                            ),
                        ]
                        for c in r.changes
                    ],
                ),
            ),
            (
                "table",
                (
                    ["gate run", "actor", "base", "passed", "failing", "org floor"],
                    [
                        [
                            g["ts"][:19],
                            g["actor"],
                            str(g.get("base", ""))[:12],
                            str(g.get("passed")),
                            ", ".join(g.get("failing", [])) or "-",
                            _floor_cell(g.get("floor")),
                        ]
                        for g in r.gate_runs
                    ],
                ),
            ),
        ]
    return doc


def _floor_cell(floor: object) -> str:
    """The org policy floor a gate run applied: where it was read, and its SHA-256 (docs/org-policy.md)."""
    if not isinstance(floor, dict):
        return "-"
    return f"{floor.get('source', '?')} (sha256 {str(floor.get('digest', ''))[:12]})"


def render_org_markdown(report: OrgEvidenceReport) -> str:
    return blocks_markdown(_document(report))


def render_org_html(report: OrgEvidenceReport) -> str:
    return blocks_html(_document(report), "idguard organisation evidence report")
