"""The CI gate: every change since the base checked, tagged and approved; SARIF; test evidence."""
