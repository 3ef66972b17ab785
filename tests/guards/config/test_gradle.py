"""Gradle build scripts: literal repository and signing credentials, line by line."""

from __future__ import annotations

from idguard.guards import check_code

BUILD = """plugins {
    id 'maven-publish'
}

def repoToken = providers.environmentVariable('REPO_TOKEN')

repositories {
    maven {
        url = 'https://maven.example.org/internal'
        credentials {
            username = 'ci-publisher'
            password = 'not-a-real-pw-1'
        }
    }
    maven {
        url = 'https://maven.example.org/mirror'
        credentials {
            username = repoUser.getOrElse('')
            password = repoToken.getOrElse('')
        }
    }
}

publishing {
    repositories {
        maven {
            credentials {
                password = project.findProperty('releasePassword') ?: 'fallback-pass-2'
            }
        }
        maven {
            name = 'releases'
            credentials(PasswordCredentials)
        }
    }
}

ext['signing.password'] = 'fixture-signing-3'
ext['signing.keyId'] = '24875D73'
"""


def test_literal_credentials_and_fallbacks_are_found_on_their_lines():
    result = check_code(BUILD, path="build.gradle")
    assert result.language == "gradle"
    assert sorted(f.line for f in result.findings if f.guard_id == "IDG263") == [12, 28, 38]


def test_messages_never_echo_the_value():
    for finding in check_code(BUILD, path="build.gradle").findings:
        assert "not-a-real-pw-1" not in finding.message and "fallback-pass-2" not in finding.message
