"""Every write to benefits realisation, one module per part (register, measures, follow-up,
imports)."""
