"""IDG147: offboarding that swallows revocation failures and carries on as if it succeeded."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.flow.decisions import _OFFBOARD_ALONE, enclosing_class_words, own_nodes
from .support.flow.denials import handler_propagates, is_offboarding
from .support.flow.words import callee_name, node_words, nodes_in
from .support.guard import PythonGuard
from .support.words import identifier_words

_HTTP_CALLS = frozenset({"post", "delete", "put", "patch", "request", "send"})
_REVOKE_WORDS = frozenset(
    {
        "revoke",
        "delete",
        "remove",
        "disable",
        "deactivate",
        "invalidate",
        "terminate",
        "logout",
        "expire",
        "detach",
        "unassign",
        "suspend",
        "rotate",
        "destroy",
        "kill",
        "flush",
        "deprovision",
        "offboard",
        "sign",
        "lock",
        "block",
    }
)

_ALREADY_GONE = frozenset(
    {
        "not",
        "found",
        "exist",
        "missing",
        "gone",
        "absent",
        "already",
        "such",
        "unknown",
        "nonexistent",
        "lookup",
        "keyerror",
        "does",
    }
)


class DeprovisionSwallowsFailure(PythonGuard):
    """
    ## What it does
    Finds offboarding / deactivation / removal functions (`offboard_user`,
    `deactivate_member`, `deprovision`, `decommission_machine`,
    `revoke_access`...) that wrap a revocation call (`revoke`, `delete`,
    `disable`, `invalidate`, `logout`, SCIM/IdP calls) in `try` / `except`
    whose handler lets the failure disappear, in
    `contextlib.suppress(Exception)`, and in concurrent revocations whose
    failures nobody reads (`await asyncio.gather(..., return_exceptions=True)`
    with the results dropped, `pool.submit(revoke, ...)` futures discarded). A handler swallows the failure when it
    does not raise, retry, alert or return a failure, and whatever it records
    (`results["vault"] = "skipped"`, even `summary["slack"] = "removed"`) is
    never tested afterwards: the routine goes on to report the person
    offboarded. Recording the failure in a list the function then checks
    (`if failures: raise ...`) or returning a summary that says it failed is
    propagation, and `except NotFound` (already gone) is idempotent.

    ## Why is this bad?
    A leaver whose IdP session, API key or cloud access key failed to revoke
    keeps working access while every dashboard says "deprovisioned". This is the
    most common way former employees and contractors keep access (OWASP NHI1).

    ## Example
    ```python
    def offboard(user):
        for key in user.api_keys.all():
            try:
                key_service.revoke(key.id)
            except Exception:
                logger.warning("could not revoke key %s", key.id)
        return {"status": "offboarded"}
    ```

    ## Use instead
    ```python
    def offboard(user):
        failures = []
        for key in user.api_keys.all():
            try:
                key_service.revoke(key.id)
            except Exception as exc:
                failures.append((key.id, exc))
        if failures:
            raise OffboardingIncomplete(user.id, failures)
        return {"status": "offboarded"}
    ```
    """

    id = "IDG147"
    name = "deprovision-swallows-failure"
    title = "Offboarding swallows revocation failures"
    fix_hint = (
        "Collect revocation failures and fail the offboarding (raise, or return a failed status and alert) so a person "
        "is never reported offboarded while a session, key or grant is still live; retry through a queue if needed."
    )
    meta = GuardMeta(
        cwe=["CWE-755", "CWE-390", "CWE-613"],
        owasp_nhi=["NHI1"],
        nist_csf=["PR.AA-01", "PR.AA-05"],
        likelihood="medium",
        impact="high",
        confidence="medium",
        categories=["deprovisioning"],
    )
    VALID = [
        Valid(
            """
            def offboard(user):
                failures = []
                for key in user.api_keys.all():
                    try:
                        key_service.revoke(key.id)
                    except Exception as exc:
                        failures.append((key.id, exc))
                if failures:
                    raise OffboardingIncomplete(user.id, failures)
            """
        ),
        Valid(
            """
            def deactivate_user(user):
                try:
                    idp.revoke_sessions(user.external_id)
                except IdpError:
                    logger.exception("revocation failed")
                    raise
                user.is_active = False
            """
        ),
        Valid(
            """
            def remove_member(member):
                try:
                    github.remove_org_member(member.login)
                except NotFound:
                    pass
                member.delete()
            """
        ),
        Valid(
            """
            def sync_profile(user):
                try:
                    crm.delete_contact(user.email)
                except Exception:
                    pass
            """
        ),
        Valid(
            """
            import asyncio

            async def offboard_user(user):
                results = await asyncio.gather(okta.deactivate_user(user.okta_id), github.remove_org_member(user.login), return_exceptions=True)
                if any(isinstance(r, Exception) for r in results):
                    raise OffboardingIncomplete(results)
            """
        ),
        Valid(
            """
            STEPS = (("crm", crm.sync_contact), ("wiki", wiki.refresh))

            def offboard(user):
                for system, step in STEPS:
                    try:
                        step(user.email)
                    except Exception:
                        log.warning("%s failed", system)
            """
        ),
        Valid(
            """
            def offboard_employee(email, run):
                results = {}
                try:
                    vault.revoke_user_tokens(email)
                except vault.VaultError:
                    results["vault"] = "failed"
                run.status = "partial" if "failed" in results.values() else "completed"
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            import logging

            import httpx

            log = logging.getLogger(__name__)


            async def suspend_member(member_id, idp_url, token):
                async with httpx.AsyncClient() as client:
                    try:
                        r = await client.post(f"{idp_url}/users/{member_id}/logout", headers={"Authorization": token})
                        r.raise_for_status()
                    except httpx.HTTPError:
                        log.error("logout failed for %s", member_id)
                return {"status": "suspended"}
            """,
            line=14,
        ),
        Invalid(
            """
            import logging

            log = logging.getLogger(__name__)


            class VendorOffboarding:
                def drop_vendor_keys(self, vendor_id):
                    try:
                        self.keys.delete_for(vendor_id)
                    except Exception:
                        log.info("key cleanup later for %s", vendor_id)
                    return True
            """,
            line=11,
        ),
        Invalid(
            """
            def offboard(user):
                for key in user.api_keys.all():
                    try:
                        key_service.revoke(key.id)
                    except Exception:
                        logger.warning("could not revoke key %s", key.id)
                return {"status": "offboarded"}
            """,
            line=5,
        ),
        Invalid(
            """
            def deactivate_member(member):
                try:
                    okta.deactivate_user(member.okta_id)
                except:
                    pass
                member.active = False
                member.save()
            """,
            line=4,
        ),
        Invalid(
            """
            import contextlib

            def deprovision(account):
                with contextlib.suppress(Exception):
                    iam.delete_access_key(UserName=account.name, AccessKeyId=account.key_id)
                return True
            """,
            line=4,
        ),
        Invalid(
            """
            def remove_user(user):
                for session in user.sessions:
                    try:
                        session.invalidate()
                    except RuntimeError:
                        continue
                user.delete()
            """,
            line=5,
        ),
        Invalid(
            """
            def offboard_employee(email, run):
                results = {}
                try:
                    vault.revoke_user_tokens(email)
                    results["vault"] = "revoked"
                except vault.VaultError:
                    results["vault"] = "skipped"
                run.status = "completed"
                return results
            """,
            line=6,
        ),
        Invalid(
            """
            def decommission_machine(machine):
                summary = {}
                try:
                    slack.remove_bot_user(machine.bot_id)
                    summary["slack"] = "removed"
                except Exception:
                    summary["slack"] = "removed"
                return summary
            """,
            line=6,
        ),
        Invalid(
            """
            import asyncio

            async def offboard_user(user):
                await asyncio.gather(okta.deactivate_user(user.okta_id), github.remove_org_member(user.login), return_exceptions=True)
                user.status = "offboarded"
            """,
            line=4,
        ),
        # the revocation is a loop variable over each system's call
        Invalid(
            """
            STEPS = (("okta", okta.deactivate_user), ("github", github.remove_org_member))

            def offboard(user):
                for system, step in STEPS:
                    try:
                        step(user.email)
                    except Exception:
                        log.warning("%s failed", system)
                user.status = "offboarded"
            """,
            line=7,
        ),
    ]

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        # An offboarding routine, or any step of a class that offboards (`ContractorOffboarding.retire_keys`).
        if not (is_offboarding(self.ctx, node) or enclosing_class_words(self.ctx, node) & _OFFBOARD_ALONE):
            return
        for try_node in own_nodes(self.ctx, node, cst.Try):
            if not self._revokes(try_node.body, node):
                continue
            for handler in try_node.handlers:
                if handler.type is not None and (
                    node_words(self.ctx, handler.type) & _ALREADY_GONE or "KeyError" in self.ctx.source(handler.type)
                ):
                    continue  # `except NotFound: pass` - revoking what is already gone is idempotent
                if not handler_propagates(self.ctx, node, try_node, handler):
                    self.report(
                        handler,
                        "A failed revocation is swallowed; offboarding carries on as if it succeeded.",
                    )
        for call in own_nodes(self.ctx, node, cst.Call):
            self._lost_results(node, call)
        for with_node in own_nodes(self.ctx, node, cst.With):
            for item in with_node.items:
                call = item.item
                if (
                    isinstance(call, cst.Call)
                    and (self.ctx.call_name(call) or "").endswith("suppress")
                    and self._revokes(with_node.body, node)
                ):
                    self.report(with_node, "`suppress(...)` drops revocation failures during offboarding.")

    def _lost_results(self, fn: cst.FunctionDef, call: cst.Call) -> None:
        """`await asyncio.gather(*revocations, return_exceptions=True)` whose results nobody reads, and
        `pool.submit(revoke, user)` whose future is dropped: the exceptions are kept where no one looks."""
        name = callee_name(call.func)
        if name == "gather" and self.ctx.bool_value(self.ctx.kwarg(call, "return_exceptions")) is True:
            kind = "`gather(..., return_exceptions=True)` turns revocation failures into results"
        elif name in {"submit", "map", "apply_async"} and isinstance(call.func, cst.Attribute):
            kind = f"`{name}(...)` returns a future for the revocation"
        else:
            return
        task = call.args[0].value if call.args and name != "gather" else None
        runs_revocation = (
            self._revokes(call, fn)
            or task is not None
            and (
                bool(node_words(self.ctx, task) & _REVOKE_WORDS)
                or isinstance(task, cst.Name)
                and self._bound_to_revocation(fn, task.value)
            )
        )
        if not runs_revocation or self._result_read(fn, call):
            return
        self.report(call, f"{kind} that nothing reads; offboarding carries on as if every step succeeded.")

    def _result_read(self, fn: cst.FunctionDef, call: cst.Call) -> bool:
        """The call's value is kept in a name the function uses later (or returned / awaited into one)."""
        for assign in own_nodes(self.ctx, fn, cst.Assign, cst.AugAssign, cst.Return):
            value = assign.value
            if value is None or not any(inner is call for inner in nodes_in(value, cst.Call)):
                continue
            if isinstance(assign, cst.Return):
                return True
            targets = [t.target for t in assign.targets] if isinstance(assign, cst.Assign) else [assign.target]
            names = {n.value for t in targets for n in nodes_in(t, cst.Name)}
            uses = [n for n in nodes_in(fn.body, cst.Name) if n.value in names]
            return len(uses) > len(names)
        for outer in own_nodes(self.ctx, fn, cst.Call):
            if outer is not call and any(a.value is call for a in outer.args):
                return callee_name(outer.func) not in {
                    "print",
                    "info",
                    "debug",
                    "warning",
                }  # `futures.append(pool.submit(...))`
        return False

    def _revokes(self, body: cst.CSTNode, fn: cst.FunctionDef) -> bool:
        for call in nodes_in(body, cst.Call):
            func = call.func
            last = callee_name(func)
            if set(identifier_words(last)) & _REVOKE_WORDS:
                return True
            if last in _HTTP_CALLS and self._url_revokes(call):
                return True  # `client.post(f"{KC}/users/{uid}/logout")`: an admin API that revokes
            if isinstance(func, cst.Name) and self._bound_to_revocation(fn, func.value):
                return True
        return False

    def _url_revokes(self, call: cst.Call) -> bool:
        """The URL of an HTTP call ends in a revoking step (`/logout`, `/sessions`, `/revoke`)."""
        for arg in call.args[:1]:
            for part in nodes_in(arg.value, cst.SimpleString, cst.FormattedStringText):
                text = part.value if isinstance(part, cst.FormattedStringText) else str(part.evaluated_value)
                segments = {w for seg in text.lower().split("/") for w in identifier_words(seg)}
                if segments & (_REVOKE_WORDS | {"sessions", "tokens", "grants", "keys"}) - {"sign"}:
                    return True
        return False

    def _bound_to_revocation(self, fn: cst.FunctionDef, name: str) -> bool:
        """`for system, step in (("okta", okta.deactivate), ("github", github.remove_member)): step(user)`:
        the called name is a loop variable (or a local) over revocation callables."""
        sources: list[cst.CSTNode] = [
            loop.iter
            for loop in own_nodes(self.ctx, fn, cst.For)
            if any(n.value == name for n in nodes_in(loop.target, cst.Name))
        ]
        sources += self.ctx.assigned_values_in(fn, name)
        for source in sources:
            resolved = [source] + [
                v
                for n in nodes_in(source, cst.Name)
                if n.value.isupper()
                for v in self.ctx.assigned_values_in(self.ctx.module, n.value)
            ]
            if any(node_words(self.ctx, s) & _REVOKE_WORDS for s in resolved):
                return True
        return False
