"""Orders: the shopping cart, checkout, order history and shipping."""
