"""IDG154: CORS that allows any origin together with credentials."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.flow.endpoints import request_taint
from .support.flow.words import module_words_among, nodes_in
from .support.guard import PythonGuard

_CREDENTIALS_HEADER_WORDS = frozenset({"access", "control", "allow", "credentials"})


class CorsWildcardCredentials(PythonGuard):
    """
    ## What it does
    Finds CORS configured to accept credentialed requests from any origin:
    Flask-CORS `CORS(app, supports_credentials=True)` with `origins="*"` (the
    default), Starlette/FastAPI `CORSMiddleware` with `allow_origins=["*"]` or
    `allow_origin_regex=".*"` and `allow_credentials=True`, django-cors-headers
    `CORS_ALLOW_ALL_ORIGINS = True` (or `CORS_ORIGIN_ALLOW_ALL`) with
    `CORS_ALLOW_CREDENTIALS = True`, and a response header
    `Access-Control-Allow-Origin` copied from the request's `Origin` in a
    module that also allows credentials.

    ## Why is this bad?
    These libraries do not send a literal `*` with credentials (browsers would
    refuse it); they reflect the caller's origin. Any web site the user visits
    can then call the API with the user's cookies and read the answers:
    profile data, API keys, tokens.

    ## Example
    ```python
    app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)
    ```

    ## Use instead
    ```python
    app.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"], allow_credentials=True)
    ```
    """

    id = "IDG154"
    name = "cors-wildcard-credentials"
    title = "CORS allows any origin with credentials"
    fix_hint = "List the exact trusted origins (https://app.example.com) when credentials are allowed; never '*' or a reflected Origin."
    meta = GuardMeta(
        cwe=["CWE-942", "CWE-346"],
        owasp_nhi=[],
        nist_csf=["PR.AA-05", "PR.PS-01"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["session"],
    )
    VALID = [
        Valid(
            """
            from fastapi.middleware.cors import CORSMiddleware
            app.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"], allow_credentials=True)
            """
        ),
        Valid(
            """
            from fastapi.middleware.cors import CORSMiddleware
            app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=False)
            """
        ),
        Valid(
            """
            from flask_cors import CORS
            CORS(app, origins=["https://admin.example.com"], supports_credentials=True)
            """
        ),
        Valid(
            """
            import os
            ORIGINS = os.environ["CORS_ORIGINS"].split(",")
            app.add_middleware(CORSMiddleware, allow_origins=ORIGINS, allow_credentials=True)
            """
        ),
        Valid(
            """
            CORS_ALLOW_ALL_ORIGINS = False
            CORS_ALLOWED_ORIGINS = ["https://app.example.com"]
            CORS_ALLOW_CREDENTIALS = True
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            from fastapi.middleware.cors import CORSMiddleware
            app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True, allow_methods=["*"])
            """,
            line=2,
        ),
        Invalid(
            """
            from flask_cors import CORS
            CORS(app, supports_credentials=True)
            """,
            line=2,
        ),
        Invalid(
            """
            from flask_cors import CORS
            CORS(app, resources={r"/api/*": {"origins": "*"}}, supports_credentials=True)
            """,
            line=2,
        ),
        Invalid(
            """
            CORS_ALLOW_ALL_ORIGINS = True
            CORS_ALLOW_CREDENTIALS = True
            """,
            line=1,
        ),
        Invalid(
            """
            import os
            ORIGINS = os.getenv("CORS_ORIGINS", "*").split(",")
            app.add_middleware(CORSMiddleware, allow_origins=ORIGINS, allow_credentials=True)
            """,
            line=3,
        ),
        Invalid(
            """
            from flask import request

            @app.after_request
            def cors(resp):
                resp.headers["Access-Control-Allow-Origin"] = request.headers.get("Origin")
                resp.headers["Access-Control-Allow-Credentials"] = "true"
                return resp
            """,
            line=5,
        ),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._django_all: cst.CSTNode | None = None
        self._django_credentials = False
        # Every spelling that resolves to `...CORSMiddleware` (an alias's import included) names it in the source.
        self._mentions_cors_middleware = "CORSMiddleware" in ctx.text

    def _any_origin(self, expr: cst.BaseExpression | None, depth: int = 4) -> bool:
        if depth <= 0:
            return False
        expr = self.ctx.resolve(expr)
        text = self.ctx.string_value(expr)
        if text is not None:
            return text.strip() in {"*", ".*", "^.*$", ".+", "^.+$"}
        if isinstance(expr, (cst.List, cst.Tuple, cst.Set)):
            return any(self._any_origin(e.value, depth - 1) for e in expr.elements)
        if isinstance(expr, cst.Call):
            # os.getenv("CORS_ORIGINS", "*").split(","): the default is every origin
            for call in nodes_in(expr, cst.Call):
                name = self.ctx.call_name(call) or ""
                if (
                    name.endswith(("getenv", "environ.get"))
                    and len(call.args) >= 2
                    and self.ctx.string_value(call.args[1].value) == "*"
                ):
                    return True
        return False

    def visit_Call(self, node: cst.Call) -> None:
        name = self.ctx.call_name(node) or ""
        last = name.rsplit(".", 1)[-1]
        if last == "CORS" or last == "cross_origin":
            if self.ctx.bool_value(self.ctx.kwarg(node, "supports_credentials")) is not True:
                return
            origins = self.ctx.kwarg(node, "origins")
            resources = self.ctx.dict_items(self.ctx.kwarg(node, "resources")) or {}
            per_resource = [self.ctx.dict_items(v) or {} for v in resources.values()]
            resource_origins = [r["origins"] for r in per_resource if "origins" in r]
            wildcard = (
                self._any_origin(origins)
                if origins is not None
                else (not resource_origins or any(self._any_origin(o) for o in resource_origins))
            )
            if wildcard:
                self.report(
                    node,
                    "Flask-CORS reflects any origin (origins default to '*') while allowing credentials.",
                )
            return
        arguments = node.args
        is_middleware = self._mentions_cors_middleware and (
            last == "CORSMiddleware" or any(a.keyword is None and self._is_cors_middleware(a.value) for a in arguments)
        )
        if not is_middleware:
            return
        if self.ctx.bool_value(self.ctx.kwarg(node, "allow_credentials")) is not True:
            return
        if self._any_origin(self.ctx.kwarg(node, "allow_origins")) or self._any_origin(
            self.ctx.kwarg(node, "allow_origin_regex")
        ):
            self.report(node, "CORSMiddleware reflects any origin while allowing credentials.")

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            name = self.ctx.target_name(target.target)
            if name in {"CORS_ALLOW_ALL_ORIGINS", "CORS_ORIGIN_ALLOW_ALL"} and self.ctx.bool_value(node.value) is True:
                self._django_all = node
            elif name == "CORS_ALLOW_CREDENTIALS" and self.ctx.bool_value(node.value) is True:
                self._django_credentials = True
            elif name and name.lower() == "access-control-allow-origin" and self._file_allows_credentials():
                fn = self.ctx.current_function
                if isinstance(fn, cst.FunctionDef) and request_taint(self.ctx, fn).is_tainted(node.value):
                    self.report(node, "The request's Origin is echoed back while credentials are allowed.")

    def _file_allows_credentials(self) -> bool:
        """The file speaks of `Access-Control-Allow-Credentials` somewhere."""
        return len(module_words_among(self.ctx, _CREDENTIALS_HEADER_WORDS)) == len(_CREDENTIALS_HEADER_WORDS)

    def _is_cors_middleware(self, expr: cst.BaseExpression) -> bool:
        # Only a name or an attribute can resolve to `...CORSMiddleware`; the attribute's own name
        # must then end with it (a cheap test before resolving the dotted name).
        if isinstance(expr, cst.Attribute) and not expr.attr.value.endswith("CORSMiddleware"):
            return False
        return isinstance(expr, (cst.Name, cst.Attribute)) and (self.ctx.qualname(expr) or "").endswith(
            "CORSMiddleware"
        )

    def leave_Module(self, original_node: cst.Module) -> None:
        if self._django_all is not None and self._django_credentials:
            self.report(
                self._django_all,
                "django-cors-headers allows every origin together with credentials.",
            )
