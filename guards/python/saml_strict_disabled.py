"""IDG140: python3-saml / OneLogin settings with `strict` turned off."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.flow.words import literal_keys
from .support.guard import PythonGuard


class SamlStrictDisabled(PythonGuard):
    """
    ## What it does
    Finds python3-saml (OneLogin) settings with `"strict": False`: in the
    settings dict literal (with `sp`/`idp` sections, or in a file that uses
    `onelogin.saml2`), in a dict built earlier and passed to
    `OneLogin_Saml2_Auth` / `OneLogin_Saml2_Settings`, or set afterwards with
    `settings["strict"] = False`.

    ## Why is this bad?
    With `strict` off python3-saml skips the checks that bind a response to
    this service provider: destination, audience, recipient, `InResponseTo`,
    validity window and signature requirements. Responses issued for another
    application, or replayed ones, are accepted.

    ## Example
    ```python
    SAML_SETTINGS = {"strict": False, "sp": {...}, "idp": {...}}
    auth = OneLogin_Saml2_Auth(req, SAML_SETTINGS)
    ```

    ## Use instead
    ```python
    SAML_SETTINGS = {"strict": True, "sp": {...}, "idp": {...}}
    ```
    """

    id = "IDG140"
    name = "saml-strict-disabled"
    title = "SAML strict mode disabled"
    fix_hint = (
        'Set `"strict": True` in every environment; fix the reported validation errors instead of turning checks off.'
    )
    meta = GuardMeta(
        cwe=["CWE-347", "CWE-287"],
        owasp_nhi=["NHI4"],
        nist_csf=["PR.AA-03"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["sso"],
        urls=["https://github.com/SAML-Toolkits/python3-saml#settings"],
    )
    VALID = [
        Valid(
            """
            SAML = {"strict": True, "debug": False, "sp": {"entityId": SP}, "idp": {"entityId": IDP}}
            """
        ),
        Valid(
            """
            parser_options = {"strict": False}
            doc = parse_csv(path, **parser_options)
            """
        ),
        Valid(
            """
            from onelogin.saml2.auth import OneLogin_Saml2_Auth
            settings = load_settings()
            settings["strict"] = True
            auth = OneLogin_Saml2_Auth(req, settings)
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            SAML = {"strict": False, "debug": True, "sp": {"entityId": SP}, "idp": {"entityId": IDP}}
            """,
            line=1,
        ),
        Invalid(
            """
            from onelogin.saml2.auth import OneLogin_Saml2_Auth
            settings = load_settings()
            settings["strict"] = False
            auth = OneLogin_Saml2_Auth(req, settings)
            """,
            line=3,
        ),
        Invalid(
            """
            from onelogin.saml2.auth import OneLogin_Saml2_Auth as Auth
            STRICT = False

            def init_saml(req):
                return Auth(req, {"strict": STRICT, "sp": sp_settings(), "idp": idp_settings()})
            """,
            line=5,
        ),
        Invalid(
            """
            from onelogin.saml2.settings import OneLogin_Saml2_Settings
            cfg = OneLogin_Saml2_Settings(settings=dict(strict=False, sp=SP, idp=IDP), sp_validation_only=True)
            """,
            line=2,
        ),
    ]

    def _saml_file(self) -> bool:
        return (
            self.ctx.imported_module("onelogin")
            or self.ctx.imported_module("flask_saml2")
            or self.ctx.imported_module("django_saml2_auth")
        )

    def visit_Dict(self, node: cst.Dict) -> None:
        if "strict" not in literal_keys(node):
            return
        items = self.ctx.dict_items(node)
        if items and "strict" in items and ({"sp", "idp"} & items.keys() or self._saml_file()):
            if self.ctx.bool_value(items["strict"]) is False:
                self.report(
                    self._strict_element(node),
                    "SAML settings set `strict` to False: responses are not bound to this SP.",
                )

    def _strict_element(self, node: cst.Dict) -> cst.CSTNode:
        for element in node.elements:
            if isinstance(element, cst.DictElement) and self.ctx.string_value(element.key) == "strict":
                return element
        return node

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if not (isinstance(func, cst.Name) or isinstance(func, cst.Attribute) and func.attr.value == "dict"):
            return  # cheap: only such a name or attribute can resolve to `dict`
        if (self.ctx.call_name(node) or "") not in {"dict", "builtins.dict"}:
            return
        items = self.ctx.dict_items(node) or {}
        if "strict" in items and {"sp", "idp"} & items.keys() and self.ctx.bool_value(items["strict"]) is False:
            self.report(node, "SAML settings set `strict` to False: responses are not bound to this SP.")

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            if (
                isinstance(target.target, cst.Subscript)
                and self.ctx.target_name(target.target) == "strict"
                and self._saml_file()
            ):
                if self.ctx.bool_value(node.value) is False:
                    self.report(node, "`strict` is set to False on the SAML settings.")
