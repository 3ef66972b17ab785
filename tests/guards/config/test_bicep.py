"""Bicep read in the shape of its ARM template, and the Azure guards on it, line by line."""

from __future__ import annotations

import random

import pytest
from idguard.guards import check_code
from idguard.guards.config.support.bicep import parse_bicep
from idguard.guards.config.support.parse import ConfigParseError

PORTAL = """// A portal and its vault.
param location string = resourceGroup().location
param adminPassword string
@secure()
param clientSecret string

var ownerRoleId = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635'

resource portal 'Microsoft.Web/sites@2023-01-01' = {
  name: 'portal'
  location: location
  properties: {
    httpsOnly: true
    clientCertEnabled: false
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'kv-portal'
}

resource sessionKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'session-key'
  properties: {
    attributes: {
      enabled: true
    }
  }
}

resource owner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, ownerRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', ownerRoleId)
    principalId: 'p'
  }
}
"""


def test_resources_keep_type_body_and_lines():
    document = parse_bicep(PORTAL)
    types = [(str(r["type"]), r.line) for r in document["resources"]]
    assert types == [
        ("Microsoft.Web/sites", 9),
        ("Microsoft.KeyVault/vaults/secrets", 22),
        ("Microsoft.Authorization/roleAssignments", 32),
    ]  # the `existing` vault is a reference, not a deployment
    site = document["resources"][0]
    assert site["properties"]["clientCertEnabled"] is False
    assert site["properties"].line_of("clientCertEnabled") == 14
    assert document["parameters"]["clientSecret"]["secure"] is True
    assert document["parameters"]["adminPassword"]["secure"] is False


def test_literal_variables_are_substituted_into_expressions():
    (_, _, owner) = parse_bicep(PORTAL)["resources"]
    role = owner["properties"]["roleDefinitionId"]
    assert role.expr and "8e3af657-a8ff-443c-a75c-2fe8c4bcb635" in role


def test_target_scope_gives_the_subscription_schema():
    document = parse_bicep("targetScope = 'subscription'\n")
    assert "subscriptionDeploymentTemplate" in document["$schema"]


@pytest.mark.parametrize("broken", ["resource a 'T@1' = {\n  name: 'x'\n", "param p string = 'open\n"])
def test_broken_bicep_is_a_parse_error(broken):
    with pytest.raises(ConfigParseError):
        parse_bicep(broken)


def test_azure_guards_report_bicep_on_the_right_lines():
    result = check_code(PORTAL, path="infra/portal.bicep")
    found = {(f.line, f.guard_id) for f in result.findings if f.guard_id.startswith("IDG2")}
    assert result.language == "bicep"
    assert found == {
        (3, "IDG262"),  # adminPassword without @secure()
        (9, "IDG248"),  # no managed identity
        (14, "IDG252"),  # client certificates off
        (22, "IDG249"),  # secret without expiry
    }


def test_owner_at_subscription_scope_in_bicep():
    code = "targetScope = 'subscription'\n" + PORTAL.split("\n", 1)[1]
    found = [f for f in check_code(code, path="sub.bicep").findings if f.guard_id == "IDG244"]
    assert [f.line for f in found] == [35]  # the roleDefinitionId line


def test_mangled_bicep_fails_as_a_parse_error_only():
    """Cut and spliced Bicep never crashes or hangs the parser: it parses or raises ConfigParseError."""
    rng = random.Random(7)
    for _ in range(400):
        chars = list(PORTAL)
        for _ in range(rng.randint(1, 6)):
            position = rng.randrange(len(chars))
            if rng.random() < 0.5:
                del chars[position]
            else:
                chars.insert(position, rng.choice("{}[]()'\n:=,@/*$ x1"))
        try:
            parse_bicep("".join(chars))
        except ConfigParseError:
            pass


def test_secure_parameter_with_a_literal_default_is_found():
    code = "@secure()\nparam vmPassword string = 'hunter2-vm'\n@secure()\nparam apiKey string\n"
    assert [f.line for f in check_code(code, path="vm.bicep").findings if f.guard_id == "IDG262"] == [2]
