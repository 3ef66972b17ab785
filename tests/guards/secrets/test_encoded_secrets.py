"""A secret in another encoding is still found, and its placeholder replaces exactly the encoded characters;
ordinary text in the same encodings stays as it was.

Each test builds its secret at run time (a prefix plus random characters, or a key made by the real
ssh-keygen); none is committed. "Leaked" means a 12-character run of the secret's core in the redacted
text read back through the standard library's own decoder for that encoding (so a secret cannot hide
behind the encoding it was written in), or in the redacted text as it is.
"""

from __future__ import annotations

import base64
import codecs
import html
import json
import random
import re
import string
import subprocess
import sys
import unicodedata
import urllib.parse
from pathlib import Path

import pytest
from idguard.guards.secrets import find_secrets, redact

KEY = b"test-installation-key"
ALNUM = string.ascii_letters + string.digits


def _random(n: int, seed: object, alphabet: str = ALNUM) -> str:
    rng = random.Random(str(seed))
    while True:
        value = "".join(rng.choices(alphabet, k=n))
        if any(c.isdigit() for c in value) and any(c.isupper() for c in value) and any(c.islower() for c in value):
            return value


def _token(seed: object) -> str:
    return "gh" + "p_" + _random(36, seed)


def _password(seed: object) -> str:
    return _random(14, seed) + "#" + _random(5, (seed, 2))


def _leaks(core: str, redacted: str, *decoders) -> list[str]:
    views = [redacted] + [decode(redacted) for decode in decoders]
    runs = {core[i : i + 12] for i in range(len(core) - 11)}
    return sorted(run for run in runs for view in views if run in view)


def _redacted(text: str) -> str:
    result = redact(text, KEY)
    assert result.findings, text
    return result.redacted


def _unchanged(text: str) -> None:
    assert find_secrets(text) == [], [(m.kind, text[m.start : m.end]) for m in find_secrets(text)]
    assert redact(text, KEY).redacted == text


def _js_unescape(text: str) -> str:
    return codecs.decode(text.replace("\\/", "/").replace('\\"', '"'), "unicode_escape")


# ---- percent-encoding -------------------------------------------------------------------------------


def test_a_percent_encoded_token_in_a_url_is_redacted_whole():
    token = _token("pct")
    encoded = "".join(f"%{ord(c):02X}" for c in token)
    text = f"GET https://api.example.com/v1/repos?access={encoded}&page=2 HTTP/1.1\n"
    redacted = _redacted(text)
    assert not _leaks(token, redacted, urllib.parse.unquote)
    assert redacted.startswith("GET https://api.example.com/v1/repos?access=[[SECRET:github_token:1]]&page=2 ")


def test_a_percent_encoded_password_in_a_form_body_is_redacted():
    password = _password("form") + "+/="
    text = "POST /login\n\nusername=alice&password=" + urllib.parse.quote(password, safe="") + "&remember=1\n"
    redacted = _redacted(text)
    assert not _leaks(password, redacted, urllib.parse.unquote)
    assert "username=alice&password=[[SECRET:password:1]]&remember=1" in redacted


def test_an_ordinary_percent_encoded_url_is_unchanged():
    _unchanged("see https://www.example.com/search?q=hello%20world%21&lang=en%2DGB&path=%2Fdocs%2Findex.html\n")
    _unchanged("curl 'https://example.org/a%2Bb?redirect=https%3A%2F%2Fexample.org%2Fhome%3Fx%3D1'\n")


# ---- HTML entities -------------------------------------------------------------------------------------


def test_a_token_written_as_html_entities_is_redacted():
    token = _token("html")
    hexed = "".join(f"&#x{ord(c):x};" for c in token)
    decimal = "".join(f"&#{ord(c)};" for c in token)
    for text in (f"<p>Your token: <code>{hexed}</code></p>\n", f"<td>{decimal}</td>\n"):
        redacted = _redacted(text)
        assert not _leaks(token, redacted, html.unescape)
        assert "&#" not in redacted.split("[[SECRET:")[1], redacted  # no half entity left behind


