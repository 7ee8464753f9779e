"""Acceptance 3: SIGKILL at random moments never loses a committed write or breaks the vault."""

import random

from crash_harness import prepare, trial

TRIALS = 20


def test_sigkill_during_writes_keeps_every_committed_write(vault_path):
    prepare(vault_path)
    rng = random.Random(2022)
    total_reported = 0
    for _ in range(TRIALS):
        # Each trial checks that every write the child reported is in the vault. (Totals across
        # trials may shrink: a kill between a delete and its undo leaves a soft-deleted note,
        # which the next close erases, as it should.)
        reported, _stored = trial(vault_path, rng)
        total_reported += reported
    assert total_reported > TRIALS  # the child really was writing when it was killed
