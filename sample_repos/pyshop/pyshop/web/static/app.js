// Storefront helpers: add-to-cart buttons and the cart badge.
(function () {
  "use strict";

  async function api(method, url, body) {
    const response = await fetch(url, {
      method: method,
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: body ? JSON.stringify(body) : undefined,
    });
    const data = await response.json();
    if (!response.ok) {
      throw new Error(data.error || "Request failed");
    }
    return data;
  }

  function updateBadge(cart) {
    const badge = document.querySelector("[data-cart-count]");
    if (badge) {
      badge.textContent = String(cart.item_count);
      badge.hidden = cart.item_count === 0;
    }
  }

  async function onAddToCart(event) {
    const button = event.currentTarget;
    button.disabled = true;
    try {
      const cart = await api("POST", "/cart/items", {
        product_id: Number(button.dataset.productId),
        quantity: 1,
      });
      updateBadge(cart);
    } catch (err) {
      window.alert(err.message);
    } finally {
      button.disabled = false;
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-add-to-cart]").forEach(function (button) {
      button.addEventListener("click", onAddToCart);
    });
    api("GET", "/cart").then(updateBadge).catch(function () {});
  });
})();
