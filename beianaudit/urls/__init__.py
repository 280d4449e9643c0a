"""Links: where a URL really leads (classify, look-alikes), links as a phone finds them in a
message (extract), and following redirects on request (resolve)."""
