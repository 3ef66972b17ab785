package com.example.community.web;

import org.springframework.beans.BeanUtils;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.example.community.users.User;
import com.example.community.users.UserDto;
import com.example.community.users.UserRepository;

/**
 * Lets signed-in members update their own profile.
 */
@RestController
@RequestMapping("/api/me")
public class UserProfileController {

    private final UserRepository users;

    public UserProfileController(UserRepository users) {
        this.users = users;
    }

    /** UserDto mirrors User: displayName, bio, avatarUrl, email, role. */
    @PutMapping
    public ResponseEntity<UserDto> update(@AuthenticationPrincipal Jwt jwt, @RequestBody UserDto dto) {
        User user = users.findBySubject(jwt.getSubject())
            .orElseThrow(() -> new IllegalStateException("Profile not provisioned"));
        BeanUtils.copyProperties(dto, user, "id", "subject", "createdAt"); // flaw: role-from-input
        User saved = users.save(user);
        return ResponseEntity.ok(UserDto.from(saved));
    }
}
