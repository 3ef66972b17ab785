"""Config guards never crash on odd but well-formed documents (a crash would block as IDG000)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from idguard.guards import check_code, load_guards
from idguard.guards.config.support.guard import ConfigContext, ConfigGuard
from idguard.guards.config.support.parse import parse_config
from idguard.guards.languages import detect_language
from idguard.guards.policy import DEFAULT_POLICY

# Keys and values the guards look at, so generated documents reach their code paths.
KEYS = st.sampled_from(
    [
        "Statement",
        "Effect",
        "Action",
        "NotAction",
        "Resource",
        "NotResource",
        "Principal",
        "NotPrincipal",
        "Condition",
        "AWS",
        "Federated",
        "kind",
        "apiVersion",
        "rules",
        "verbs",
        "resources",
        "apiGroups",
        "subjects",
        "roleRef",
        "name",
        "metadata",
        "role",
        "members",
        "type",
        "properties",
        "permissions",
        "actions",
        "AssignableScopes",
        "MaxSessionDuration",
        "automountServiceAccountToken",
        "items",
    ]
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 100_000),
    st.sampled_from(
        [
            "Allow",
            "Deny",
            "*",
            "iam:*",
            "iam:PassRole",
            "lambda:CreateFunction",
            "sts:AssumeRole",
            "ClusterRole",
            "RoleBinding",
            "List",
            "cluster-admin",
            "system:anonymous",
            "secrets",
            "allUsers",
            "roles/owner",
            "AWS::IAM::AccessKey",
            "token.actions.githubusercontent.com:sub",
            "repo:*",
            "ServiceAccount",
            "default",
        ]
    ),
)
DOCUMENTS = st.recursive(
    SCALARS,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(KEYS, children, max_size=5)),
    max_leaves=25,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENTS)
def test_guards_survive_any_json_or_yaml_shape(document):
    for text, path in ((json.dumps(document), "iam/doc.json"), (yaml.safe_dump(document), "rbac/doc.yaml")):
        result = check_code(text, path=path)
        crashed = [f.message for f in result.findings if f.guard_id == "IDG000"]
        assert crashed == [], crashed


ODD_SHAPES = Path(__file__).resolve().parents[2] / "fixtures" / "config" / "odd_shapes"


@pytest.mark.parametrize("path", sorted(ODD_SHAPES.iterdir()), ids=lambda p: p.name)
def test_every_guard_survives_wrongly_shaped_blocks(path):
    # Each guard is run directly: the engine keeps one IDG000 per line, which would hide a second crash.
    text = path.read_text(encoding="utf-8")
    language = detect_language(path.name)
    ctx = ConfigContext(text, path.name, language, DEFAULT_POLICY, parse_config(text, language))
    for guard in load_guards().values():
        if issubclass(guard, ConfigGuard) and language in guard.languages:
            guard().check_config(ctx)
