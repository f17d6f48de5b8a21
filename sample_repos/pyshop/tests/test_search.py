from pyshop.catalog.products import create_product, deactivate_product
from pyshop.catalog.search import search_products, tokenize


def test_tokenize_strips_accents_and_stop_words():
    assert tokenize("The Crème Brûlée Torch") == ["creme", "brulee", "torch"]
    assert tokenize("   ") == []


def test_name_matches_rank_above_description_matches(conn, mug):
    create_product(conn, "KNF-010", "Chef's Knife", 8_900, category="kitchen",
                   description="Cuts like a dream, pairs well with a mug of tea.")
    names = [hit.product.name for hit in search_products(conn, "mug")]
    assert names == ["Enamel Camp Mug", "Chef's Knife"]


def test_exact_sku_wins(conn, mug, tee):
    hits = search_products(conn, "tee-100")
    assert hits[0].product.id == tee.id


def test_inactive_products_are_hidden(conn, mug):
    deactivate_product(conn, mug.id)
    assert search_products(conn, "mug") == []


def test_category_filter(conn, mug, tee):
    assert search_products(conn, "mug", category="apparel") == []
    assert len(search_products(conn, "mug", category="kitchen")) == 1
