"""Redaction replaces values, never the structure around them: keys, tags and attribute names survive.

Secret values are built at run time; none is committed.
"""

from __future__ import annotations

import json
import random
import string

import pytest
from idguard.guards.secrets import find_secrets, redact

KEY = b"test-installation-key"


def _password(seed: int = 0, length: int = 20) -> str:
    rng = random.Random(seed)
    return "".join(rng.choices(string.ascii_letters + string.digits, k=length))


def test_audit_entry_keeps_its_keys_and_loses_only_the_value():
    value = _password(1)
    text = json.dumps({"problems": ["hardcoded password"], "password": value})
    redacted = redact(text, KEY).redacted
    parsed = json.loads(redacted)
    assert set(parsed) == {"problems", "password"}
    assert parsed["problems"] == ["hardcoded password"]
    assert parsed["password"] == "[[SECRET:password:1]]"
    assert value not in redacted


@pytest.mark.parametrize(
    "template",
    [
        '{{"pass": "problems", "problems": [1, 2]}}',  # a word that is a password here is a key there
        '{{"pass": "problems", "problems_count": 2}}',
        'pass: problems\nentry = "{{\\"problems\\": []}}"\n',  # JSON inside a JSON string
        "{{'pass': 'problems', 'problems': []}}",  # a Python dict
        "{{pass: 'problems', problems: []}}",  # a JS object literal
        "pass: problems\nproblems:\n  - one\n",  # YAML
        "pass: problems\n- problems: 1\n",
        "pass=problems\nproblems = 3\n",  # env / INI
        "<pass>problems</pass>\n<problems>none</problems>\n<problems/>\n",  # XML
        '<add pass="problems"/>\n<add problems="x"/>\n',
    ],
)
def test_a_detected_word_is_not_replaced_where_it_names_a_field(template: str):
    text = template.format()
    redacted = redact(text, KEY).redacted
    # The value after `pass` is replaced (a plain word can be a password) ...
    assert "[[SECRET:password:1]]" in redacted
    # ... but every other occurrence is structure and stays.
    assert redacted.count("problems") == text.count("problems") - 1, redacted


def test_every_key_of_a_nested_document_survives():
    value = _password(2)
    document = {
        "problems": [{"guard": "hardcoded_secret", "line": 3}],
        "details": {"password": value, "token": value, "note": "rotated"},
        value[:6] + "_field": 1,
    }
    for text in (json.dumps(document), json.dumps(document, indent=2)):
        redacted = redact(text, KEY).redacted
        parsed = json.loads(redacted)
        assert set(parsed) == set(document)
        assert set(parsed["details"]) == {"password", "token", "note"}
        assert value not in redacted
        assert parsed["details"]["note"] == "rotated"


def test_copies_of_a_secret_in_values_are_still_replaced():
    value = _password(3)
    text = json.dumps({"password": value, "note": f"see {value}", "list": [value]}) + f"\nlog: {value}\n"
    redacted = redact(text, KEY).redacted
    assert value not in redacted
    assert redacted.count("[[SECRET:password:1]]") == 4


def test_a_random_value_never_becomes_a_key_finding():
    value = _password(4, 32)
    text = json.dumps({value: "owner"}) + "\n" + f"{value}: owner\n<{value}>x</{value}>\n"
    assert find_secrets(text) == []


def test_provider_tokens_used_as_keys_are_still_redacted():
    # A provider-format token is a credential wherever it appears, even as a map key: fail closed.
    token = "gh" + "p_" + _password(5, 36)
    text = json.dumps({"tokens": {token: "ci"}})
    redacted = redact(text, KEY).redacted
    assert token not in redacted and '"tokens"' in redacted
