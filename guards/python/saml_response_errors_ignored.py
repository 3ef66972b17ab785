"""IDG158: a python3-saml response used without looking at its validation result."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.flow.decisions import own_nodes, reachable
from .support.flow.words import callee_name, nodes_in
from .support.guard import PythonGuard

# What a caller reads from a processed response: the identity it then signs in.
_IDENTITY_READS = frozenset(
    {
        "get_nameid",
        "get_attributes",
        "get_attribute",
        "get_friendlyname_attributes",
        "get_session_index",
        "get_nameid_format",
    }
)
# What tells a caller whether the response validated.
_RESULT_READS = frozenset({"get_errors", "is_authenticated", "get_last_error_reason"})


class SamlResponseErrorsIgnored(PythonGuard):
    """
    ## What it does
    Finds python3-saml (OneLogin) assertion consumers that call
    `auth.process_response()` and then read the identity (`get_nameid()`,
    `get_attributes()`) without testing the result: neither
    `auth.get_errors()` nor `auth.is_authenticated()` appears in a condition of
    the function (or a helper it calls). Reported on the `process_response()`
    call.

    ## Why is this bad?
    `process_response()` does not raise when the signature, the audience, the
    destination or the timestamps are wrong: it records the failure in
    `get_errors()` and leaves `is_authenticated()` false. The NameID and
    attributes are still parsed from the XML, so a consumer that does not look
    signs in whoever an attacker names in a forged, unsigned assertion.

    ## Example
    ```python
    auth.process_response()
    login(request, user_for(auth.get_nameid()))
    ```

    ## Use instead
    ```python
    auth.process_response()
    if auth.get_errors() or not auth.is_authenticated():
        raise PermissionDenied(auth.get_last_error_reason())
    login(request, user_for(auth.get_nameid()))
    ```
    """

    id = "IDG158"
    name = "saml-response-errors-ignored"
    title = "SAML response used without checking its errors"
    fix_hint = "After `process_response()`, refuse the login when `auth.get_errors()` is non-empty or `auth.is_authenticated()` is false."
    triggers = ("process_response",)
    meta = GuardMeta(
        cwe=["CWE-347", "CWE-252"],
        owasp_nhi=["NHI4"],
        nist_csf=["PR.AA-03"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["sso"],
    )
    VALID = [
        Valid(
            """
            def acs(request):
                auth = OneLogin_Saml2_Auth(prepare(request), SETTINGS)
                auth.process_response()
                if auth.get_errors():
                    return HttpResponseBadRequest()
                login(request, user_for(auth.get_nameid()))
            """
        ),
        Valid(
            """
            def acs(request):
                auth = init_saml(request)
                auth.process_response()
                if not auth.is_authenticated():
                    raise PermissionDenied()
                return auth.get_attributes()
            """
        ),
        # the errors are read into a name the function then tests
        Valid(
            """
            def acs(request):
                auth = init_saml(request)
                auth.process_response()
                errors = auth.get_errors()
                if errors:
                    abort(401)
                session["uid"] = auth.get_nameid()
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            def acs(request):
                auth = OneLogin_Saml2_Auth(prepare(request), SETTINGS)
                auth.process_response()
                login(request, user_for(auth.get_nameid()))
            """,
            line=3,
        ),
        Invalid(
            """
            def acs(request):
                auth = init_saml(request)
                auth.process_response(request_id=session.get("AuthNRequestID"))
                errors = auth.get_errors()
                log.info("saml errors: %s", errors)
                session["uid"] = auth.get_nameid()
            """,
            line=3,
        ),
        Invalid(
            """
            async def saml_acs(request):
                auth = await build_auth(request)
                auth.process_response()
                attrs = auth.get_attributes()
                return await sign_in(attrs["email"][0])
            """,
            line=3,
        ),
    ]

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        processing = [c for c in own_nodes(self.ctx, node, cst.Call) if callee_name(c.func) == "process_response"]
        if not processing:
            return
        calls = {callee_name(c.func) for c in own_nodes(self.ctx, node, cst.Call)}
        if not calls & _IDENTITY_READS or self._result_tested(node):
            return
        self.report(
            processing[0],
            "The response is processed but `get_errors()` / `is_authenticated()` is never tested before its NameID or attributes are used.",
        )

    def _result_tested(self, fn: cst.FunctionDef) -> bool:
        for function in reachable(self.ctx, fn, 1):
            holders = set()
            for assign in nodes_in(function.body, cst.Assign):
                if any(callee_name(c.func) in _RESULT_READS for c in nodes_in(assign.value, cst.Call)):
                    holders |= {t.target.value for t in assign.targets if isinstance(t.target, cst.Name)}
            for test in [n.test for n in nodes_in(function.body, cst.If, cst.While, cst.Assert, cst.IfExp)]:
                if (
                    any(callee_name(c.func) in _RESULT_READS for c in nodes_in(test, cst.Call))
                    or {n.value for n in nodes_in(test, cst.Name)} & holders
                ):
                    return True
        return False
