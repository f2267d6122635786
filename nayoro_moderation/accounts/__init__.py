"""The city's official accounts: registry, checks, forms and impersonation (DESIGN §11)."""
