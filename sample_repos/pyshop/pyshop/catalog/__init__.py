"""Product catalog: products, stock levels and search."""
