"""claimcheck: verify statements against a claims database with verbatim provenance."""

__version__ = "0.1.0"
