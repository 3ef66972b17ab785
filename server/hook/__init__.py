"""IDE hooks: decide an assistant's writes, prompts and shell commands, in-process or in a warm server.

Hooks run on every edit: modules here import only the standard library at the top.
"""
