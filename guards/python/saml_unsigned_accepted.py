"""IDG141: SAML settings that accept unsigned assertions and messages."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.flow.words import literal_keys, nodes_in
from .support.guard import PythonGuard

# python3-saml security keys and pysaml2 SP keys.
_ONELOGIN = ("wantAssertionsSigned", "wantMessagesSigned")
_PYSAML2 = ("want_assertions_signed", "want_response_signed", "want_assertions_or_response_signed")


class SamlUnsignedAccepted(PythonGuard):
    """
    ## What it does
    Finds SAML service-provider settings where neither the assertion nor the
    response has to be signed: a python3-saml `security` dict whose
    `wantAssertionsSigned` and `wantMessagesSigned` are both off (at least one
    explicitly `False`), and pysaml2 SP settings with `want_response_signed`
    `False` while
    `want_assertions_signed` is not `True`. Requiring either signature is fine.
    The finding is on the setting that turns the assertion signature off (else the
    response one); pysaml2 signs both by default, so when both are set to `False`
    each setting is reported. Settings switched off item by item
    (`cfg["security"]["wantAssertionsSigned"] = False`) are judged the same way
    over the module.

    ## Why is this bad?
    An unsigned assertion is just XML anyone can write: the attacker picks the
    NameID (any user, any admin) and the attributes (groups, roles). Signature
    requirements are what make SAML an authentication protocol.

    ## Example
    ```python
    "security": {"wantAssertionsSigned": False, "wantMessagesSigned": False}
    ```

    ## Use instead
    ```python
    "security": {"wantAssertionsSigned": True, "wantMessagesSigned": False}
    ```
    """

    id = "IDG141"
    name = "saml-unsigned-accepted"
    title = "SAML accepts unsigned assertions"
    fix_hint = (
        "Require signed assertions (`wantAssertionsSigned: True` / `want_assertions_signed: True`) or signed responses."
    )
    meta = GuardMeta(
        cwe=["CWE-347"],
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
            security = {"wantAssertionsSigned": True, "wantMessagesSigned": False, "authnRequestsSigned": True}
            """
        ),
        Valid(
            """
            security = {"wantMessagesSigned": True, "wantAssertionsSigned": False}
            """
        ),
        Valid(
            """
            SP = {"want_response_signed": True, "want_assertions_signed": False}
            """
        ),
        Valid(
            """
            flags = {"want_assertions_signed": False}
            """
        ),
        Valid(
            """
            cfg = load_json("saml.json")
            cfg["security"]["wantAssertionsSigned"] = False
            cfg["security"]["wantMessagesSigned"] = True
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            security = {"wantAssertionsSigned": False, "wantMessagesSigned": False}
            """,
            line=1,
        ),
        Invalid(
            """
            SAML = {"strict": True, "security": {"authnRequestsSigned": True, "wantMessagesSigned": False}}
            """,
            line=1,
        ),
        Invalid(
            """
            SIGN = False
            sp = {"want_response_signed": SIGN, "want_assertions_signed": SIGN}
            """,
            line=2,
        ),
        Invalid(
            """
            config = {"service": {"sp": {"want_assertions_or_response_signed": False, "want_response_signed": False}}}
            """,
            line=1,
        ),
        # settings loaded elsewhere, switched off item by item
        Invalid(
            """
            cfg = load_json("saml.json")
            cfg["security"]["wantAssertionsSigned"] = False
            cfg["security"]["wantMessagesSigned"] = False
            """,
            line=2,
        ),
    ]

    def visit_Dict(self, node: cst.Dict) -> None:
        if not set(_ONELOGIN + _PYSAML2) & literal_keys(node):
            return
        items = self.ctx.dict_items(node)
        if not items:
            return
        values = {k: self.ctx.bool_value(items[k]) for k in (*_ONELOGIN, *_PYSAML2) if k in items}
        if any(k in items for k in _ONELOGIN):
            if not any(values.get(k) is True for k in _ONELOGIN) and any(values.get(k) is False for k in _ONELOGIN):
                self.report(
                    self._element(node, _ONELOGIN, values),
                    "Neither SAML assertions nor messages must be signed.",
                )
            return
        # pysaml2 requires a signed response by default; turning that off leaves only the assertion signature.
        if values.get("want_response_signed") is False and values.get("want_assertions_signed") is not True:
            # pysaml2 defaults both to on, so each one set to False is its own opt-out: both are reported.
            spots = [
                self._element(node, (key,), values)
                for key in ("want_response_signed", "want_assertions_signed")
                if values.get(key) is False
            ]
            for spot in (
                spots
                if len(spots) > 1
                else [self._element(node, ("want_assertions_signed", "want_response_signed"), values)]
            ):
                self.report(
                    spot,
                    "pysaml2 accepts responses with neither a signed response nor a signed assertion.",
                )

    def visit_Module(self, node: cst.Module) -> None:
        """`cfg["security"]["wantAssertionsSigned"] = False` on settings loaded elsewhere: the same judgement
        over the settings assigned item by item in the module."""
        assigned: dict[str, tuple[cst.Assign, bool | None]] = {}
        for assign in nodes_in(node, cst.Assign):
            for target in assign.targets:
                if isinstance(target.target, cst.Subscript) and len(target.target.slice) == 1:
                    index = target.target.slice[0].slice
                    key = self.ctx.string_value(index.value) if isinstance(index, cst.Index) else None
                    if key in _ONELOGIN + _PYSAML2:
                        assigned[key] = (assign, self.ctx.bool_value(assign.value))
        if not assigned:
            return
        values = {k: v for k, (_, v) in assigned.items()}
        if any(k in values for k in _ONELOGIN):
            if not any(values.get(k) is True for k in _ONELOGIN) and any(values.get(k) is False for k in _ONELOGIN):
                key = next(k for k in _ONELOGIN if values.get(k) is False)
                self.report(assigned[key][0], "Neither SAML assertions nor messages must be signed.")
        elif values.get("want_response_signed") is False and values.get("want_assertions_signed") is not True:
            for key in ("want_response_signed", "want_assertions_signed"):
                if values.get(key) is False:
                    self.report(
                        assigned[key][0],
                        "pysaml2 accepts responses with neither a signed response nor a signed assertion.",
                    )

    def _element(self, node: cst.Dict, keys: tuple[str, ...], values: dict[str, bool | None]) -> cst.CSTNode:
        """The first of `keys` set to False (the assertion setting before the message one), else the dict."""
        for key in keys:
            if values.get(key) is False:
                for element in node.elements:
                    if isinstance(element, cst.DictElement) and self.ctx.string_value(element.key) == key:
                        return element
        return node