def test_an_amp_escaped_query_string_in_html_is_redacted():
    password = _password("amp")
    text = f'<a href="https://example.com/cb?user=alice&amp;password={password}&amp;next=%2F">login</a>\n'
    redacted = _redacted(text)
    assert not _leaks(password, redacted, html.unescape)
    assert "&amp;next=%2F" in redacted


def test_an_html_page_with_entities_is_unchanged():
    _unchanged(
        "<html><body><h1>Tom &amp; Jerry&trade;</h1><p>caf&eacute; &lt;3 &copy; 2024 &#x41;&#x42;&#x43; "
        "&#8212; the token &quot;refresh&quot; expires after 3600 seconds&hellip;</p></body></html>\n"
    )


# ---- JSON / JS string escapes ---------------------------------------------------------------------------


def test_unicode_and_hex_escapes_of_a_token_are_redacted():
    token = _token("escapes")
    unicode_escaped = "".join(f"\\u{ord(c):04x}" for c in token)
    hex_escaped = "".join(f"\\x{ord(c):02x}" for c in token)
    for text in (f'{{"note": "{unicode_escaped}"}}\n', f"const t = '{hex_escaped}';\n"):
        redacted = _redacted(text)
        assert not _leaks(token, redacted, _js_unescape)
        assert re.search(r"\\[ux]", redacted) is None, redacted  # the escapes went with the token


def test_a_password_with_an_escaped_slash_is_redacted_whole():
    password = _password("slash")
    escaped = password[:6] + "\\/" + password[6:]
    text = json.dumps({"user": "alice"})[:-1] + f', "password": "{escaped}"}}\n'
    redacted = _redacted(text)
    assert not _leaks(password[:6] + "/" + password[6:], redacted, _js_unescape)
    assert json.loads(redacted) == {"user": "alice", "password": "[[SECRET:password:1]]"}


def test_escaped_json_inside_a_json_string_is_redacted():
    password = _password("nested")
    for text in (
        json.dumps({"payload": json.dumps({"user": "alice", "password": password})}) + "\n",
        json.dumps({"outer": json.dumps({"payload": json.dumps({"password": password})})}) + "\n",  # twice
    ):
        redacted = _redacted(text)
        assert not _leaks(password, redacted), redacted
        parsed = json.loads(redacted)  # still valid JSON: only the value went
        assert "[[SECRET:password:1]]" in json.dumps(parsed)


def test_a_json_file_with_escaped_plain_words_is_unchanged():
    words = {
        "title": "Caf\u00e9 na\u00efve r\u00e9sum\u00e9",
        "path": "a/b/c",
        "quote": 'he said "hi"',
        "token_type": "Bearer",
        "note": "password reset link sent",
        "html": "<b>bold</b>",
    }
    _unchanged(json.dumps(words, ensure_ascii=True) + "\n")
    _unchanged(json.dumps({"escaped": json.dumps(words)}).replace("/", "\\/") + "\n")
    _unchanged('const label = "\\u0048\\u0065\\u006c\\u006c\\u006f, world\\x21";\n')


# ---- zero-width characters and compatibility forms --------------------------------------------------------


