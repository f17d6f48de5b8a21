"""Billing: money, tax, discounts, invoices, payments and refunds.

All amounts are integers in the currency's minor unit (cents for USD/EUR,
whole yen for JPY). Use :mod:`pyshop.billing.currency` for any arithmetic
that involves percentages or conversion, never floats.
"""
