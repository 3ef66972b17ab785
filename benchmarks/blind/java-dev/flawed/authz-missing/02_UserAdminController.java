package com.example.backoffice.users;

import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Administrative user management. Method security is enabled globally with @EnableMethodSecurity.
 */
@RestController
@RequestMapping("/api/users")
public class UserAdminController {

    public record RoleUpdate(List<String> roles) {
    }

    private final UserAdminService service;

    public UserAdminController(UserAdminService service) {
        this.service = service;
    }

    @GetMapping
    @PreAuthorize("hasRole('ADMIN')")
    public List<UserAdminService.UserSummary> list() {
        return service.listUsers();
    }

    @PostMapping("/{id}/roles")
    public ResponseEntity<Void> setRoles(@PathVariable String id, @RequestBody RoleUpdate update) { // flaw: authz-missing
        service.replaceRoles(id, update.roles());
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{id}")
    @PreAuthorize("hasRole('ADMIN') or #debug == 'true'") // flaw: authz-missing
    public ResponseEntity<Void> delete(@PathVariable String id,
                                       @RequestHeader(name = "X-Debug", defaultValue = "false") String debug) {
        service.deleteUser(id);
        return ResponseEntity.noContent().build();
    }

    public interface UserAdminService {
        record UserSummary(String id, String email, List<String> roles) {
        }

        List<UserSummary> listUsers();

        void replaceRoles(String id, List<String> roles);

        void deleteUser(String id);
    }
}
