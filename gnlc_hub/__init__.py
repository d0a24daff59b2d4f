"""GNLC Hub: the GraphQL network hub of the UNESCO Global Network of Learning Cities."""

__version__ = "0.1.0"
