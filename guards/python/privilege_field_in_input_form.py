"""IDG180: a model form or serializer that lets the client write a privilege field (is_staff, role, groups)."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta, Severity
from .support.flow.credential_kinds import flag_rank, literal_strings
from .support.flow.words import node_words, nodes_in
from .support.guard import PythonGuard
from .support.words import identifier_words

# Fields that hold a privilege: writing them from a form is choosing one's own rights.
_PRIVILEGE_FIELDS = frozenset(
    {
        "is_staff",
        "is_superuser",
        "is_admin",
        "is_owner",
        "role",
        "roles",
        "groups",
        "user_permissions",
        "permissions",
        "scopes",
        "scope",
        "is_verified_admin",
        "privileges",
        "access_level",
    }
)
# Classes that only show data or that only administrators use.
_READ_OR_ADMIN_WORDS = frozenset(
    {
        "admin",
        "admins",
        "staff",
        "superuser",
        "read",
        "readonly",
        "list",
        "detail",
        "public",
        "summary",
        "display",
        "out",
        "output",
        "response",
        "view",
        "export",
        "internal",
        "management",
        "backoffice",
    }
)
_FORM_BASE_WORDS = frozenset(
    {"form", "modelform", "serializer", "modelserializer", "schema", "hyperlinkedmodelserializer"}
)


class PrivilegeFieldInInputForm(PythonGuard):
    """
    ## What it does
    Finds Django `ModelForm`s, DRF `ModelSerializer`s and marshmallow model
    schemas whose `Meta.fields` list a privilege field (`is_staff`,
    `is_superuser`, `is_admin`, `role`, `groups`, `user_permissions`,
    `scopes`...) that is not made read-only (`read_only_fields`,
    `extra_kwargs={"role": {"read_only": True}}`, `dump_only`). Forms and
    serializers named for administration or for output (`UserAdminForm`,
    `UserReadSerializer`) and `fields = "__all__"` are left alone. A model
    form is input by nature and is reported at the default severity; a
    serializer, which may also only render data, at medium.

    ## Why is this bad?
    Whatever the form lists, the bound view writes: a profile or signup form
    that includes `is_staff` lets every user who can post it make themselves
    staff (mass assignment). The view's code never mentions the field, so a
    reviewer reading it does not see the privilege change.

    ## Example
    ```python
    class ProfileForm(forms.ModelForm):
        class Meta:
            model = User
            fields = ["first_name", "last_name", "email", "is_staff"]
    ```

    ## Use instead
    ```python
    class ProfileForm(forms.ModelForm):
        class Meta:
            model = User
            fields = ["first_name", "last_name", "email"]
    ```
    """

    id = "IDG180"
    name = "privilege-field-in-input-form"
    title = "Form or serializer lets the client write a privilege field"
    meta = GuardMeta(
        cwe=["CWE-915", "CWE-269"],
        owasp_nhi=[],
        nist_csf=["PR.AA-05"],
        likelihood="medium",
        impact="high",
        confidence="medium",
        categories=["rbac"],
        see_also=["OWASP API3:2023 Broken Object Property Level Authorization"],
    )
    triggers = ("meta",)
    VALID = [
        Valid(
            """
            class ProfileForm(forms.ModelForm):
                class Meta:
                    model = User
                    fields = ["first_name", "last_name", "email"]
            """
        ),
        Valid(
            """
            class UserAdminForm(forms.ModelForm):
                class Meta:
                    model = User
                    fields = ["email", "is_staff", "groups"]
            """
        ),
        Valid(
            """
            class UserSerializer(serializers.ModelSerializer):
                class Meta:
                    model = User
                    fields = ["id", "username", "is_staff"]
                    read_only_fields = ["is_staff"]
            """
        ),
        Valid(
            """
            class MemberSerializer(serializers.ModelSerializer):
                class Meta:
                    model = Member
                    fields = ("id", "role")
                    extra_kwargs = {"role": {"read_only": True}}
            """
        ),
        Valid(
            """
            class UserChangeForm(forms.ModelForm):
                class Meta:
                    model = User
                    fields = "__all__"
            """
        ),
        Valid(
            """
            class Meta:
                fields = ["role"]
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            class ProfileForm(forms.ModelForm):
                class Meta:
                    model = User
                    fields = ["first_name", "last_name", "email", "is_staff"]
            """,
            line=4,
        ),
        Invalid(
            """
            class SignupSerializer(serializers.ModelSerializer):
                class Meta:
                    model = Account
                    fields = ["email", "password", "role"]
            """,
            line=4,
        ),
        Invalid(
            """
            EDITABLE = ("display_name", "groups")

            class SettingsForm(ModelForm):
                class Meta:
                    model = User
                    fields = EDITABLE
            """,
            line=6,
        ),
    ]

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        if node.name.value != "Meta" or len(self.ctx.class_stack) < 2:
            return
        owner = self.ctx.class_stack[-2]
        base_words: set[str] = set()
        for base in owner.bases:
            base_words |= node_words(self.ctx, base.value)
        if not base_words & _FORM_BASE_WORDS or not base_words & {
            "model",
            "modelform",
            "modelserializer",
            "hyperlinkedmodelserializer",
            "auto",
        }:
            return
        if set(identifier_words(owner.name.value)) & _READ_OR_ADMIN_WORDS:
            return
        fields_assign = None
        fields: list[str] = []
        protected: set[str] = set()
        for assign in nodes_in(node.body, cst.Assign):
            for target in assign.targets:
                if not isinstance(target.target, cst.Name):
                    continue
                name = target.target.value
                if name == "fields":
                    fields = literal_strings(self.ctx, assign.value) or []
                    fields_assign = assign
                elif name in {"read_only_fields", "dump_only", "exclude"}:
                    protected |= set(literal_strings(self.ctx, assign.value) or [])
                elif name == "extra_kwargs":
                    for key, value in (self.ctx.dict_items(assign.value) or {}).items():
                        items = self.ctx.dict_items(value) or {}
                        if self.ctx.bool_value(items.get("read_only")) is True:
                            protected.add(key)
        exposed = [f for f in fields if f in _PRIVILEGE_FIELDS and f not in protected]
        if fields_assign is None or not exposed:
            return
        serializer = bool(base_words & {"serializer", "modelserializer", "hyperlinkedmodelserializer", "schema"})
        kind = "serializer" if serializer else "form"
        highest = max((flag_rank(f) or 2) for f in exposed)
        self.report(
            fields_assign,
            f"`{owner.name.value}` lets the client write {', '.join(f'`{f}`' for f in exposed)}: whoever can submit this {kind} "
            f"chooses their own {'rights' if highest >= 2 else 'role'}.",
            fix="Remove privilege fields from user-facing forms and serializers (or mark them read-only); change them only in an "
            "administrator's view that checks the actor's rights.",
            severity=Severity.medium if serializer else None,
        )
