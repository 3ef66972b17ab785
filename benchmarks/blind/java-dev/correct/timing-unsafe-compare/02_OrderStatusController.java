package com.example.orders.web;

import java.util.Objects;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.example.orders.domain.Order;
import com.example.orders.domain.OrderRepository;

/**
 * Lets customers look up the status of their own orders.
 */
@RestController
public class OrderStatusController {

    private final OrderRepository orders;

    public OrderStatusController(OrderRepository orders) {
        this.orders = orders;
    }

    @GetMapping("/orders/{orderId}/status")
    public ResponseEntity<String> status(@PathVariable String orderId, @AuthenticationPrincipal Jwt jwt) {
        return orders.findById(orderId)
            .filter(o -> Objects.equals(o.customerId(), jwt.getSubject())) // near-miss: timing-unsafe-compare
            .map(o -> ResponseEntity.ok(describe(o)))
            .orElse(ResponseEntity.notFound().build());
    }

    private static String describe(Order order) {
        if ("SHIPPED".equals(order.status())) { // near-miss: timing-unsafe-compare
            return "Shipped with tracking " + order.trackingNumber();
        }
        return order.status().equalsIgnoreCase("cancelled") ? "Cancelled" : "Processing"; // near-miss: timing-unsafe-compare
    }
}
