"""The HTTP sink's version, as Describe and the service registry report it."""

VERSION = "0.1.0"
