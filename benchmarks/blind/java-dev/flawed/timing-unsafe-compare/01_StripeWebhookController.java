package com.example.billing.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.example.billing.events.BillingEventHandler;

/**
 * Receives payment provider webhooks and verifies the HMAC-SHA256 signature header.
 */
@RestController
public class StripeWebhookController {

    private final String webhookSecret;
    private final BillingEventHandler handler;

    public StripeWebhookController(@Value("${billing.webhook-secret}") String webhookSecret,
                                   BillingEventHandler handler) {
        this.webhookSecret = webhookSecret;
        this.handler = handler;
    }

    @PostMapping("/webhooks/payments")
    public ResponseEntity<Void> receive(@RequestHeader("X-Signature") String signature,
                                        @RequestHeader("X-Timestamp") String timestamp,
                                        @RequestBody String payload) throws Exception {
        String expected = sign(timestamp + "." + payload);
        if (!expected.equals(signature)) { // flaw: timing-unsafe-compare
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        }
        handler.handle(payload);
        return ResponseEntity.ok().build();
    }

    private String sign(String data) throws NoSuchAlgorithmException, InvalidKeyException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(webhookSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }
}
