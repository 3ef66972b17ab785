package com.acme.ldap.sync;

import java.util.Locale;
import java.util.Set;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSession;

/**
 * Wraps the JDK default hostname verifier and additionally restricts the
 * directory sync to a fixed set of hosts.
 */
public class StrictHostnameVerifier implements HostnameVerifier {

    private final HostnameVerifier delegate = HttpsURLConnection.getDefaultHostnameVerifier();
    private final Set<String> allowedHosts;

    public StrictHostnameVerifier(Set<String> allowedHosts) {
        this.allowedHosts = Set.copyOf(allowedHosts);
    }

    @Override
    public boolean verify(String hostname, SSLSession session) { // near-miss: tls-verification-off
        if (hostname == null || !allowedHosts.contains(hostname.toLowerCase(Locale.ROOT))) {
            return false;
        }
        return delegate.verify(hostname, session); // near-miss: tls-verification-off
    }

    public static void installFor(HttpsURLConnection conn, Set<String> hosts) {
        conn.setHostnameVerifier(new StrictHostnameVerifier(hosts)); // near-miss: tls-verification-off
    }
}
