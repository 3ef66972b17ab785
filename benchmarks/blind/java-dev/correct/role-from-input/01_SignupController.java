package com.example.community.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;

import com.example.community.users.Role;
import com.example.community.users.SignupRequest;
import com.example.community.users.User;
import com.example.community.users.UserRepository;

/**
 * Public self-service sign-up. New users always start as regular members.
 */
@RestController
public class SignupController {

    private final UserRepository users;
    private final PasswordEncoder encoder;

    public SignupController(UserRepository users, PasswordEncoder encoder) {
        this.users = users;
        this.encoder = encoder;
    }

    @PostMapping("/api/signup")
    public ResponseEntity<Void> signup(@Valid @RequestBody SignupRequest body) {
        User user = new User();
        user.setEmail(body.email().trim().toLowerCase());
        user.setDisplayName(body.displayName());
        user.setPasswordHash(encoder.encode(body.password()));
        user.setRole(Role.MEMBER); // near-miss: role-from-input
        users.save(user);
        return ResponseEntity.status(HttpStatus.CREATED).build();
    }
}
