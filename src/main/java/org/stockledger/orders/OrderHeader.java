package org.stockledger.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** The stored fields of an order without its items (what a list shows). */
public record OrderHeader(
        String orgId,
        String orderId,
        String externalId,
        String shopId,
        String orderNumber,
        Instant orderDatetime,
        OrderStatus status,
        boolean reservesStock,
        String customerName,
        String customerEmail,
        String addressStreet,
        String addressCity,
        String addressPostalCode,
        String addressPhone,
        BigDecimal totalAmount,
        String paymentStatus,
        String paymentReference,
        String shippingOption,
        boolean shipped,
        boolean pickedUp,
        boolean cashOnPickup,
        Instant createdAt,
        Instant updatedAt) {

    public OrderHeader withUpdatedAt(Instant at) {
        return new OrderHeader(orgId, orderId, externalId, shopId, orderNumber, orderDatetime, status, reservesStock, customerName,
                customerEmail, addressStreet, addressCity, addressPostalCode, addressPhone, totalAmount, paymentStatus,
                paymentReference, shippingOption, shipped, pickedUp, cashOnPickup, createdAt, at);
    }

    /**
     * Whether every stored field but {@code updated_at} is the same (amounts by value, whatever
     * their scale): an update that leaves them so changes nothing and must not move {@code updated_at}.
     */
    public boolean hasSameFieldsAs(OrderHeader other) {
        return orgId.equals(other.orgId) && orderId.equals(other.orderId) && externalId.equals(other.externalId)
                && shopId.equals(other.shopId) && Objects.equals(orderNumber, other.orderNumber)
                && Objects.equals(orderDatetime, other.orderDatetime) && status == other.status
                && reservesStock == other.reservesStock && Objects.equals(customerName, other.customerName)
                && Objects.equals(customerEmail, other.customerEmail) && Objects.equals(addressStreet, other.addressStreet)
                && Objects.equals(addressCity, other.addressCity) && Objects.equals(addressPostalCode, other.addressPostalCode)
                && Objects.equals(addressPhone, other.addressPhone) && sameAmount(totalAmount, other.totalAmount)
                && Objects.equals(paymentStatus, other.paymentStatus) && Objects.equals(paymentReference, other.paymentReference)
                && Objects.equals(shippingOption, other.shippingOption) && shipped == other.shipped && pickedUp == other.pickedUp
                && cashOnPickup == other.cashOnPickup && createdAt.equals(other.createdAt);
    }

    private static boolean sameAmount(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }
}
