"""Binance: one module per product whose cancels ccxt gets wrong."""