@pytest.mark.parametrize("mark", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"])
def test_zero_width_characters_inside_a_token_do_not_hide_it(mark: str):
    token = _token(("zw", mark))
    text = f"deploy with {token[:9]}{mark}{token[9:20]}{mark}{token[20:]} please\n"
    redacted = _redacted(text)
    assert not _leaks(token, redacted, lambda t: t.replace(mark, ""))
    assert redacted == "deploy with [[SECRET:github_token:1]] please\n"


def test_a_fullwidth_token_is_redacted():
    token = _token("wide")
    wide = "".join(chr(ord(c) + 0xFEE0) if c.isalnum() or c == "_" else c for c in token)
    text = f"token = {wide}\n"
    redacted = _redacted(text)
    assert not _leaks(token, redacted, lambda t: unicodedata.normalize("NFKC", t))
    assert re.fullmatch(r"token = \[\[SECRET:\w+:1\]\]\n", redacted), redacted  # the whole value, once


def test_ordinary_unicode_text_is_unchanged():
    _unchanged("Ｔｈｅ ｑｕｉｃｋ ｂｒｏｗｎ ｆｏｘ ① ½ ﬁnance — naïve café, 東京 ２０２４年\u200b\n")
    _unchanged("\ufeffname,value\nalpha,1\n")


# ---- split secrets ------------------------------------------------------------------------------------------


def test_a_token_split_by_a_line_continuation_is_redacted():
    token = _token("continuation")
    for text in (f'TOKEN="{token[:20]}\\\n{token[20:]}"\n', f"export GH_TOKEN={token[:15]}\\\n    {token[15:]}\n"):
        redacted = _redacted(text)
        assert not _leaks(token, redacted, lambda t: re.sub(r"\\\n[ \t]*", "", t))
        assert redacted.count("\n") == text.count("\n")


@pytest.mark.parametrize(
    "template",
    [
        't = "{a}" "{b}"\n',  # Python / C implicit concatenation
        "t = '{a}' + '{b}';\n",  # JS / Python
        'token = ("{a}"\n         "{b}")\n',  # over two lines
        'const t = "{a}" +\n    "{b}";\n',
    ],
)
def test_a_token_split_across_string_literals_is_redacted(template: str):
    token = _token(template)
    for cut in (4, 17):
        text = template.format(a=token[:cut], b=token[cut:])
        redacted = _redacted(text)
        assert not _leaks(token, redacted, lambda t: re.sub(r"[\"'][ \t]*\+?[ \t]*\n?[ \t]*\+?[ \t]*[\"']", "", t))


def test_a_password_split_across_literals_is_redacted_whole():
    password = _password("plus")
    text = f'DB_PASSWORD = "{password[:8]}" + "{password[8:]}"\n'
    redacted = _redacted(text)
    assert redacted == 'DB_PASSWORD = "[[SECRET:password:1]]"\n'


def test_a_token_wrapped_over_two_lines_is_redacted():
    token = _token("wrapped")
    for text in (f"here is my token:\n{token[:20]}\n{token[20:]}\nthanks\n", f"GH={token[:25]}\r\n{token[25:]}\r\n"):
        redacted = _redacted(text)
        assert not _leaks(token, redacted, lambda t: re.sub(r"\r?\n", "", t))
        assert redacted.count("\n") == text.count("\n")


def test_ordinary_split_strings_and_lines_are_unchanged():
    _unchanged('msg = "Hello, " + name + "!"\nlabel = "abc" "def"\nparts = ["a", "b"] + ["c"]\n')
    _unchanged("build_id: 20240101abcdef12\nstatus\nrelease v2.3.4-rc1\nnotes\n")
    _unchanged('query = ("SELECT id, name "\n         "FROM users WHERE active")\n')


# ---- a PEM body without its header ---------------------------------------------------------------------


def _ssh_key(tmp_path: Path, kind: str, key_format: str) -> str:
    path = tmp_path / f"id_{kind}_{key_format}"
    subprocess.run(
        ["ssh-keygen", "-q", "-t", kind, "-N", "", "-m", key_format, "-f", str(path), "-C", "test"],
        check=True,
        capture_output=True,
    )
    return path.read_text()


def _body(pem: str) -> list[str]:
    return [line for line in pem.splitlines() if line and not line.startswith("-----")]


@pytest.mark.parametrize(
    ("kind", "key_format"), [("rsa", "PEM"), ("rsa", "PKCS8"), ("ecdsa", "PEM"), ("ed25519", "RFC4716")]
)
def test_a_private_key_body_without_its_header_is_redacted(tmp_path: Path, kind: str, key_format: str):
    body = _body(_ssh_key(tmp_path, kind, key_format))
    core = "".join(body)
    for text in (
        "my key:\n" + "\n".join(body) + "\nthanks\n",  # wrapped lines
        "PRIVATE_KEY_B64=" + core + "\n",  # one line
        json.dumps({"key_body": "\n".join(body)}) + "\n",  # JSON-escaped line breaks
    ):
        redacted = _redacted(text)
        assert not _leaks(core, redacted.replace("\n", "").replace("\\n", "")), (kind, key_format, redacted[:200])
        assert redacted.count("\n") == text.count("\n")


def test_public_keys_certificates_and_images_without_headers_are_unchanged(tmp_path: Path):
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "example.com")])
    now = datetime.datetime(2024, 1, 1)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    certificate = _body(cert.public_bytes(serialization.Encoding.PEM).decode())
    public = _body(
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    rng = random.Random(5)
    image = base64.b64encode(b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(600))).decode()
    _unchanged("certificate:\n" + "\n".join(certificate) + "\npublic:\n" + "\n".join(public) + "\n")
    _unchanged('{"cert": "' + "".join(certificate) + '", "icon": "data:image/png;base64,' + image + '"}\n')


