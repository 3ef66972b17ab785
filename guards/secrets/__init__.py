"""Secret detection and redaction.

`find_secrets(text)` returns where credentials are (kind and character span);
`redact(text, key)` replaces each whole value with a placeholder such as
`[[SECRET:github_token:1]]` (same value, same placeholder within one call) and
returns a keyed fingerprint instead of the value. Nothing here logs or stores
a raw value.
"""

from .detect import SecretMatch, find_secrets
from .redact import RedactionFinding, RedactionResult, fingerprint, redact

__all__ = ["SecretMatch", "find_secrets", "RedactionFinding", "RedactionResult", "fingerprint", "redact"]
