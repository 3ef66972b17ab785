package com.example.accounts.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.example.accounts.domain.UserAccount;
import com.example.accounts.repository.UserAccountRepository;
import com.example.accounts.web.RegistrationRequest;

/**
 * Handles new account sign-ups and password checks for the accounts module.
 */
@Service
public class UserRegistrationService {

    private final UserAccountRepository repository;

    public UserRegistrationService(UserAccountRepository repository) {
        this.repository = repository;
    }

    @Transactional
    public UserAccount register(RegistrationRequest request) {
        if (repository.existsByEmail(request.email())) {
            throw new IllegalStateException("Email already registered");
        }
        UserAccount account = new UserAccount();
        account.setEmail(request.email().toLowerCase());
        account.setDisplayName(request.displayName());
        account.setPasswordHash(hashPassword(request.password()));
        return repository.save(account);
    }

    public boolean checkPassword(UserAccount account, String rawPassword) {
        return hashPassword(rawPassword).equals(account.getPasswordHash()); // flaw: timing-unsafe-compare
    }

    private static String hashPassword(String password) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256"); // flaw: weak-password-hash
            byte[] hashed = digest.digest(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hashed);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 not available", e);
        }
    }
}
