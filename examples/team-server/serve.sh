#!/usr/bin/env sh
# A shared idguard server for a team, over streamable HTTP behind a TLS-terminating proxy
# (the proxy forwards https://idguard.corp.example/mcp to port 8765, or $IDGUARD_PORT).
#
# - Binding beyond loopback requires a bearer token; without one the server refuses to start.
#   Make one with: python3 -c 'import secrets; print(secrets.token_urlsafe(32))' > /run/secrets/idguard_token
# - The Host header must name this server (DNS-rebinding protection): list the proxy's name.
# - IDGUARD_WORKSPACE is a checkout of the repository whose policy and reviews the server uses.
set -eu
: "${IDGUARD_WORKSPACE:=/srv/idguard/repo}"
: "${IDGUARD_TOKEN_FILE:=/run/secrets/idguard_token}"
export IDGUARD_HTTP_ALLOWED_HOSTS="${IDGUARD_HTTP_ALLOWED_HOSTS:-idguard.corp.example}"
exec idguard serve --transport http --host 0.0.0.0 --port "${IDGUARD_PORT:-8765}" --token-file "$IDGUARD_TOKEN_FILE" --workspace "$IDGUARD_WORKSPACE" --quiet
