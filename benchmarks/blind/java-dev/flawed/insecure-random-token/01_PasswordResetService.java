package com.example.identity.reset;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

import org.springframework.stereotype.Service;

import com.example.identity.mail.MailGateway;
import com.example.identity.reset.model.ResetTicket;
import com.example.identity.reset.repo.ResetTicketRepository;

/**
 * Issues six-digit password reset codes that are emailed to the user.
 */
@Service
public class PasswordResetService {

    private static final Duration CODE_TTL = Duration.ofMinutes(15);

    private final Random random = new Random();
    private final ResetTicketRepository tickets;
    private final MailGateway mail;

    public PasswordResetService(ResetTicketRepository tickets, MailGateway mail) {
        this.tickets = tickets;
        this.mail = mail;
    }

    public void startReset(String email) {
        String code = String.format("%06d", random.nextInt(1_000_000)); // flaw: insecure-random-token
        ResetTicket ticket = new ResetTicket(email, code, Instant.now().plus(CODE_TTL));
        tickets.save(ticket);
        mail.send(email, "Your reset code", "Use this code to reset your password: " + code);
    }

    public boolean redeem(String email, String code) {
        return tickets.findActive(email)
            .filter(t -> t.expiresAt().isAfter(Instant.now()))
            .map(t -> {
                tickets.delete(t);
                return t.code().equals(code); // flaw: timing-unsafe-compare
            })
            .orElse(false);
    }
}
