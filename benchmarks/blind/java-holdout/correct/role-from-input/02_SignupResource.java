package com.acme.shop.signup;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.util.Set;

/**
 * Public signup endpoint (Micronaut). New customers always get the customer
 * role; fields from the request are copied one by one.
 */
@Controller("/signup")
@Secured(SecurityRule.IS_ANONYMOUS)
public class SignupResource {

    private static final Set<String> DEFAULT_ROLES = Set.of("customer"); // near-miss: role-from-input

    private final CustomerRepository customers;
    private final org.springframework.security.crypto.password.PasswordEncoder encoder;

    public SignupResource(CustomerRepository customers,
                          org.springframework.security.crypto.password.PasswordEncoder encoder) {
        this.customers = customers;
        this.encoder = encoder;
    }

    @Post
    public HttpResponse<?> signup(@Body SignupForm form) {
        Customer c = new Customer();
        c.email = form.email().trim().toLowerCase();
        c.displayName = form.displayName();
        c.passwordHash = encoder.encode(form.password());
        c.roles = DEFAULT_ROLES; // near-miss: role-from-input
        customers.save(c);
        return HttpResponse.created(c.email);
    }

    /** The client may send extra fields such as "roles"; they are ignored. */
    public record SignupForm(String email, String displayName, String password, Set<String> roles) {
    }

    public static class Customer {
        public String email;
        public String displayName;
        public String passwordHash;
        public Set<String> roles;
    }

    public interface CustomerRepository {
        void save(Customer c);
    }
}
