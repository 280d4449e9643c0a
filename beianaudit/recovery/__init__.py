"""Getting back in: the recovery plan per situation, and the journal of receipts."""
