"""Names of the weaknesses and risks guards cite, and the References section built from a guard's metadata.

A guard declares its CWE ids, OWASP Non-Human Identities Top 10 risks, NIST CSF subcategories, URLs and
other sources (`see_also`) once, in its `GuardMeta`; `idguard guards explain`, the README catalogue and
SARIF help all render them from there, so a docstring never repeats them.
"""

from __future__ import annotations

from .models import GuardMeta

# https://cwe.mitre.org/ : the weakness names of every CWE a built-in guard cites.
CWE_TITLES = {
    "CWE-20": "Improper Input Validation",
    "CWE-183": "Permissive List of Allowed Inputs",
    "CWE-200": "Exposure of Sensitive Information to an Unauthorized Actor",
    "CWE-208": "Observable Timing Discrepancy",
    "CWE-209": "Generation of Error Message Containing Sensitive Information",
    "CWE-250": "Execution with Unnecessary Privileges",
    "CWE-252": "Unchecked Return Value",
    "CWE-256": "Plaintext Storage of a Password",
    "CWE-258": "Empty Password in Configuration File",
    "CWE-259": "Use of Hard-coded Password",
    "CWE-262": "Not Using Password Aging",
    "CWE-266": "Incorrect Privilege Assignment",
    "CWE-269": "Improper Privilege Management",
    "CWE-276": "Incorrect Default Permissions",
    "CWE-284": "Improper Access Control",
    "CWE-285": "Improper Authorization",
    "CWE-287": "Improper Authentication",
    "CWE-288": "Authentication Bypass Using an Alternate Path or Channel",
    "CWE-290": "Authentication Bypass by Spoofing",
    "CWE-294": "Authentication Bypass by Capture-replay",
    "CWE-295": "Improper Certificate Validation",
    "CWE-297": "Improper Validation of Certificate with Host Mismatch",
    "CWE-306": "Missing Authentication for Critical Function",
    "CWE-309": "Use of Password System for Primary Authentication",
    "CWE-312": "Cleartext Storage of Sensitive Information",
    "CWE-319": "Cleartext Transmission of Sensitive Information",
    "CWE-321": "Use of Hard-coded Cryptographic Key",
    "CWE-322": "Key Exchange without Entity Authentication",
    "CWE-324": "Use of a Key Past its Expiration Date",
    "CWE-326": "Inadequate Encryption Strength",
    "CWE-327": "Use of a Broken or Risky Cryptographic Algorithm",
    "CWE-328": "Use of Weak Hash",
    "CWE-330": "Use of Insufficiently Random Values",
    "CWE-338": "Use of Cryptographically Weak PRNG",
    "CWE-345": "Insufficient Verification of Data Authenticity",
    "CWE-346": "Origin Validation Error",
    "CWE-347": "Improper Verification of Cryptographic Signature",
    "CWE-352": "Cross-Site Request Forgery",
    "CWE-359": "Exposure of Private Personal Information to an Unauthorized Actor",
    "CWE-390": "Detection of Error Condition Without Action",
    "CWE-441": "Unintended Proxy or Intermediary ('Confused Deputy')",
    "CWE-459": "Incomplete Cleanup",
    "CWE-489": "Active Debug Code",
    "CWE-521": "Weak Password Requirements",
    "CWE-522": "Insufficiently Protected Credentials",
    "CWE-523": "Unprotected Transport of Credentials",
    "CWE-532": "Insertion of Sensitive Information into Log File",
    "CWE-601": "URL Redirection to Untrusted Site ('Open Redirect')",
    "CWE-613": "Insufficient Session Expiration",
    "CWE-614": "Sensitive Cookie in HTTPS Session Without 'Secure' Attribute",
    "CWE-636": "Not Failing Securely ('Failing Open')",
    "CWE-639": "Authorization Bypass Through User-Controlled Key",
    "CWE-672": "Operation on a Resource after Expiration or Release",
    "CWE-732": "Incorrect Permission Assignment for Critical Resource",
    "CWE-755": "Improper Handling of Exceptional Conditions",
    "CWE-757": "Selection of Less-Secure Algorithm During Negotiation ('Algorithm Downgrade')",
    "CWE-759": "Use of a One-Way Hash without a Salt",
    "CWE-798": "Use of Hard-coded Credentials",
    "CWE-862": "Missing Authorization",
    "CWE-863": "Incorrect Authorization",
    "CWE-915": "Improperly Controlled Modification of Dynamically-Determined Object Attributes",
    "CWE-916": "Use of Password Hash With Insufficient Computational Effort",
    "CWE-918": "Server-Side Request Forgery (SSRF)",
    "CWE-922": "Insecure Storage of Sensitive Information",
    "CWE-942": "Permissive Cross-domain Policy with Untrusted Domains",
    "CWE-1004": "Sensitive Cookie Without 'HttpOnly' Flag",
    "CWE-1078": "Inappropriate Source Code Style or Formatting",
    "CWE-1188": "Insecure Default Initialization of Resource",
    "CWE-1220": "Insufficient Granularity of Access Control",
    "CWE-1275": "Sensitive Cookie with Improper SameSite Attribute",
    "CWE-1390": "Weak Authentication",
    "CWE-1393": "Use of Default Password",
}

# OWASP Non-Human Identities Top 10 (2025): https://owasp.org/www-project-non-human-identities-top-10/
NHI_TITLES = {
    "NHI1": "Improper Offboarding",
    "NHI2": "Secret Leakage",
    "NHI3": "Vulnerable Third-Party NHI",
    "NHI4": "Insecure Authentication",
    "NHI5": "Overprivileged NHI",
    "NHI6": "Insecure Cloud Deployment Configurations",
    "NHI7": "Long-Lived Secrets",
    "NHI8": "Environment Isolation",
    "NHI9": "NHI Reuse",
    "NHI10": "Human Use of NHI",
}


def render_references(meta: GuardMeta) -> str:
    """The References section: each CWE and NHI risk with its name, the NIST CSF subcategories, then the
    other sources and URLs, separated by semicolons."""
    items = [f"{cwe} {CWE_TITLES[cwe]}" if cwe in CWE_TITLES else cwe for cwe in meta.cwe]
    items += [f"OWASP {nhi} {NHI_TITLES[nhi]}" if nhi in NHI_TITLES else f"OWASP {nhi}" for nhi in meta.owasp_nhi]
    items += [f"NIST CSF 2.0 {sub}" for sub in meta.nist_csf]
    items += list(meta.see_also) + list(meta.urls)
    return "; ".join(items) + "." if items else ""
