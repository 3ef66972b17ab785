"""Evidence for auditors: every identity change in a period, who approved it, what the gate said.

`build_evidence` gathers one `EvidenceReport` model from the review records,
the signed decisions (each re-verified now) and the audit log (whose chain is
verified too); Markdown, HTML and JSON are renderings of that model. The
control mapping ties idguard's controls to NIST CSF 2.0 subcategories and the
OWASP Non-Human Identities Top 10 (2025); the guard rows are generated from
each guard's own metadata, so they cannot drift from the catalogue.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime
from typing import cast

from idguard.guards.policy import Policy
from idguard.guards.references import NHI_TITLES
from idguard.guards.registry import load_guards
from pydantic import BaseModel, Field

from ..review.approvals import ReviewEvaluation
from ..review.authorship import evaluate_review
from ..review.store import ReviewStore
from ..workspace import Workspace
from .log import VerifyResult
from .open import open_audit_log

OWASP_NHI_TOP10 = NHI_TITLES  # the risk names guards cite (guards/references.py)


class Control(BaseModel):
    id: str
    name: str
    how: str = Field(description="what idguard does and where the evidence is")
    nist_csf: list[str]
    owasp_nhi: list[str]


CONTROLS: list[Control] = [
    Control(
        id="IDC-1",
        name="Secret redaction",
        how="redact_prompt and guard_change replace credentials with placeholders before an assistant reasons "
        "over them; secrets in code block the change; only keyed fingerprints are stored (audit: redact).",
        nist_csf=["PR.DS-01", "PR.AA-01"],
        owasp_nhi=["NHI2", "NHI7"],
    ),
    Control(
        id="IDC-2",
        name="Identity guards on every change",
        how="check_code / guard_change run the guard catalogue on each identity change; findings at or above "
        "the block threshold block it (audit: check, guard_change).",
        nist_csf=["ID.RA-01", "PR.PS-06"],
        owasp_nhi=["NHI1", "NHI4", "NHI5", "NHI6", "NHI7"],
    ),
    Control(
        id="IDC-3",
        name="Mandatory signed human review (separation of duties)",
        how="identity files carry a review tag bound to the content hash; approvals are signed with SSH keys "
        "listed in .idguard/allowed_signers; the author cannot approve; policy sets N approvals per category "
        "(.idguard/approvals/, audit: approval, rejection).",
        nist_csf=["PR.AA-05", "GV.RR-02", "PR.PS-06"],
        owasp_nhi=["NHI1", "NHI5", "NHI9"],
    ),
    Control(
        id="IDC-4",
        name="CI gate",
        how="idguard gate re-checks every changed file against the base branch and fails on blocking findings, "
        "missing or stale tags, missing approvals; signers are trusted from the base branch (audit: gate).",
        nist_csf=["PR.PS-01", "PR.PS-06", "ID.RA-01"],
        owasp_nhi=["NHI1", "NHI5", "NHI6"],
    ),
    Control(
        id="IDC-5",
        name="Hash-chained audit log",
        how="every redaction, check, guard_change, approval, rejection and gate run is appended to a "
        "hash-chained log with a separately kept head; idguard audit verify recomputes it.",
        nist_csf=["PR.PS-04", "DE.AE-03", "RS.AN-03"],
        owasp_nhi=[],
    ),
    Control(
        id="IDC-6",
        name="Policy as code and profiles",
        how=".idguard/policy.toml: block threshold, token/key lifetimes, privileged roles, approvals per "
        "category; agentic requires short-lived credentials, regulated two approvals for privileged "
        "categories, legacy approval for every identity diff.",
        nist_csf=["GV.PO-01", "PR.AA-01", "PR.AA-05"],
        owasp_nhi=["NHI7", "NHI8"],
    ),
]


class GuardMapping(BaseModel):
    id: str
    title: str
    nist_csf: list[str]
    owasp_nhi: list[str]
    cwe: list[str]


class GateRecord(BaseModel):
    ts: str
    actor: str
    outcome: str
    review_state: str | None = None
    problems: list[str] = Field(default_factory=list)
    tests: dict = Field(default_factory=dict, description="units checked, units lacking tests, coverage given")


class ChangeEvidence(BaseModel):
    review_id: str
    path: str
    created: str
    intent: str
    author: str
    categories: list[str]
    findings: list[str] = Field(description="guard id, severity and title of each finding at review time")
    checklist: list[str]
    tests_needed: list[str] = Field(default_factory=list, description="units and failure paths to test, at review")
    evaluation: ReviewEvaluation
    gate_results: list[GateRecord]


class EvidenceReport(BaseModel):
    generated: str
    workspace: str
    since: str | None
    profile: str
    audit_chain: VerifyResult
    changes: list[ChangeEvidence]
    gate_runs: list[dict]
    controls: list[Control]
    guards: list[GuardMapping]


def build_evidence(workspace: Workspace, policy: Policy, since: str | None = None) -> EvidenceReport:
    log = open_audit_log(workspace)
    changes = []
    for record in ReviewStore(workspace).all():
        if since and record.created < since[:19]:
            continue
        gate_entries = log.entries(review_id=record.id, event="gate_file", since=since)
        changes.append(
            ChangeEvidence(
                review_id=record.id,
                path=record.path,
                created=record.created,
                intent=record.intent,
                author=" / ".join(x for x in (record.author.email, record.author.client) if x) or "?",
                categories=record.categories,
                findings=[
                    f"{f.guard_id} {f.severity.value} line {f.line}: {f.title}"
                    + (" (suppressed)" if f.suppressed else "")
                    for f in record.findings
                ],
                checklist=record.checklist,
                tests_needed=[
                    f"{t.unit} (line {t.line}): {'; '.join(t.failure_paths) or 'no failure path'}"
                    for t in record.tests_needed
                ],
                evaluation=evaluate_review(workspace, record, policy),
                gate_results=[
                    GateRecord(
                        ts=e.ts,
                        actor=e.actor,
                        outcome=str(e.data.get("outcome")),
                        review_state=e.data.get("review_state"),
                        problems=e.data.get("problems", []),
                        tests=e.data.get("tests", {}),
                    )
                    for e in gate_entries
                ],
            )
        )
    gate_runs = [{"ts": e.ts, "actor": e.actor, **e.data} for e in log.entries(event="gate", since=since)]
    guards = [
        GuardMapping(id=g.id, title=g.title, nist_csf=g.meta.nist_csf, owasp_nhi=g.meta.owasp_nhi, cwe=g.meta.cwe)
        for g in load_guards().values()
    ]
    return EvidenceReport(
        generated=datetime.now(UTC).isoformat(timespec="seconds"),
        workspace=str(workspace.root),
        since=since,
        profile=policy.profile,
        audit_chain=log.verify(),
        changes=changes,
        gate_runs=gate_runs,
        controls=CONTROLS,
        guards=guards,
    )


# One neutral document (headings, paragraphs, bullet lists, tables) rendered to Markdown or HTML.
Block = tuple[str, object]


def _document(report: EvidenceReport) -> list[Block]:
    chain = report.audit_chain
    doc: list[Block] = [
        ("h1", "idguard evidence report"),
        (
            "p",
            f"Generated {report.generated} for {report.workspace}; period: "
            f"{'since ' + report.since if report.since else 'all recorded history'}; policy profile: {report.profile}.",
        ),
        ("h2", "Audit chain"),
        (
            "p",
            f"VERIFIED: {chain.entries} entries, head hash {chain.head_hash or '-'}."
            if chain.ok
            else f"BROKEN at entry {chain.first_broken}: {chain.reason} ({chain.entries} entries).",
        ),
        ("h2", f"Identity changes ({len(report.changes)})"),
        (
            "table",
            (
                ["review", "path", "created", "author", "state", "approvals", "approvers", "last gate"],
                [
                    [
                        c.review_id,
                        c.path,
                        c.created,
                        c.author,
                        c.evaluation.state,
                        f"{len(c.evaluation.approvers)}/{c.evaluation.required_approvals}",
                        ", ".join(c.evaluation.approvers) or "-",
                        f"{c.gate_results[-1].outcome} {c.gate_results[-1].ts[:19]}" if c.gate_results else "not run",
                    ]
                    for c in report.changes
                ],
            ),
        ),
    ]
    for c in report.changes:
        doc += [
            ("h3", f"{c.review_id} {c.path}"),
            ("p", f"Intent: {c.intent}. Categories: {', '.join(c.categories) or '-'}."),
            ("p", "Findings at review time:"),
            ("ul", c.findings or ["none"]),
            ("p", "Decisions (re-verified now):"),
            (
                "ul",
                [
                    f"{d.decision} by {d.reviewer} at {d.time}: {'valid' if d.valid else 'NOT counted: ' + d.reason}"
                    + (f" (note: {d.note})" if d.note else "")
                    for d in c.evaluation.decisions
                ]
                or ["none"],
            ),
            ("p", "Tests needed at review time (identity units and their failure paths):"),
            ("ul", c.tests_needed or ["none"]),
            ("p", "Gate results:"),
            (
                "ul",
                [
                    f"{g.ts[:19]} {g.outcome} (review {g.review_state or '-'})"
                    + (f": {', '.join(g.problems)}" if g.problems else "")
                    + (
                        f"; tests: {g.tests.get('units', 0)} unit(s), {len(g.tests.get('lacking', []))} lacking, "
                        f"coverage {'given' if g.tests.get('coverage') else 'not given'}"
                        if g.tests
                        else ""
                    )
                    for g in c.gate_results
                ]
                or ["none"],
            ),
        ]
    doc += [
        ("h2", f"Gate runs ({len(report.gate_runs)})"),
        (
            "table",
            (
                ["time", "actor", "base", "passed", "failing"],
                [
                    [
                        r["ts"][:19],
                        r["actor"],
                        str(r.get("base", ""))[:12],
                        str(r.get("passed")),
                        ", ".join(r.get("failing", [])) or "-",
                    ]
                    for r in report.gate_runs
                ],
            ),
        ),
        ("h2", "Controls mapped to NIST CSF 2.0 and OWASP NHI Top 10 (2025)"),
        (
            "table",
            (
                ["control", "what idguard does", "NIST CSF 2.0", "OWASP NHI"],
                [
                    [
                        f"{c.id} {c.name}",
                        c.how,
                        ", ".join(c.nist_csf),
                        ", ".join(f"{n} {OWASP_NHI_TOP10[n]}" for n in c.owasp_nhi) or "-",
                    ]
                    for c in report.controls
                ],
            ),
        ),
        ("h2", "Guards mapped to NIST CSF 2.0 and OWASP NHI Top 10"),
        (
            "table",
            (
                ["guard", "title", "NIST CSF 2.0", "OWASP NHI", "CWE"],
                [
                    [
                        g.id,
                        g.title,
                        ", ".join(g.nist_csf) or "-",
                        ", ".join(g.owasp_nhi) or "-",
                        ", ".join(g.cwe) or "-",
                    ]
                    for g in report.guards
                ],
            ),
        ),
    ]
    return doc


def _md_text(text: object) -> str:
    """Text written by an assistant (paths, intents, client names) must not become live HTML in a renderer."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _md_cell(text: str) -> str:
    return _md_text(text).replace("|", "\\|").replace("\n", " ")