# ---- base64 of Basic credentials ---------------------------------------------------------------------------


def _basic(user: str, password: str) -> str:
    return base64.b64encode(f"{user}:{password}".encode()).decode()


def test_basic_credentials_with_a_real_password_are_redacted():
    password = _password("basic")
    value = _basic("deploy", password)
    for text in (
        f"Authorization: Basic {value}\n",
        f"curl -H 'Authorization: Basic {value}' https://api.example.com\n",
        f'headers = {{"Proxy-Authorization": "Basic {value}"}}\n',
        f'req.set("X-Upstream", "Basic {value}")\n',  # no Authorization word: the decoded password decides
    ):
        redacted = _redacted(text)
        assert not _leaks(value, redacted), text
        assert not _leaks(
            password,
            redacted,
            lambda t: "".join(
                base64.b64decode(m).decode("latin-1")
                for m in re.findall(r"[A-Za-z0-9+/]{8,}={0,2}", t)
                if len(m) % 4 == 0
            ),
        )


@pytest.mark.parametrize("password", ["", "password", "<password>", "${API_PASSWORD}", "changeme", "xxxxxxxx"])
def test_basic_credentials_without_a_real_password_are_unchanged(password: str):
    value = _basic("user", password)
    _unchanged(f"Authorization: Basic {value}\n")
    _unchanged(f'fetch(url, {{headers: {{"X-Upstream": "Basic {value}"}}}})\n')


# ---- as users meet it: the real CLI ---------------------------------------------------------------------------

IDGUARD = str(Path(sys.executable).with_name("idguard"))


def _cli(cwd: Path, *args: str, input: str | None = None) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(cwd / "home"), "IDGUARD_HOOK_SERVER": "0", "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run([IDGUARD, *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=120, input=input)


def test_check_blocks_a_token_in_code_written_as_escapes_or_split_literals(tmp_path: Path):
    subprocess.run(["git", "init", "-q", "-b", "main", str(tmp_path)], check=True)
    token = _token("cli")
    escaped = "".join(f"\\x{ord(c):02x}" for c in token)
    (tmp_path / "split.py").write_text(f'def client():\n    return connect("{token[:15]}" + "{token[15:]}")\n')
    (tmp_path / "escaped.py").write_text(f'BANNER = "{escaped}"\n')
    (tmp_path / "plain.py").write_text('MSG = "Hello, " + "world"\nLABEL = "\\x41\\x42\\x43 \\u00e9t\\u00e9"\n')
    for name in ("split.py", "escaped.py"):
        proc = _cli(tmp_path, "check", name)
        assert proc.returncode == 1 and "IDG001" in proc.stdout and "github token" in proc.stdout, proc.stdout
        assert not _leaks(token, proc.stdout + proc.stderr)
    proc = _cli(tmp_path, "check", "plain.py")
    assert proc.returncode == 0 and "0 findings" in proc.stdout, proc.stdout


def test_redact_command_replaces_escaped_json_and_entities(tmp_path: Path):
    password, token = _password("cli-redact"), _token("cli-redact")
    prompt = (
        json.dumps({"payload": json.dumps({"password": password})})
        + "\n"
        + "<code>"
        + "".join(f"&#{ord(c)};" for c in token)
        + "</code>\n"
    )
    proc = _cli(tmp_path, "redact", input=prompt)
    assert proc.returncode == 0, proc.stderr
    assert not _leaks(password, proc.stdout) and not _leaks(token, proc.stdout, html.unescape)
    assert "[[SECRET:password:1]]" in proc.stdout and "[[SECRET:github_token:1]]" in proc.stdout
