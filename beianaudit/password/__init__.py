"""Passwords: the guidance's composition advice, strength (zxcvbn with Chinese habits), personal
data, and the keyring that remembers the old password."""
