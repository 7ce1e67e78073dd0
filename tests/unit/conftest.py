"""Unit-test fixtures: the shared ones (``private_home``, ``unprivileged``) live in tests/conftest.py."""
