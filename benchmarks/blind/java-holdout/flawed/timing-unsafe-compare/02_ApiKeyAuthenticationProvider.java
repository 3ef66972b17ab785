package com.acme.metrics.security;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Authenticates metrics ingestion agents by API key. Keys are stored as
 * HMAC digests keyed with a server-side pepper.
 */
@Component
public class ApiKeyAuthenticationProvider implements AuthenticationProvider {

    private final AgentKeyRepository repository;
    private final KeyDigester digester;

    public ApiKeyAuthenticationProvider(AgentKeyRepository repository, KeyDigester digester) {
        this.repository = repository;
        this.digester = digester;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String agentId = authentication.getName();
        String presented = String.valueOf(authentication.getCredentials());
        AgentKeyRepository.AgentKey stored = repository.find(agentId)
                .orElseThrow(() -> new BadCredentialsException("unknown agent"));
        byte[] expected = Base64.getDecoder().decode(stored.digestB64());
        byte[] actual = digester.digest(presented);
        if (!Arrays.equals(expected, actual)) { // flaw: timing-unsafe-compare
            throw new BadCredentialsException("invalid key");
        }
        if (stored.previousKey() != null && stored.previousKey() == presented) { // flaw: timing-unsafe-compare
            throw new BadCredentialsException("rotated key");
        }
        return new UsernamePasswordAuthenticationToken(agentId, null,
                List.of(new SimpleGrantedAuthority("ROLE_AGENT")));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    public interface KeyDigester {
        byte[] digest(String apiKey);
    }

    public interface AgentKeyRepository {
        java.util.Optional<AgentKey> find(String agentId);

        record AgentKey(String agentId, String digestB64, String previousKey) {
        }
    }
}
