"""The bound phone and email: parsing and validation, how long since confirmed, the findings
and the table that show them."""
