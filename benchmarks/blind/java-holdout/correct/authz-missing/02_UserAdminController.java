package com.acme.store.admin;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * User administration. Every mutating method carries its own
 * {@code @PreAuthorize}; the class-level rule covers reads.
 */
@RestController
@RequestMapping("/admin/users")
@PreAuthorize("hasRole('ADMIN')")
public class UserAdminController {

    private final UserAdministration admin;

    public UserAdminController(UserAdministration admin) {
        this.admin = admin;
    }

    @GetMapping("/{id}")
    public ResponseEntity<UserAdministration.UserSummary> get(@PathVariable String id) { // near-miss: authz-missing
        return ResponseEntity.of(admin.find(id));
    }

    @PostMapping("/{id}/keys/rotate")
    @PreAuthorize("hasRole('ADMIN') and hasAuthority('SCOPE_keys:rotate')")
    public ResponseEntity<Void> rotateKeys(@PathVariable String id) {
        admin.rotateKeys(id);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{id}")
    @PreAuthorize("hasRole('SUPER_ADMIN')")
    public ResponseEntity<Void> delete(@PathVariable String id) {
        admin.delete(id);
        return ResponseEntity.noContent().build();
    }

    public interface UserAdministration {
        java.util.Optional<UserSummary> find(String id);
        void rotateKeys(String id);
        void delete(String id);

        record UserSummary(String id, String email, boolean enabled) {
        }
    }
}