def render_markdown(report: EvidenceReport) -> str:
    return blocks_markdown(_document(report))


def render_html(report: EvidenceReport) -> str:
    return blocks_html(_document(report), "idguard evidence report")


def blocks_markdown(blocks: list[Block]) -> str:
    out: list[str] = []
    for kind, body in blocks:
        if kind in ("h1", "h2", "h3"):
            out += ["#" * int(kind[1]) + " " + _md_text(body), ""]
        elif kind == "p":
            out += [_md_text(body), ""]
        elif kind == "ul":
            out += [f"- {_md_text(item)}" for item in body] + [""]  # type: ignore[attr-defined]  # a 'ul' block's body is a list of strings
        elif kind == "table":
            head, rows = cast(tuple[list[str], list[list[str]]], body)
            out.append("| " + " | ".join(head) + " |")
            out.append("|" + "---|" * len(head))
            out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
            out.append("")
    return "\n".join(out)


def blocks_html(blocks: list[Block], title: str) -> str:
    esc = html.escape
    out = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{esc(title)}</title>",
        "<style>body{font-family:sans-serif;max-width:70em;margin:auto}table{border-collapse:collapse}"
        "td,th{border:1px solid #999;padding:.2em .5em;vertical-align:top;text-align:left}</style>",
        "</head><body>",
    ]
    for kind, body in blocks:
        if kind in ("h1", "h2", "h3", "p"):
            out.append(f"<{kind}>{esc(str(body))}</{kind}>")
        elif kind == "ul":
            out.append("<ul>" + "".join(f"<li>{esc(item)}</li>" for item in body) + "</ul>")  # type: ignore[attr-defined]  # a 'ul' block's body is a list of strings
        elif kind == "table":
            head, rows = cast(tuple[list[str], list[list[str]]], body)
            out.append("<table><thead><tr>" + "".join(f"<th>{esc(h)}</th>" for h in head) + "</tr></thead><tbody>")
            out += ["<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in rows]
            out.append("</tbody></table>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
