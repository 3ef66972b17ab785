"""Long random blobs that merely contain a provider prefix, and low-entropy constants, are not secrets;
the same tokens standing on their own still are. All values are built at run time."""

from __future__ import annotations

import base64
import random
import string

import pytest
from idguard.guards.secrets import find_secrets, redact

KEY = b"test-installation-key"
ALNUM = string.ascii_letters + string.digits
PREFIXES = ["AI" + "za", "AT" + "BB", "EA" + "AB", "da" + "pi", "gh" + "p_", "sk" + "-proj-", "xo" + "xb-", "hv" + "s."]


def _token(rng: random.Random, prefix: str) -> str:
    if prefix == "da" + "pi":
        return prefix + "".join(rng.choices("0123456789abcdef", k=32))
    if prefix == "EA" + "AB":
        return prefix + "".join(rng.choices(ALNUM, k=90))
    return prefix + "".join(rng.choices(ALNUM, k=40 if prefix != "AI" + "za" else 35))


def _blob(rng: random.Random, size: int = 3000) -> str:
    return base64.b64encode(bytes(rng.randrange(256) for _ in range(size))).decode()


@pytest.mark.parametrize("prefix", PREFIXES)
def test_a_prefix_inside_a_base64_image_is_not_a_token(prefix: str):
    rng = random.Random(prefix)
    blob, token = _blob(rng), _token(rng, prefix)
    for embedded in (blob[:1500] + token + "+" + blob[1500:], blob[:1500] + "/" + token + "/" + blob[1500:]):
        for text in (f'<img src="data:image/png;base64,{embedded}">\n', f'{{"thumbnail": "{embedded}"}}\n'):
            assert find_secrets(text) == [], (prefix, [m.kind for m in find_secrets(text)])
            assert redact(text, KEY).redacted == text


@pytest.mark.parametrize("prefix", PREFIXES)
def test_the_same_token_standing_alone_is_still_redacted(prefix: str):
    rng = random.Random("alone" + prefix)
    token = _token(rng, prefix)
    for text in (
        f"TOKEN={token}\n",
        f'{{"value": "{token}"}}\n',
        f'"note": "first line\\n{token}"\n',  # after a JSON escape
        f"url?k=%22{token}%22\n",  # after a percent-escape
        f"https://example.com/v1/keys/{token}\n",  # a URL path segment
        f"use {token} here\n",
    ):
        assert token not in redact(text, KEY).redacted, text


@pytest.mark.parametrize(
    "text",
    [
        'NATIVE_TOKEN = "0x' + "e" * 40 + '"\n',
        "token: 0x" + "E" * 40 + "\n",
        '"tokenAddress": "0x' + "e" * 40 + '"\n',
        'private_key = "0x' + "f" * 64 + '"\n',
        'SECRET_KEY = "' + "ab" * 16 + '"\n',
        'api_token = "0x' + "dead" + "beef" * 9 + '"\n'.replace("dead", "beef"),
        'token = "0x' + ("de" + "adbeef") * 5 + '"\n',
        "ghp_" + "e" * 36 + "\n",
    ],
)
def test_low_entropy_constants_are_left_untouched(text: str):
    assert find_secrets(text) == []
    assert redact(text, KEY).redacted == text


def test_random_hex_under_a_credential_name_is_still_a_secret():
    rng = random.Random(7)
    value = "0x" + "".join(rng.choices("0123456789abcdef", k=64))
    text = f'private_key = "{value}"\n'
    assert value not in redact(text, KEY).redacted
